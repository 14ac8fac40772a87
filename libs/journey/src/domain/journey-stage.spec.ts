import { describe, expect, it } from '@jest/globals';
import { journeyStage, type JourneyFacts } from './journey-stage.js';

const NOW = new Date('2026-11-23T03:00:00Z');
const base: JourneyFacts = { now: NOW, timezone: 'Asia/Seoul', application: null, visa: null, stay: null, admission: null, overstay: null, followUp: null };
type Supplement = NonNullable<JourneyFacts['application']>['supplement'];
const app = (status: string, supplement: Supplement = null) => ({ reference: 'MV-2026-000007', status, supplement });
const arrived = new Date('2026-12-01T01:00:00Z');
const stay = { arrivedAt: arrived, endsOn: '2026-12-30', departedAt: null };
const visa = { number: 'K7Q2M9X4TB', enterBy: '2027-02-23', entryRefusal: null };

describe('journeyStage', () => {
  const table: [string, Partial<JourneyFacts>, string, string[]][] = [
    ['no application', {}, 'planning', ['Choose a hospital in the directory and start your visa application.']],
    ['a draft', { application: app('draft') }, 'planning', ['Complete application MV-2026-000007 with every document, then ask your hospital to sponsor it.']],
    ['with the sponsor', { application: app('sponsor_review') }, 'planning', ['Wait for your hospital to review application MV-2026-000007 and submit it to immigration.']],
    ['submitted', { application: app('submitted') }, 'visa_pending', ["Wait for the immigration officer's decision on application MV-2026-000007."]],
    ['in review', { application: app('in_review') }, 'visa_pending', ["Wait for the immigration officer's decision on application MV-2026-000007."]],
    [
      'documents requested, named in the patient\'s time zone',
      { timezone: 'America/New_York', application: app('supplement_requested', { items: [{ documentType: 'diagnosis', name: 'DANA SERIKOVA' }, { documentType: 'passport_copy' }], respondBy: '2026-12-23T06:00:00Z' }) },
      'visa_pending',
      ['Upload the diagnosis from the home-country doctor for DANA SERIKOVA and a copy of the passport requested by the officer for application MV-2026-000007, by 23 December 2026 at 01:00 your time.'],
    ],
    ['denied', { application: app('rejected') }, 'planning', ['Your visa application MV-2026-000007 was denied; contact your hospital about what to do next.']],
    ['approved, visa valid', { application: app('approved'), visa }, 'visa_issued', ['Enter Korea by 23 February 2027 and show your visa grant notice (visa K7Q2M9X4TB) at the border.']],
    ['approved, visa expired', { application: app('approved'), visa: { ...visa, entryRefusal: 'expired' } }, 'visa_issued', ['Your visa K7Q2M9X4TB has expired; contact your hospital about a new application.']],
    ['approved, visa cancelled', { application: app('approved'), visa: { ...visa, entryRefusal: 'cancelled' } }, 'visa_issued', ['Your visa K7Q2M9X4TB was cancelled; contact your hospital about a new application.']],
    ['in Korea', { application: app('approved'), visa, stay }, 'in_korea', ['Go to your hospital to be admitted for your treatment.', 'Your permitted stay in Korea ends on 30 December 2026.']],
    [
      'admitted',
      { application: app('approved'), stay, admission: { hospitalName: 'Seoul Medical', admittedAt: new Date('2026-12-02T00:00:00Z'), dischargedAt: null } },
      'in_treatment',
      ['Follow your treatment at Seoul Medical.', 'Your permitted stay in Korea ends on 30 December 2026.'],
    ],
    [
      'discharged',
      { application: app('approved'), stay, admission: { hospitalName: 'Seoul Medical', admittedAt: new Date('2026-12-02T00:00:00Z'), dischargedAt: new Date('2026-12-10T00:00:00Z') } },
      'discharged',
      ['Leave Korea by 30 December 2026, the last day of your permitted stay.'],
    ],
    [
      'an admission of an earlier stay does not count',
      { application: app('approved'), stay, admission: { hospitalName: 'Seoul Medical', admittedAt: new Date('2026-06-02T00:00:00Z'), dischargedAt: new Date('2026-06-10T00:00:00Z') } },
      'in_korea',
      ['Go to your hospital to be admitted for your treatment.', 'Your permitted stay in Korea ends on 30 December 2026.'],
    ],
    ['overstaying', { application: app('approved'), stay, overstay: { endedOn: '2026-12-30' } }, 'in_korea', ['Your permitted stay ended on 30 December 2026: leave Korea now and contact your hospital.', 'Go to your hospital to be admitted for your treatment.']],
    ['returned', { application: app('approved'), stay: { ...stay, departedAt: new Date('2026-12-20T00:00:00Z') } }, 'returned', ['Tell your hospital how your recovery goes; follow-up care can continue by video appointment.']],
    [
      'home, a follow-up booked: named in the patient\'s own zone',
      { timezone: 'America/New_York', application: app('approved'), stay: { ...stay, departedAt: new Date('2026-12-20T00:00:00Z') }, followUp: { next: new Date('2027-03-13T01:00:00Z') } },
      'follow_up',
      ['Your follow-up video appointment is on 12 March 2027 at 20:00 your time; join the video room from the appointment a few minutes early.'],
    ],
    [
      'discharged, still in Korea, a follow-up booked',
      { application: app('approved'), stay, admission: { hospitalName: 'Seoul Medical', admittedAt: new Date('2026-12-02T00:00:00Z'), dischargedAt: new Date('2026-12-10T00:00:00Z') }, followUp: { next: new Date('2027-01-05T01:00:00Z') } },
      'follow_up',
      ['Your follow-up video appointment is on 5 January 2027 at 10:00 your time; join the video room from the appointment a few minutes early.'],
    ],
    [
      'admitted again: the treatment comes first',
      { application: app('approved'), stay, admission: { hospitalName: 'Seoul Medical', admittedAt: new Date('2026-12-02T00:00:00Z'), dischargedAt: null }, followUp: { next: null } },
      'in_treatment',
      ['Follow your treatment at Seoul Medical.', 'Your permitted stay in Korea ends on 30 December 2026.'],
    ],
    [
      'follow-ups all past',
      { application: app('approved'), stay: { ...stay, departedAt: new Date('2026-12-20T00:00:00Z') }, followUp: { next: null } },
      'follow_up',
      ['No follow-up video appointment is booked now; book another with your doctor when you need one.'],
    ],
  ];

  it.each(table)('%s', (_name, facts, stage, nextSteps) => {
    expect(journeyStage({ ...base, ...facts })).toEqual({ stage, nextSteps });
  });
});
