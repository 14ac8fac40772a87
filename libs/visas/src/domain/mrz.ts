import { DomainError, type FieldProblem } from '@medjourney/platform';
import { parse } from 'mrz';

/** The person's declared passport data that the MRZ must agree with. */
export interface MrzPerson {
  surname: string;
  givenNames: string;
  sex: 'M' | 'F' | 'X';
  dateOfBirth: string /* YYYY-MM-DD */;
  nationality: string /* ISO alpha-3 */;
  passportNumber: string;
  passportExpiry: string /* YYYY-MM-DD */;
}

/** Checked here rather than trusted to `mrz`, whose own line check accepts any line with one valid character. */
const TD3_LINE = /^[A-Z0-9<]{44}$/;

const SEX: Record<string, MrzPerson['sex']> = { male: 'M', female: 'F', nonspecified: 'X' };

/** ICAO 9303 transliterations that are more than dropping the accent (Müller → MUELLER). */
const ICAO_LETTERS: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', Å: 'AA', Æ: 'AE', Ø: 'OE', Œ: 'OE', Þ: 'TH' };

/**
 * Checks the two TD3 lines of a passport data page (spec/visas.md, persons): every ICAO 9303
 * check digit, and that the MRZ agrees with the person. Throws a 400 naming each failing field as
 * `${fieldPrefix}.mrz.<field>`.
 */
export function checkMrz(lines: string[], person: MrzPerson, fieldPrefix: string): void {
  const at = (what: string) => `${fieldPrefix}.mrz.${what}`;
  if (lines.length !== 2 || !lines.every((line) => TD3_LINE.test(line))) {
    throw DomainError.validation([
      { field: `${fieldPrefix}.mrz`, message: 'must be the two 44-character lines (A-Z, 0-9, <) of a passport data page' },
    ]);
  }

  const { details, fields } = parse(lines);
  // Malformed fields and wrong check digits; a malformed field's value is null and is not compared below.
  const problems: FieldProblem[] = details
    .filter((detail) => !detail.valid)
    .map((detail) => ({ field: at(detail.field ?? detail.label), message: detail.error ?? 'is not valid' }));

  const differs = (what: string, mrzValue: string | null | undefined, agrees: (value: string) => boolean) => {
    if (mrzValue != null && !agrees(mrzValue)) problems.push({ field: at(what), message: `does not match the person's ${what}` });
  };
  // A full name field (no filler at the end) may have been truncated to fit: the given names, or
  // the surname too when no `<<` separator is left.
  const truncated = lines[0][43] !== '<';
  const surnameTruncated = truncated && !lines[0].slice(5).includes('<<');
  differs('passportNumber', fields.documentNumber, (value) => value === person.passportNumber.toUpperCase());
  differs('nationality', fields.nationality, (value) => (value === 'D' ? 'DEU' : value) === person.nationality);
  // The person's full date settles the century that the MRZ's two-digit year leaves open.
  differs('dateOfBirth', fields.birthDate, (value) => value === yymmdd(person.dateOfBirth));
  differs('passportExpiry', fields.expirationDate, (value) => value === yymmdd(person.passportExpiry));
  differs('sex', fields.sex, (value) => SEX[value] === person.sex);
  differs('surname', fields.lastName, (value) => sameName(value, person.surname, surnameTruncated));
  differs('givenNames', fields.firstName, (value) => sameName(value, person.givenNames, truncated));

  if (problems.length > 0) throw DomainError.validation(problems, 'The passport MRZ is not valid or does not match the person.');
}

function yymmdd(date: string): string {
  return date.slice(2).replaceAll('-', '');
}

/** Names compare on their letters only: MRZs drop apostrophes and turn spaces and hyphens into `<`. */
function sameName(mrzName: string, personName: string, truncated: boolean): boolean {
  const [mrzKey] = nameKeys(mrzName);
  return nameKeys(personName).some((key) => key === mrzKey || (truncated && mrzKey !== '' && key.startsWith(mrzKey)));
}

/** The name's letters without accents, and with ICAO's transliterations (ß already becomes SS when upper-cased). */
function nameKeys(name: string): string[] {
  const upper = name.normalize('NFC').toUpperCase();
  return [upper, upper.replace(/[ÄÖÜÅÆØŒÞ]/g, (letter) => ICAO_LETTERS[letter])].map((variant) =>
    variant.normalize('NFD').replace(/[^A-Z]/g, ''),
  );
}
