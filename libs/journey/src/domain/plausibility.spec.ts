import { describe, expect, it } from '@jest/globals';
import { borderEventProblem, hospitalEventProblem, inTheFuture, overstayBegins, stayEndsOn, type BorderPersonState, type HospitalStayState } from './plausibility.js';

const AT = new Date('2026-12-01T00:00:00Z');
const EARLIER = new Date('2026-11-30T00:00:00Z');
const person = (over: Partial<BorderPersonState> = {}): BorderPersonState => ({
  personId: 'p1', name: 'DANA SERIKOVA', known: true, visa: { number: 'K7Q2M9X4TB', entryRefusal: null, entries: 'single' }, openStay: null, ...over,
});

describe('borderEventProblem', () => {
  const table: [string, 'arrived' | 'departed' | 'entry_refused', BorderPersonState[], string | null][] = [
    ['an arrival on a valid visa', 'arrived', [person()], null],
    ['an arrival without a visa', 'arrived', [person({ visa: null })], 'DANA SERIKOVA holds no visa.'],
    ['a second arrival on a single-entry visa', 'arrived', [person({ visa: { number: 'K7Q2M9X4TB', entryRefusal: 'entries_used', entries: 'single' } })], 'DANA SERIKOVA has no visa valid for entry: visa K7Q2M9X4TB allows no further entry (a single-entry visa).'],
    ['an arrival on an expired visa', 'arrived', [person({ visa: { number: 'K7Q2M9X4TB', entryRefusal: 'expired', entries: 'single' } })], 'DANA SERIKOVA has no visa valid for entry: visa K7Q2M9X4TB has expired.'],
    ['an arrival while in Korea', 'arrived', [person({ openStay: { arrivedAt: EARLIER } })], 'DANA SERIKOVA is already in Korea.'],
    ['a companion without a visa', 'arrived', [person(), person({ personId: 'p2', name: 'ASKAR', visa: null })], 'ASKAR holds no visa.'],
    ['a stranger', 'arrived', [person({ known: false })], "Person p1 is not in this patient's applications."],
    ['a departure before arrival', 'departed', [person()], 'DANA SERIKOVA cannot depart before arriving.'],
    ['a departure', 'departed', [person({ openStay: { arrivedAt: EARLIER } })], null],
    ['a departure dated before the arrival', 'departed', [person({ openStay: { arrivedAt: new Date('2026-12-02T00:00:00Z') } })], 'DANA SERIKOVA cannot depart before the arrival of 2026-12-02T00:00:00.000Z.'],
    ['an entry refused on a used visa', 'entry_refused', [person({ visa: { number: 'K7Q2M9X4TB', entryRefusal: 'entries_used', entries: 'single' } })], null],
    ['an entry refused while in Korea', 'entry_refused', [person({ openStay: { arrivedAt: EARLIER } })], 'DANA SERIKOVA is already in Korea.'],
  ];
  it.each(table)('%s', (_n, type, persons, problem) => expect(borderEventProblem(type, AT, persons)).toBe(problem));
});

describe('hospitalEventProblem', () => {
  const inKorea = { arrivedAt: EARLIER };
  const table: [string, 'admitted' | 'discharged' | 'treated', string, HospitalStayState, string | null][] = [
    ['an admission', 'admitted', 'h1', { inKorea, admission: null }, null],
    ['an admission by another hospital\'s coordinator', 'admitted', 'h2', { inKorea, admission: null }, 'A coordinator records admissions, discharges and treatments of their own hospital only.'],
    ['an admission before arrival', 'admitted', 'h1', { inKorea: null, admission: null }, 'The patient cannot be admitted before arriving in Korea.'],
    ['an admission dated before the arrival', 'admitted', 'h1', { inKorea: { arrivedAt: new Date('2026-12-02T00:00:00Z') }, admission: null }, 'The patient cannot be admitted before the arrival of 2026-12-02T00:00:00.000Z.'],
    ['a second admission', 'admitted', 'h1', { inKorea, admission: { hospitalId: 'h1', admittedAt: EARLIER } }, 'The patient is already admitted; record the discharge first.'],
    ['a discharge', 'discharged', 'h1', { inKorea, admission: { hospitalId: 'h1', admittedAt: EARLIER } }, null],
    ['a discharge before admission', 'discharged', 'h1', { inKorea, admission: null }, 'The patient cannot be discharged before being admitted to this hospital.'],
    ['a discharge from another hospital', 'discharged', 'h1', { inKorea, admission: { hospitalId: 'h3', admittedAt: EARLIER } }, 'The patient cannot be discharged before being admitted to this hospital.'],
    ['a discharge dated before the admission', 'discharged', 'h1', { inKorea, admission: { hospitalId: 'h1', admittedAt: new Date('2026-12-02T00:00:00Z') } }, 'The patient cannot be discharged before the admission of 2026-12-02T00:00:00.000Z.'],
    ['an outpatient treatment, without admission', 'treated', 'h1', { inKorea, admission: null }, null],
    ['an outpatient treatment during an admission elsewhere', 'treated', 'h1', { inKorea, admission: { hospitalId: 'h3', admittedAt: EARLIER } }, null],
    ['a treatment by another hospital\'s coordinator', 'treated', 'h2', { inKorea, admission: null }, 'A coordinator records admissions, discharges and treatments of their own hospital only.'],
    ['a treatment before arrival', 'treated', 'h1', { inKorea: null, admission: null }, 'The patient cannot be treated before arriving in Korea.'],
    ['a treatment dated before the arrival', 'treated', 'h1', { inKorea: { arrivedAt: new Date('2026-12-02T00:00:00Z') }, admission: null }, 'The patient cannot be treated before the arrival of 2026-12-02T00:00:00.000Z.'],
  ];
  it.each(table)('%s', (_n, type, hospitalId, state, problem) => expect(hospitalEventProblem(type, AT, hospitalId, 'h1', state)).toBe(problem));
});

describe('the permitted stay', () => {
  it.each([
    // 23:30 UTC is already the next day in Korea.
    ['2026-11-30T23:30:00Z', 30, '2026-12-30'],
    ['2026-12-01T03:00:00Z', 30, '2026-12-30'],
    ['2026-12-01T03:00:00Z', 1, '2026-12-01'],
    ['2026-12-01T03:00:00Z', 90, '2027-02-28'],
  ])('arriving at %s for %i days ends on %s', (at, days, endsOn) => expect(stayEndsOn(new Date(at), days)).toBe(endsOn));

  it('makes an overstayer at the Korean midnight after the last day', () => expect(overstayBegins('2026-12-30').toISOString()).toBe('2026-12-30T15:00:00.000Z'));

  it('refuses events more than a minute ahead of now', () => {
    expect(inTheFuture(new Date(AT.getTime() + 60_000), AT)).toBe(false);
    expect(inTheFuture(new Date(AT.getTime() + 61_000), AT)).toBe(true);
  });
});
