import { describe, expect, it } from '@jest/globals';
import { DUMMY_HASHES, hashPassword, verifyPassword } from './passwords.js';

/** argon2id's parameters as a hash encodes them (PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash). */
const parametersOf = (hash: string) => {
  const [, algorithm, , params] = hash.split('$');
  return { algorithm, ...Object.fromEntries(params.split(',').map((p) => [p.split('=')[0], Number(p.split('=')[1])])) };
};

describe('password hashing', () => {
  it('hashes at standard with argon2id at the library defaults of spec/security.md (64 MiB, t=3, p=4)', async () => {
    const hash = await hashPassword('correct horse battery staple', 'standard');
    expect(parametersOf(hash)).toEqual({ algorithm: 'argon2id', m: 65536, t: 3, p: 4 });
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
  });

  it('hashes at fast (the test suite only) with a far cheaper argon2id', async () => {
    const hash = await hashPassword('correct horse battery staple', 'fast');
    expect(parametersOf(hash)).toEqual({ algorithm: 'argon2id', m: 8192, t: 1, p: 1 });
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse battery staple')).toBe(false);
  });

  it('keeps a dummy hash of each cost, verified for an unknown e-mail, that no password opens', async () => {
    expect(parametersOf(DUMMY_HASHES.standard)).toEqual({ algorithm: 'argon2id', m: 65536, t: 3, p: 4 });
    expect(parametersOf(DUMMY_HASHES.fast)).toEqual({ algorithm: 'argon2id', m: 8192, t: 1, p: 1 });
    for (const hash of Object.values(DUMMY_HASHES)) expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(false);
  });

  it('answers false for something that is not a hash', async () => {
    expect(await verifyPassword('not a hash', 'correct horse battery staple')).toBe(false);
  });
});
