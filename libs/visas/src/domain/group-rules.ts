import type { FieldProblem } from '@medjourney/platform';
import { ageOn, categoryFitsStay, entriesAllowed, passportLongEnough, stayDays } from './visa-terms.js';
import { FAMILY, type Category, type Entries, type Relationship, type Track } from './vocabulary.js';

export interface RulePerson {
  role: 'patient' | 'companion';
  relationship: Relationship | null;
  surname: string;
  givenNames: string;
  dateOfBirth: string;
  nationality: string;
  passportExpiry: string;
}

export interface RuleApplication {
  category: Category;
  entries: Entries;
  stayFrom: string;
  stayUntil: string;
  treatment: { specialty: string; plannedStart: string; plannedEnd: string };
  persons: RulePerson[];
}

export interface RuleSettings {
  maxCompanions: number;
  passportMinValidity: string;
  restrictedEntryNationalities: readonly string[];
  evisaExcludedNationalities: readonly string[];
}

export interface RuleContext {
  sponsorSpecialties: readonly string[];
  /** Known at submission; before it, the track rules are not checked. */
  track?: Track;
}

/** A broken rule: the spec's code, a sentence, and the fields it concerns. */
export interface RuleViolation {
  code: string;
  title: string;
  detail: string;
  errors: FieldProblem[];
}

const personLabel = (p: RulePerson, i: number) => `persons[${i}] (${p.surname} ${p.givenNames})`;

/**
 * Every group rule of spec/visas.md in a fixed order; returns the first broken one (the API
 * answers one code at a time), with every person it concerns. Pure.
 */
export function checkGroupRules(app: RuleApplication, settings: RuleSettings, ctx: RuleContext): RuleViolation | null {
  const companions = app.persons.filter((p) => p.role === 'companion');
  const patient = app.persons.find((p) => p.role === 'patient')!;
  const v = (code: string, title: string, detail: string, errors: FieldProblem[]): RuleViolation => ({ code, title, detail, errors });

  if (companions.length > settings.maxCompanions) {
    return v('TOO_MANY_COMPANIONS', 'Too many companions', `An application may hold at most ${settings.maxCompanions} companions; this one holds ${companions.length}.`, [
      { field: 'companions', message: `at most ${settings.maxCompanions} companions` },
    ]);
  }
  const days = stayDays(app.stayFrom, app.stayUntil);
  if (!categoryFitsStay(app.category, days)) {
    const fits = app.category === 'C-3-3' ? 'G-1-10' : days <= 90 ? 'C-3-3' : 'none';
    return v('CATEGORY_DOES_NOT_FIT_STAY', 'Category does not fit the stay', `A stay of ${days} days does not fit ${app.category}${fits !== 'none' ? `; it fits ${fits}` : ''}.`, [
      { field: 'category', message: `${app.category} does not allow a stay of ${days} days` },
    ]);
  }
  const notAllowed = app.persons
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !entriesAllowed(app.category, app.entries, p.nationality, settings.restrictedEntryNationalities));
  if (notAllowed.length) {
    return v('ENTRIES_NOT_ALLOWED', 'Entries not allowed', `${app.entries} entries are not allowed for ${app.category} for ${notAllowed.map(({ p, i }) => personLabel(p, i)).join(', ')}.`, [
      { field: 'entries', message: `${app.entries} entries not allowed` },
      ...notAllowed.map(({ i }) => ({ field: `persons[${i}].nationality`, message: 'nationality restricted to single or double entries' })),
    ]);
  }
  if (ageOn(patient.dateOfBirth, app.stayFrom) < 18 && !companions.some((c) => c.relationship === 'parent' || c.relationship === 'guardian')) {
    return v('MINOR_WITHOUT_GUARDIAN', 'Minor without a parent or guardian', 'A patient under 18 needs a companion who is a parent or guardian.', [
      { field: 'companions', message: 'a parent or guardian is required' },
    ]);
  }
  const shortPassports = app.persons
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !passportLongEnough(p.passportExpiry, app.stayFrom, app.stayUntil, settings.passportMinValidity));
  if (shortPassports.length) {
    return v(
      'PASSPORT_VALIDITY_TOO_SHORT',
      'Passport validity too short',
      `Passports must be valid ${settings.passportMinValidity} after the stay starts and through the stay: ${shortPassports.map(({ p, i }) => personLabel(p, i)).join(', ')}.`,
      shortPassports.map(({ i }) => ({ field: `persons[${i}].passportExpiry`, message: 'passport expires too soon' })),
    );
  }
  if (!ctx.sponsorSpecialties.includes(app.treatment.specialty)) {
    return v('SPECIALTY_NOT_OFFERED', 'Specialty not offered', `The sponsor does not offer ${app.treatment.specialty}.`, [
      { field: 'treatment.specialty', message: 'not offered by the sponsor' },
    ]);
  }
  const t = app.treatment;
  if (t.plannedStart > t.plannedEnd || t.plannedStart < app.stayFrom || t.plannedEnd > app.stayUntil) {
    return v('TREATMENT_OUTSIDE_STAY', 'Treatment outside the stay', 'The planned treatment must fall within the stay.', [
      { field: 'treatment', message: 'plannedStart and plannedEnd must be within stayFrom and stayUntil' },
    ]);
  }
  if (ctx.track === 'e_visa') {
    const excluded = app.persons.map((p, i) => ({ p, i })).filter(({ p }) => settings.evisaExcludedNationalities.includes(p.nationality));
    if (excluded.length) {
      return v('NATIONALITY_NOT_ELIGIBLE', 'Nationality not eligible for e-visas', `E-visas are not available to ${excluded.map(({ p, i }) => personLabel(p, i)).join(', ')}.`, excluded.map(({ i }) => ({
        field: `persons[${i}].nationality`, message: 'excluded from the e-visa track',
      })));
    }
  }
  if (ctx.track === 'certificate') {
    const nonFamily = app.persons.map((p, i) => ({ p, i })).filter(({ p }) => p.role === 'companion' && !FAMILY.includes(p.relationship!));
    if (nonFamily.length) {
      return v('COMPANION_NOT_ALLOWED', 'Companion not allowed', 'Caregivers and guardians may accompany only on the e-visa track.', nonFamily.map(({ i }) => ({
        field: `persons[${i}].relationship`, message: 'not allowed on the certificate track',
      })));
    }
  }
  return null;
}
