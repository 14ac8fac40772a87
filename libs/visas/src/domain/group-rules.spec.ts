import { describe, expect, it } from '@jest/globals';
import { missingDocuments, requiredDocuments } from './document-matrix.js';
import { checkGroupRules, type RuleApplication, type RulePerson } from './group-rules.js';
import { enterBy, maxStayDays, stayDays } from './visa-terms.js';

const settings = {
  maxCompanions: 3,
  passportMinValidity: 'P6M',
  restrictedEntryNationalities: ['CHN', 'VNM', 'KAZ'],
  evisaExcludedNationalities: ['VNM'],
};
const person = (over: Partial<RulePerson> = {}): RulePerson => ({
  role: 'companion', relationship: 'spouse', surname: 'IVANOVA', givenNames: 'ANNA', dateOfBirth: '1980-01-01', nationality: 'RUS', passportExpiry: '2030-01-01', ...over,
});
const patient = (over: Partial<RulePerson> = {}) => person({ role: 'patient', relationship: null, surname: 'IVANOV', ...over });
const app = (over: Partial<RuleApplication> = {}): RuleApplication => ({
  category: 'C-3-3',
  entries: 'single',
  stayFrom: '2027-01-01',
  stayUntil: '2027-01-30',
  treatment: { specialty: 'oncology', plannedStart: '2027-01-02', plannedEnd: '2027-01-20' },
  persons: [patient()],
  ...over,
});
const code = (a: RuleApplication, track?: 'e_visa' | 'certificate') => checkGroupRules(a, settings, { sponsorSpecialties: ['oncology'], track })?.code ?? null;

describe('group rules', () => {
  it('a plain application passes', () => expect(code(app())).toBeNull());

  it('3 companions pass, 4 fail with TOO_MANY_COMPANIONS', () => {
    expect(code(app({ persons: [patient(), person(), person(), person()] }))).toBeNull();
    expect(code(app({ persons: [patient(), person(), person(), person(), person()] }))).toBe('TOO_MANY_COMPANIONS');
  });

  it('a 90-day C-3-3 stay passes; 91 days fails and fits G-1-10', () => {
    expect(stayDays('2027-01-01', '2027-03-31')).toBe(90);
    expect(code(app({ stayUntil: '2027-03-31', treatment: { specialty: 'oncology', plannedStart: '2027-01-02', plannedEnd: '2027-03-01' } }))).toBeNull();
    const ninetyOne = app({ stayUntil: '2027-04-01', treatment: { specialty: 'oncology', plannedStart: '2027-01-02', plannedEnd: '2027-03-01' } });
    const violation = checkGroupRules(ninetyOne, settings, { sponsorSpecialties: ['oncology'] });
    expect(violation?.code).toBe('CATEGORY_DOES_NOT_FIT_STAY');
    expect(violation?.detail).toContain('G-1-10');
    expect(code({ ...ninetyOne, category: 'G-1-10', entries: 'multiple' })).toBeNull();
    expect(code(app({ category: 'G-1-10', entries: 'multiple' }))).toBe('CATEGORY_DOES_NOT_FIT_STAY');
  });

  it('multiple entries: refused for a restricted nationality on C-3-3, required on G-1-10', () => {
    expect(code(app({ entries: 'multiple' }))).toBeNull();
    expect(code(app({ entries: 'multiple', persons: [patient({ nationality: 'CHN' })] }))).toBe('ENTRIES_NOT_ALLOWED');
    expect(code(app({ entries: 'multiple', persons: [patient(), person({ nationality: 'CHN' })] }))).toBe('ENTRIES_NOT_ALLOWED');
    expect(code(app({ entries: 'double', persons: [patient({ nationality: 'CHN' })] }))).toBeNull();
    const long = { stayUntil: '2027-06-30', treatment: { specialty: 'oncology', plannedStart: '2027-01-02', plannedEnd: '2027-03-01' } };
    expect(code(app({ ...long, category: 'G-1-10', entries: 'single' }))).toBe('ENTRIES_NOT_ALLOWED');
  });

  it('a 17-year-old patient with only a caregiver fails; with a parent or a guardian passes; an 18-year-old needs nobody', () => {
    const minor = patient({ dateOfBirth: '2009-06-01' });
    expect(code(app({ persons: [minor, person({ relationship: 'caregiver' })] }))).toBe('MINOR_WITHOUT_GUARDIAN');
    expect(code(app({ persons: [minor, person({ relationship: 'parent' })] }))).toBeNull();
    expect(code(app({ persons: [minor, person({ relationship: 'guardian' })] }))).toBeNull();
    expect(code(app({ persons: [patient({ dateOfBirth: '2009-01-01' })] }))).toBeNull();
  });

  it('a passport valid 6 months after the stay starts passes; a day less fails, naming the person', () => {
    expect(code(app({ persons: [patient({ passportExpiry: '2027-07-01' })] }))).toBeNull();
    const v = checkGroupRules(app({ persons: [patient(), person({ passportExpiry: '2027-06-30' })] }), settings, { sponsorSpecialties: ['oncology'] });
    expect(v?.code).toBe('PASSPORT_VALIDITY_TOO_SHORT');
    expect(v?.errors).toEqual([{ field: 'persons[1].passportExpiry', message: expect.any(String) }]);
    expect(v?.detail).toContain('IVANOVA');
  });

  it('the sponsor must offer the specialty; the treatment must fall within the stay', () => {
    expect(checkGroupRules(app(), settings, { sponsorSpecialties: ['dermatology'] })?.code).toBe('SPECIALTY_NOT_OFFERED');
    expect(code(app({ treatment: { specialty: 'oncology', plannedStart: '2026-12-31', plannedEnd: '2027-01-10' } }))).toBe('TREATMENT_OUTSIDE_STAY');
    expect(code(app({ treatment: { specialty: 'oncology', plannedStart: '2027-01-02', plannedEnd: '2027-01-31' } }))).toBe('TREATMENT_OUTSIDE_STAY');
  });

  it('a Vietnamese patient fails on the e-visa track and passes on the certificate track', () => {
    const vn = app({ persons: [patient({ nationality: 'VNM' })] });
    expect(code(vn, 'e_visa')).toBe('NATIONALITY_NOT_ELIGIBLE');
    expect(code(vn, 'certificate')).toBeNull();
  });

  it('caregivers and guardians only on the e-visa track; siblings on both', () => {
    for (const relationship of ['caregiver', 'guardian'] as const) {
      expect(code(app({ persons: [patient(), person({ relationship })] }), 'certificate')).toBe('COMPANION_NOT_ALLOWED');
      expect(code(app({ persons: [patient(), person({ relationship })] }), 'e_visa')).toBeNull();
    }
    expect(code(app({ persons: [patient(), person({ relationship: 'sibling' })] }), 'certificate')).toBeNull();
  });
});

