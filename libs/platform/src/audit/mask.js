const SECRET_KEYS = /^(password|passwordHash|token|invitationToken|accessToken|secret)$/i;
const PERSONAL_KEYS = /^(passportNumber|dateOfBirth|birthDate|mrz|diagnosis|medicalNotes|treatmentNotes)$/i;
export function maskPersonalData(value) {
    if (Array.isArray(value))
        return value.map(maskPersonalData);
    if (value instanceof Date)
        return value;
    if (value && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            if (SECRET_KEYS.test(k))
                out[k] = v == null ? v : '[REDACTED]';
            else if (PERSONAL_KEYS.test(k))
                out[k] = v == null ? v : maskValue(String(v));
            else
                out[k] = maskPersonalData(v);
        }
        return out;
    }
    return value;
}
export function maskValue(value) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value))
        return '****-**-**';
    return value.length <= 5 ? '****' : `${value.slice(0, 5)}****`;
}
//# sourceMappingURL=mask.js.map