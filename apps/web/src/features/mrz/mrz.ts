import { parse } from 'mrz';

export interface PassportFields {
  surname: string;
  givenNames: string;
  sex: 'M' | 'F' | 'X' | '';
  dateOfBirth: string;
  nationality: string;
  passportNumber: string;
  passportExpiry: string;
}

const SEX = { male: 'M', female: 'F', nonspecified: 'X' } as const;

/** The two 44-character lines of a passport's machine-readable zone, however they were pasted. */
export function mrzLines(text: string): string[] {
  return text.toUpperCase().split(/\r?\n/).map((l) => l.replace(/\s/g, '')).filter(Boolean);
}

/**
 * Reads a pasted MRZ (the `mrz` package, the one the API checks with) into a person's fields.
 * The MRZ's two-digit years: a birth year after this year's is last century; expiries are this one.
 * Returns null when the lines are not a readable passport MRZ; the API explains what is wrong on save.
 */
export function readMrz(text: string, today = new Date()): PassportFields | null {
  const lines = mrzLines(text);
  if (lines.length !== 2 || lines.some((l) => l.length !== 44)) return null;
  try {
    const { fields } = parse(lines);
    const yy = today.getUTCFullYear() % 100;
    const date = (v: string | null | undefined, past: boolean) => {
      if (!v) return '';
      const y = Number(v.slice(0, 2));
      const century = past ? (y > yy ? 19 : 20) : 20;
      return `${century}${v.slice(0, 2)}-${v.slice(2, 4)}-${v.slice(4, 6)}`;
    };
    const name = (v: string | null | undefined) => (v ?? '').trim();
    return {
      surname: name(fields.lastName),
      givenNames: name(fields.firstName),
      sex: fields.sex ? SEX[fields.sex as keyof typeof SEX] ?? '' : '',
      dateOfBirth: date(fields.birthDate, true),
      nationality: fields.nationality === 'D' ? 'DEU' : (fields.nationality ?? ''),
      passportNumber: fields.documentNumber ?? '',
      passportExpiry: date(fields.expirationDate, false),
    };
  } catch {
    return null;
  }
}
