export const APP_CONFIG = Symbol('APP_CONFIG');
//# sourceMappingURL=config.module.js.map