/** Injection token for the validated configuration (provided by PlatformModule). */
export const APP_CONFIG = Symbol('APP_CONFIG');
