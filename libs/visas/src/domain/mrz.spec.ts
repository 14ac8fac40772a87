import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@medjourney/platform';
import { checkMrz, type MrzPerson } from './mrz.js';

/** ICAO 9303 check digit: weights 7, 3, 1; `<` is 0, digits themselves, A–Z 10–35. */
function checkDigit(text: string): string {
  const value = (c: string) => (c === '<' ? 0 : parseInt(c, 36));
  return String([...text].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
}

interface Td3 {
  state: string;
  names: string;
  number: string;
  nationality: string;
  birth: string;
  sex: string;
  expiry: string;
  personal: string;
}

const KAZ: Td3 = {
  state: 'KAZ',
  names: 'NURLANOVA<<AIGERIM<SERIKKYZY',
  number: 'N12345678',
  nationality: 'KAZ',
  birth: '850314',
  sex: 'F',
  expiry: '310101',
  personal: '850314400123',
};

const PERSON: MrzPerson = {
  surname: 'Nurlanova',
  givenNames: 'Aigerim Serikkyzy',
  sex: 'F',
  dateOfBirth: '1985-03-14',
  nationality: 'KAZ',
  passportNumber: 'N12345678',
  passportExpiry: '2031-01-01',
};

/** Two TD3 lines with valid check digits. */
function td3(o: Td3 = KAZ): string[] {
  const number = o.number.padEnd(9, '<');
  const personal = o.personal.padEnd(14, '<');
  const line2 =
    number + checkDigit(number) + o.nationality.padEnd(3, '<') + o.birth + checkDigit(o.birth) + o.sex +
    o.expiry + checkDigit(o.expiry) + personal + checkDigit(personal);
  return [`P<${o.state}${o.names}`.padEnd(44, '<'), withComposite(line2)];
}

function withComposite(line2: string): string {
  return line2.slice(0, 43) + checkDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43));
}

/** Breaks the check digit at `index` of line 2, keeping the composite right unless it is the one broken. */
function breakDigit([line1, line2]: string[], index: number): string[] {
  const broken = line2.slice(0, index) + String((Number(line2[index]) + 1) % 10) + line2.slice(index + 1);
  return [line1, index === 43 ? broken : withComposite(broken)];
}

function problemsOf(run: () => void): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.status).toBe(400);
    expect(domainError.code).toBe('VALIDATION_FAILED');
    return (domainError.errors ?? []).map((problem) => problem.field);
  }
  throw new Error('expected a validation error');
}

describe('checkMrz', () => {
  it('accepts a valid MRZ that agrees with the person', () => {
    expect(() => checkMrz(td3(), PERSON, 'persons[0]')).not.toThrow();
  });

  it.each([
    [9, 'documentNumberCheckDigit'],
    [19, 'birthDateCheckDigit'],
    [27, 'expirationDateCheckDigit'],
    [42, 'personalNumberCheckDigit'],
    [43, 'compositeCheckDigit'],
  ])('refuses a wrong check digit at position %i, naming %s', (index, field) => {
    expect(problemsOf(() => checkMrz(breakDigit(td3(), index), PERSON, 'persons[1]'))).toEqual([`persons[1].mrz.${field}`]);
  });

  it('accepts an empty personal number with the check digit 0 or <', () => {
    const lines = td3({ ...KAZ, personal: '' });
    expect(lines[1].slice(28, 43)).toBe('<<<<<<<<<<<<<<0');
    expect(() => checkMrz(lines, PERSON, 'persons[0]')).not.toThrow();
    const filler = withComposite(`${lines[1].slice(0, 42)}<<`);
    expect(() => checkMrz([lines[0], filler], PERSON, 'persons[0]')).not.toThrow();
  });

  it.each<[string, Partial<MrzPerson>]>([
    ['passportNumber', { passportNumber: 'N12345679' }],
    ['nationality', { nationality: 'RUS' }],
    ['dateOfBirth', { dateOfBirth: '1985-03-15' }],
    ['passportExpiry', { passportExpiry: '2031-01-02' }],
    ['sex', { sex: 'M' }],
    ['surname', { surname: 'Nurlanov' }],
    ['givenNames', { givenNames: 'Aigerim' }],
  ])('refuses an MRZ that disagrees with the person on %s', (field, change) => {
    expect(problemsOf(() => checkMrz(td3(), { ...PERSON, ...change }, 'persons[0]'))).toEqual([`persons[0].mrz.${field}`]);
  });

  it('reads < as sex X and compares dates on the full date the person gives', () => {
    const lines = td3({ ...KAZ, sex: '<', birth: '010203', expiry: '990101' });
    expect(() =>
      checkMrz(lines, { ...PERSON, sex: 'X', dateOfBirth: '2001-02-03', passportExpiry: '2099-01-01' }, 'persons[0]'),
    ).not.toThrow();
  });

  it('reads the German D<< as DEU and transliterates names as ICAO 9303 does', () => {
    const lines = td3({ ...KAZ, state: 'D<<', nationality: 'D', names: 'MUELLER<SCHMIDT<<JOSE<OBRIEN', personal: '' });
    expect(lines[1].slice(10, 13)).toBe('D<<');
    const german = { ...PERSON, nationality: 'DEU', surname: 'Müller-Schmidt', givenNames: "José O'Brien" };
    expect(() => checkMrz(lines, german, 'persons[0]')).not.toThrow();
    expect(problemsOf(() => checkMrz(lines, { ...german, nationality: 'DNK' }, 'persons[0]'))).toEqual(['persons[0].mrz.nationality']);
  });

  it('accepts given names truncated to fit the name field, but not a longer surname', () => {
    const names = 'NURLANOVA<<AIGERIM<SERIKKYZY<GULNARA<ALTYNBEK'.slice(0, 39);
    const person = { ...PERSON, givenNames: 'Aigerim Serikkyzy Gulnara Altynbekovna' };
    expect(() => checkMrz(td3({ ...KAZ, names }), person, 'persons[0]')).not.toThrow();
    // The surname ended at its `<<`, so it was not truncated and must match whole.
    expect(problemsOf(() => checkMrz(td3({ ...KAZ, names }), { ...person, surname: 'Nurlanovaya' }, 'persons[0]'))).toEqual([
      'persons[0].mrz.surname',
    ]);
  });

  it('names malformed MRZ fields, such as an unknown issuing state', () => {
    // The ICAO specimen state UTO is not a real state, and the mrz package refuses it.
    expect(problemsOf(() => checkMrz(td3({ ...KAZ, state: 'UTO' }), PERSON, 'persons[0]'))).toEqual(['persons[0].mrz.issuingState']);
  });

  it.each([
    ['a short line', (l: string[]) => [l[0].slice(1), l[1]]],
    ['a long line', (l: string[]) => [l[0], `${l[1]}<`]],
    ['one line', (l: string[]) => [l[0]]],
    ['three lines', (l: string[]) => [...l, l[1]]],
    ['lower case', (l: string[]) => [l[0].toLowerCase(), l[1]]],
    ['TD1 lines', (l: string[]) => [l[0].slice(0, 30), l[1].slice(0, 30), l[1].slice(0, 30)]],
  ])('refuses %s', (_, change) => {
    expect(problemsOf(() => checkMrz(change(td3()), PERSON, 'persons[2]'))).toEqual(['persons[2].mrz']);
  });
});
