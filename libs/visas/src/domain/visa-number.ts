import { randomInt } from 'node:crypto';

/** Digits and capitals without I and O, which read as 1 and 0. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const VISA_NUMBER = /^[0-9A-HJ-NP-Z]{10}$/;

const cryptoRandom = () => randomInt(2 ** 32) / 2 ** 32;

/**
 * A visa number (spec/visas.md): 9 random characters and an ISO 7064 MOD 37-2 check character.
 * MOD 37-2 (characters valued 0–9, A–Z = 10–35, weights 2^k mod 37) detects every single
 * substitution and every transposition, since 37 is prime and 2 is a primitive root modulo 37.
 * Its check character may also be I, O or `*` (36), which a visa number does not use: such draws
 * are discarded, so every visa number is a valid MOD 37-2 string.
 * `random` returns numbers in [0, 1), like Math.random.
 */
export function generateVisaNumber(random: () => number = cryptoRandom): string {
  for (;;) {
    let body = '';
    for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(random() * ALPHABET.length)];
    const check = checkCharacter(body);
    if (ALPHABET.includes(check)) return body + check;
  }
}

export function isValidVisaNumber(n: string): boolean {
  return VISA_NUMBER.test(n) && checkCharacter(n.slice(0, 9)) === n[9];
}

/** ISO 7064 MOD 37-2 check character, computed by the standard's recursive method. */
function checkCharacter(body: string): string {
  let p = 0;
  for (const c of body) p = ((p + parseInt(c, 36)) * 2) % 37;
  const check = (38 - p) % 37;
  return check === 36 ? '*' : check.toString(36).toUpperCase();
}
