import { CAPITAL_AREA, type HospitalType, type Region } from './vocabulary.js';

/** The 24-month figures of a designation application. */
export interface DesignationFigures {
  applications: number;
  persons: number;
  refusals: number;
  overstays: number;
  entryRefusals: number;
}

export interface ScoringInput {
  figures: DesignationFigures;
  interpreters: number;
  koihaValid: boolean;
  type: HospitalType;
  bedCount: number;
  region: Region;
}

export interface ScoringRules {
  maxProblemRate: number;
  regionalBonus: number;
}

export interface ScoreBreakdown {
  persons: number;
  problemRate: number;
  interpreters: number;
  koiha: number;
  largeGeneralHospitalBonus: number;
  regionalBonus: number;
  total: number;
}

const PERSONS_FLOOR = 50;
const PERSONS_CEILING = 2000;
const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** (refusals + overstays + entry refusals) ÷ persons invited; 0 when nobody was invited. */
export function problemRate(f: DesignationFigures): number {
  return f.persons > 0 ? (f.refusals + f.overstays + f.entryRefusals) / f.persons : 0;
}

/** General and tertiary general hospitals of 300 beds or more ("300병상 이상": 300 counts). */
export function qualifiesForBedBonus(type: HospitalType, bedCount: number): boolean {
  return (type === 'general' || type === 'tertiary_general') && bedCount >= 300;
}

/** The score of spec/hospitals.md with its breakdown. Pure. */
export function scoreDesignation(input: ScoringInput, rules: ScoringRules): ScoreBreakdown {
  const persons = 40 * clamp((input.figures.persons - PERSONS_FLOOR) / (PERSONS_CEILING - PERSONS_FLOOR), 0, 1);
  const problem = 30 * clamp(1 - problemRate(input.figures) / rules.maxProblemRate, 0, 1);
  const interpreters = Math.min(15, 3 * Math.max(0, Math.floor(input.interpreters)));
  const koiha = input.koihaValid ? 15 : 0;
  const large = qualifiesForBedBonus(input.type, input.bedCount) ? 10 : 0;
  const regional = CAPITAL_AREA.includes(input.region) ? 0 : rules.regionalBonus;
  const parts = {
    persons: round2(persons),
    problemRate: round2(problem),
    interpreters,
    koiha,
    largeGeneralHospitalBonus: large,
    regionalBonus: regional,
  };
  const total = round2(Object.values(parts).reduce((a, b) => a + b, 0));
  return { ...parts, total };
}

export interface EligibilityInput {
  figures: DesignationFigures;
  registrationValid: boolean;
  alreadyDesignated: boolean;
}

export interface EligibilityRules {
  minApplications: number;
  minPersons: number;
  maxProblemRate: number;
}

export interface EligibilityFailure {
  code: 'REGISTRATION_NOT_VALID' | 'ALREADY_DESIGNATED' | 'TOO_FEW_APPLICATIONS' | 'TOO_FEW_PERSONS' | 'PROBLEM_RATE_TOO_HIGH';
  reason: string;
}

/** Every reason an application is ineligible, in the spec's order; empty when eligible. Pure. */
export function eligibilityFailures(input: EligibilityInput, rules: EligibilityRules): EligibilityFailure[] {
  const out: EligibilityFailure[] = [];
  const f = input.figures;
  if (!input.registrationValid) out.push({ code: 'REGISTRATION_NOT_VALID', reason: 'The hospital has no valid foreign-patient attraction registration.' });
  if (input.alreadyDesignated) out.push({ code: 'ALREADY_DESIGNATED', reason: 'The hospital is already designated for this year.' });
  if (f.applications < rules.minApplications) {
    out.push({ code: 'TOO_FEW_APPLICATIONS', reason: `${f.applications} applications in 24 months; at least ${rules.minApplications} are needed.` });
  }
  if (f.persons < rules.minPersons) out.push({ code: 'TOO_FEW_PERSONS', reason: `${f.persons} persons invited in 24 months; at least ${rules.minPersons} are needed.` });
  const rate = problemRate(f);
  if (rate >= rules.maxProblemRate) {
    out.push({ code: 'PROBLEM_RATE_TOO_HIGH', reason: `Problem rate ${round2(rate * 100)} % is not below ${round2(rules.maxProblemRate * 100)} %.` });
  }
  return out;
}

/** Fast track: a tertiary general hospital, or one with a valid KAHF certification, that is registered. */
export function qualifiesForFastTrack(input: { type: HospitalType; kahfValid: boolean; registrationValid: boolean }): boolean {
  return input.registrationValid && (input.type === 'tertiary_general' || input.kahfValid);
}
