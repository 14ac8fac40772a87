import { DateTime } from 'luxon';

/** The physical events of spec/journey.md. */
export const JOURNEY_EVENT_TYPES = ['arrived', 'departed', 'entry_refused', 'admitted', 'discharged', 'treated'] as const;
export type JourneyEventType = (typeof JOURNEY_EVENT_TYPES)[number];
export const BORDER_EVENTS: readonly JourneyEventType[] = ['arrived', 'departed', 'entry_refused'];

const KOREA = 'Asia/Seoul';

/** What the rules know of one person at the border. */
export interface BorderPersonState {
  personId: string;
  name: string;
  /** False when the person is in none of the patient's applications. */
  known: boolean;
  visa: { number: string; entryRefusal: 'cancelled' | 'expired' | 'entries_used' | null; entries: string } | null;
  /** The person's open stay (arrived, not departed), if any. */
  openStay: { arrivedAt: Date } | null;
}

export interface HospitalStayState {
  /** The patient is in Korea (an open stay of the patient themselves). */
  inKorea: { arrivedAt: Date } | null;
  /** The open admission, if any. */
  admission: { hospitalId: string; admittedAt: Date } | null;
}

const REFUSAL_WORDS = {
  cancelled: 'is cancelled',
  expired: 'has expired',
  entries_used: 'allows no further entry',
} as const;

/**
 * Why an arrival, departure or entry refusal is implausible for these persons, or null when
 * it is plausible (spec/journey.md: no arrival without a visa valid for entry, no departure
 * before arrival). Each reason names the person.
 */
export function borderEventProblem(type: 'arrived' | 'departed' | 'entry_refused', at: Date, persons: readonly BorderPersonState[]): string | null {
  for (const p of persons) {
    if (!p.known) return `Person ${p.personId} is not in this patient's applications.`;
    if (type === 'departed') {
      if (!p.openStay) return `${p.name} cannot depart before arriving.`;
      if (at < p.openStay.arrivedAt) return `${p.name} cannot depart before the arrival of ${p.openStay.arrivedAt.toISOString()}.`;
      continue;
    }
    if (!p.visa) return `${p.name} holds no visa.`;
    if (p.openStay) return `${p.name} is already in Korea.`;
    if (type === 'arrived' && p.visa.entryRefusal) {
      const entries = p.visa.entryRefusal === 'entries_used' ? ` (a ${p.visa.entries}-entry visa)` : '';
      return `${p.name} has no visa valid for entry: visa ${p.visa.number} ${REFUSAL_WORDS[p.visa.entryRefusal]}${entries}.`;
    }
  }
  return null;
}

/**
 * Why an admission or a discharge is implausible, or null: a coordinator records them for
 * their own hospital, an admission needs the patient in Korea and not already admitted, a
 * discharge needs an admission at that hospital, and neither goes back before what it follows.
 */
export function hospitalEventProblem(type: 'admitted' | 'discharged' | 'treated', at: Date, hospitalId: string, coordinatorHospitalId: string | null, s: HospitalStayState): string | null {
  if (hospitalId !== coordinatorHospitalId) return `A coordinator records admissions, discharges and treatments of their own hospital only.`;
  // An outpatient treatment happens in Korea, after the arrival; it needs no admission.
  if (type === 'treated') {
    if (!s.inKorea) return 'The patient cannot be treated before arriving in Korea.';
    if (at < s.inKorea.arrivedAt) return `The patient cannot be treated before the arrival of ${s.inKorea.arrivedAt.toISOString()}.`;
    return null;
  }
  if (type === 'admitted') {
    if (!s.inKorea) return 'The patient cannot be admitted before arriving in Korea.';
    if (at < s.inKorea.arrivedAt) return `The patient cannot be admitted before the arrival of ${s.inKorea.arrivedAt.toISOString()}.`;
    if (s.admission) return 'The patient is already admitted; record the discharge first.';
    return null;
  }
  if (!s.admission || s.admission.hospitalId !== hospitalId) return 'The patient cannot be discharged before being admitted to this hospital.';
  if (at < s.admission.admittedAt) return `The patient cannot be discharged before the admission of ${s.admission.admittedAt.toISOString()}.`;
  return null;
}

/** An event may not be recorded ahead of its time (a minute's grace for clocks apart). */
export function inTheFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + 60_000;
}

/** The last day of the permitted stay: the arrival's Korean date counts as the first of `maxStayDays` days. */
export function stayEndsOn(arrivedAt: Date, maxStayDays: number): string {
  return DateTime.fromJSDate(arrivedAt, { zone: KOREA }).startOf('day').plus({ days: maxStayDays - 1 }).toISODate()!;
}

/** The instant a person whose stay ended on `endsOn` became an overstayer: the next Korean midnight. */
export function overstayBegins(endsOn: string): Date {
  return DateTime.fromISO(endsOn, { zone: KOREA }).plus({ days: 1 }).toJSDate();
}

/** Today's date in Korea, where visas' dates are kept. */
export function koreanToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: KOREA }).toISODate()!;
}
