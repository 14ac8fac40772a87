import { describe, expect, it } from '@jest/globals';
import { PiiCipher } from './pii-cipher.js';

const cipher = new PiiCipher({ piiKey: Buffer.alloc(32, 1) });

describe('PII cipher', () => {
  it('round-trips, with a fresh IV each time and the key id in the value', () => {
    const a = cipher.encrypt('M12345678');
    const b = cipher.encrypt('M12345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('M12345678');
    expect(a.split('.')).toHaveLength(5);
    expect(cipher.decrypt(a)).toBe('M12345678');
  });

  it('refuses a tampered value and a value of another key', () => {
    const sealed = cipher.encrypt('1990-04-01');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new PiiCipher({ piiKey: Buffer.alloc(32, 2) }).decrypt(sealed)).toThrow(/unknown key/);
  });

  it('hashes deterministically per key, and unambiguously across parts', () => {
    expect(cipher.hash('KAZ', 'N1234567')).toBe(cipher.hash('KAZ', 'N1234567'));
    expect(cipher.hash('KAZ', 'N1234567')).not.toBe(cipher.hash('KAZN', '1234567'));
    expect(new PiiCipher({ piiKey: Buffer.alloc(32, 2) }).hash('KAZ', 'N1234567')).not.toBe(cipher.hash('KAZ', 'N1234567'));
  });
});
