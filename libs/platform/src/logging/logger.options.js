import { randomUUID } from 'node:crypto';
const SENSITIVE_FIELDS = [
    'password', 'passwordHash', 'token', 'accessToken', 'invitationToken', 'passportNumber', 'dateOfBirth',
    'birthDate', 'mrz', 'diagnosis', 'medicalNotes', 'treatmentNotes', 'authorization', 'cookie',
];
export const REDACT_PATHS = [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["idempotency-key"]',
    'res.headers["set-cookie"]',
    ...SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
export function requestIdOf(req) {
    const given = req.headers['x-request-id'];
    return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
export function loggerParams(config, stream) {
    return {
        pinoHttp: [
            {
                level: config.logLevel,
                redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
                genReqId: (req) => req.id ?? requestIdOf(req),
                customProps: (req) => ({ requestId: req.id }),
                serializers: {
                    req: (req) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
                    res: (res) => ({ statusCode: res.statusCode }),
                },
                autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
            },
            stream,
        ].filter(Boolean),
    };
}
//# sourceMappingURL=logger.options.js.map