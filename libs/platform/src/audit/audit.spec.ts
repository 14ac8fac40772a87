import { describe, expect, it } from '@jest/globals';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash.js';
import { maskPersonalData, maskValue } from './mask.js';

describe('audit hashing', () => {
  const record = {
    seq: '1', occurredAt: new Date('2026-11-22T09:00:00Z'), actorId: null, actorRole: null, action: 'user.created',
    entityType: 'user', entityId: 'u1', before: null, after: { b: 1, a: { d: 2, c: 3 } }, requestId: 'r', ip: '127.0.0.1', prevHash: GENESIS_HASH,
  };

  it('is independent of key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(auditHash({ ...record, after: { a: { c: 3, d: 2 }, b: 1 } })).toBe(auditHash(record));
  });

  it('changes with any field and with the previous hash', () => {
    const base = auditHash(record);
    expect(auditHash({ ...record, action: 'user.updated' })).not.toBe(base);
    expect(auditHash({ ...record, after: { b: 2, a: { d: 2, c: 3 } } })).not.toBe(base);
    expect(auditHash({ ...record, prevHash: 'f'.repeat(64) })).not.toBe(base);
    expect(auditHash({ ...record, seq: '2' })).not.toBe(base);
  });
});

describe('masking personal data for the audit log', () => {
  it('masks passport numbers as M1234****, dates of birth, and removes secrets at any depth', () => {
    const masked = maskPersonalData({
      name: 'Aigerim',
      passportNumber: 'M12345678',
      persons: [{ dateOfBirth: '1990-04-01', passportNumber: 'N98765432' }],
      password: 'secret secret',
      invitationToken: 'abc',
    });
    expect(masked).toEqual({
      name: 'Aigerim',
      passportNumber: 'M1234****',
      persons: [{ dateOfBirth: '****-**-**', passportNumber: 'N9876****' }],
      password: '[REDACTED]',
      invitationToken: '[REDACTED]',
    });
  });

  it('masks short values entirely', () => {
    expect(maskValue('AB12')).toBe('****');
  });
});