describe('document matrix', () => {
  const persons = [
    { id: 'p', role: 'patient' as const, relationship: null },
    { id: 's', role: 'companion' as const, relationship: 'sibling' as const },
    { id: 'c', role: 'companion' as const, relationship: 'caregiver' as const },
  ];
  const types = (track: 'e_visa' | 'certificate', category: 'C-3-3' | 'G-1-10') =>
    requiredDocuments(track, category, persons).map((d) => `${d.personId}:${d.type}`).sort();

  it('e-visa C-3-3: no proof of funds, no treatment plan', () => {
    expect(types('e_visa', 'C-3-3')).toEqual(['c:caregiver_letter', 'c:passport_copy', 'p:diagnosis', 'p:medical_confirmation', 'p:passport_copy', 's:passport_copy', 's:relationship_proof']);
  });

  it('certificate G-1-10: proof of funds and treatment plan for the patient only', () => {
    expect(types('certificate', 'G-1-10')).toEqual([
      'c:caregiver_letter', 'c:passport_copy', 'p:diagnosis', 'p:medical_confirmation', 'p:passport_copy', 'p:proof_of_funds', 'p:treatment_plan', 's:passport_copy', 's:relationship_proof',
    ]);
  });

  it('lists what is missing', () => {
    const required = requiredDocuments('e_visa', 'C-3-3', persons.slice(0, 1));
    expect(missingDocuments(required, [{ personId: 'p', type: 'passport_copy' }]).map((d) => d.type)).toEqual(['medical_confirmation', 'diagnosis']);
  });
});

describe('visa terms', () => {
  const issued = new Date('2026-11-23T03:00:00Z');
  it.each([
    ['C-3-3', 'single', '2027-02-23'], ['C-3-3', 'double', '2027-05-23'], ['C-3-3', 'multiple', '2031-11-23'], ['G-1-10', 'multiple', '2027-11-23'],
  ] as const)('%s %s: enter by %s', (category, entries, date) => {
    expect(enterBy(issued, category, entries)).toBe(date);
  });
  it('caps the stay by category', () => {
    expect(maxStayDays('C-3-3', 30)).toBe(30);
    expect(maxStayDays('C-3-3', 120)).toBe(90);
    expect(maxStayDays('G-1-10', 400)).toBe(365);
  });
});
