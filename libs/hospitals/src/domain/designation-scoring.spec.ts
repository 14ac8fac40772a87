import { describe, expect, it } from '@jest/globals';
import {
  eligibilityFailures, problemRate, qualifiesForBedBonus, qualifiesForFastTrack, scoreDesignation, type DesignationFigures, type ScoringInput,
} from './designation-scoring.js';
import { HOSPITAL_TYPES, REGIONS } from './vocabulary.js';

const rules = { maxProblemRate: 0.2, regionalBonus: 5, minApplications: 5, minPersons: 50 };
const figures = (over: Partial<DesignationFigures> = {}): DesignationFigures => ({ applications: 10, persons: 100, refusals: 0, overstays: 0, entryRefusals: 0, ...over });
const input = (over: Partial<ScoringInput> = {}): ScoringInput => ({
  figures: figures(), interpreters: 0, koihaValid: false, type: 'clinic', bedCount: 0, region: 'Seoul', ...over,
});
const score = (over: Partial<ScoringInput> = {}) => scoreDesignation(input(over), rules);

describe('designation score', () => {
  it.each([
    [0, 0], [49, 0], [50, 0], [51, 40 / 1950], [1025, 20], [1999, 40 * 1949 / 1950], [2000, 40], [2001, 40], [100_000, 40],
  ])('persons invited %i → %f points (linear from 50 to 2,000)', (persons, points) => {
    expect(score({ figures: figures({ persons }) }).persons).toBeCloseTo(points, 2);
  });

  it.each([
    [0, 0, 30], [100, 5, 22.5], [100, 10, 15], [100, 19, 1.5], [100, 20, 0], [100, 40, 0],
  ])('with %i persons and %i problems the problem-rate points are %f (30 at 0, 0 at the maximum)', (persons, refusals, points) => {
    expect(score({ figures: figures({ persons, refusals }) }).problemRate).toBeCloseTo(points, 2);
  });

  it('counts refusals, overstays and entry refusals alike in the problem rate', () => {
    expect(problemRate(figures({ persons: 100, refusals: 2, overstays: 3, entryRefusals: 5 }))).toBeCloseTo(0.1);
    expect(problemRate(figures({ persons: 0 }))).toBe(0);
  });

  it.each([[0, 0], [1, 3], [4, 12], [5, 15], [6, 15], [50, 15]])('%i interpreters → %i points (3 each, at most 15)', (n, points) => {
    expect(score({ interpreters: n }).interpreters).toBe(points);
  });

  it('a valid KOIHA accreditation gives 15 points', () => {
    expect(score({ koihaValid: true }).koiha).toBe(15);
    expect(score({ koihaValid: false }).koiha).toBe(0);
  });

  it.each([
    ['general', 299, 0], ['general', 300, 10], ['general', 301, 10], ['tertiary_general', 299, 0], ['tertiary_general', 300, 10],
    ['clinic', 500, 0], ['hospital', 300, 0], ['dental', 1000, 0], ['korean_medicine', 300, 0],
  ] as const)('a %s hospital of %i beds gets a bonus of %i', (type, beds, bonus) => {
    expect(score({ type, bedCount: beds }).largeGeneralHospitalBonus).toBe(bonus);
    expect(qualifiesForBedBonus(type, beds)).toBe(bonus > 0);
  });

  it.each(REGIONS.map((r) => [r, ['Seoul', 'Incheon', 'Gyeonggi'].includes(r) ? 0 : 5] as const))('in %s the regional bonus is %i', (region, bonus) => {
    expect(score({ region }).regionalBonus).toBe(bonus);
  });

  it('uses the configured regional bonus', () => {
    expect(scoreDesignation(input({ region: 'Busan' }), { ...rules, regionalBonus: 8 }).regionalBonus).toBe(8);
  });

  it('adds the parts up: 100 at the top of every criterion, plus both bonuses', () => {
    const top = score({ figures: figures({ persons: 2000 }), interpreters: 5, koihaValid: true, type: 'general', bedCount: 300, region: 'Busan' });
    expect(top).toEqual({ persons: 40, problemRate: 30, interpreters: 15, koiha: 15, largeGeneralHospitalBonus: 10, regionalBonus: 5, total: 115 });
    const mid = score({ figures: figures({ persons: 1025, refusals: 102 }) });
    expect(mid.total).toBeCloseTo(mid.persons + mid.problemRate, 2);
  });

  it('gives every hospital type a score', () => {
    for (const type of HOSPITAL_TYPES) expect(score({ type }).total).toBeGreaterThanOrEqual(0);
  });
});

describe('eligibility', () => {
  const eligible = { figures: figures({ applications: 5, persons: 50 }), registrationValid: true, alreadyDesignated: false };

  it('passes at the minimums: 5 applications, 50 persons, problem rate just below 20 %', () => {
    expect(eligibilityFailures(eligible, rules)).toEqual([]);
    expect(eligibilityFailures({ ...eligible, figures: figures({ applications: 5, persons: 50, refusals: 9 }) }, rules)).toEqual([]);
  });

  it.each([
    ['REGISTRATION_NOT_VALID', { registrationValid: false }],
    ['ALREADY_DESIGNATED', { alreadyDesignated: true }],
    ['TOO_FEW_APPLICATIONS', { figures: figures({ applications: 4, persons: 50 }) }],
    ['TOO_FEW_PERSONS', { figures: figures({ applications: 5, persons: 49 }) }],
    ['PROBLEM_RATE_TOO_HIGH', { figures: figures({ applications: 5, persons: 50, overstays: 10 }) }],
  ])('fails with %s', (code, change) => {
    expect(eligibilityFailures({ ...eligible, ...change }, rules).map((f) => f.code)).toEqual([code]);
  });

  it('lists every failing reason at once', () => {
    const failures = eligibilityFailures({ figures: figures({ applications: 0, persons: 0 }), registrationValid: false, alreadyDesignated: true }, rules);
    expect(failures.map((f) => f.code)).toEqual(['REGISTRATION_NOT_VALID', 'ALREADY_DESIGNATED', 'TOO_FEW_APPLICATIONS', 'TOO_FEW_PERSONS']);
    expect(failures.every((f) => f.reason.length > 10)).toBe(true);
  });
});

describe('fast track', () => {
  it.each([
    [{ type: 'tertiary_general', kahfValid: false, registrationValid: true }, true],
    [{ type: 'clinic', kahfValid: true, registrationValid: true }, true],
    [{ type: 'general', kahfValid: false, registrationValid: true }, false],
    [{ type: 'tertiary_general', kahfValid: true, registrationValid: false }, false],
    [{ type: 'clinic', kahfValid: true, registrationValid: false }, false],
  ] as const)('%o → %s', (hospital, expected) => {
    expect(qualifiesForFastTrack(hospital)).toBe(expected);
  });
});
