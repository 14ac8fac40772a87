import { describe, expect, it } from '@jest/globals';
import { generateVisaNumber, isValidVisaNumber } from './visa-number.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A fixed sequence of draws, so that a test can pick the characters. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('visa numbers', () => {
  const sample = generateVisaNumber();

  it('are 10 capitals and digits without I and O, ending in a valid check character', () => {
    expect(sample).toMatch(/^[0-9A-HJ-NP-Z]{10}$/);
    expect(isValidVisaNumber(sample)).toBe(true);
  });

  it('use the ISO 7064 MOD 37-2 check character, drawing again when it would be *, O or I', () => {
    expect(generateVisaNumber(draws(0))).toBe('0000000001');
    const at = (c: string) => (ALPHABET.indexOf(c) + 0.5) / ALPHABET.length;
    // MOD 37-2 gives 000000001 the check character *, 000000007 the O and 00000000A the I.
    const bodies = ['000000001', '000000007', '00000000A', 'G12349865'];
    expect(generateVisaNumber(draws(...[...bodies.join('')].map(at)))).toBe('G12349865M');
  });

  it('refuses wrong formats', () => {
    for (const n of ['', sample.slice(1), `${sample}0`, 'g12349865m', '000000001*', '000000007O', '00000000AI']) {
      expect(isValidVisaNumber(n)).toBe(false);
    }
  });

  it('detects every single-character substitution at every position', () => {
    for (let i = 0; i < 10; i++) {
      for (const c of ALPHABET) {
        if (c === sample[i]) continue;
        expect(isValidVisaNumber(sample.slice(0, i) + c + sample.slice(i + 1))).toBe(false);
      }
    }
  });

  it('detects every transposition of adjacent differing characters', () => {
    for (let n = 0; n < 200; n++) {
      const number = generateVisaNumber();
      for (let i = 0; i < 9; i++) {
        if (number[i] === number[i + 1]) continue;
        expect(isValidVisaNumber(number.slice(0, i) + number[i + 1] + number[i] + number.slice(i + 2))).toBe(false);
      }
    }
  });

  it('are all valid and distinct over 10,000 draws', () => {
    const numbers = Array.from({ length: 10_000 }, () => generateVisaNumber());
    expect(numbers.every(isValidVisaNumber)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
