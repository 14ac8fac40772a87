/** Field names whose values never reach the audit log or the logs in clear. */
const SECRET_KEYS = /^(password|passwordHash|token|invitationToken|accessToken|secret)$/i;
const PERSONAL_KEYS = /^(passportNumber|dateOfBirth|birthDate|mrz|diagnosis|medicalNotes|treatmentNotes)$/i;

/** Masks personal data before it is written to the audit log: `M1234****`, dates as `****`. */
export function maskPersonalData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskPersonalData) as T;
  if (value instanceof Date) return value;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEYS.test(k)) out[k] = v == null ? v : '[REDACTED]';
      else if (PERSONAL_KEYS.test(k)) out[k] = v == null ? v : maskValue(String(v));
      else out[k] = maskPersonalData(v);
    }
    return out as T;
  }
  return value;
}

/** Keeps the first five characters of a passport number, as the spec's `M1234****`. */
/** A date masked: nothing of it shows. */
export const DATE_MASK = '****-**-**';

export function maskValue(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DATE_MASK;
  return value.length <= 5 ? '****' : `${value.slice(0, 5)}****`;
}
