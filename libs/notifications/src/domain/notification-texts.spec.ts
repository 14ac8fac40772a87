import { describe, expect, it } from '@jest/globals';
import { DESKS, consolePath, type ConsoleRole } from '@medjourney/console-routes';
import { EVENT_CATALOGUE, MESSAGE_LOCALES, STAFF_READER, type DomainEvent, type DomainEventName } from '@medjourney/platform';
import { NOTIFYING_EVENTS, noticesOf, type Audience } from './notification-texts.js';

const OFFICER_USER = 'officer-user';
const PATIENT_USER = 'patient-user';

/** Values for the payload fields whose type a default string would not fit. */
const SAMPLE: Record<string, unknown> = {
  officerId: OFFICER_USER,
  patientUserId: PATIENT_USER,
  items: [{ documentType: 'passport_copy', name: 'Aigerim Bekova' }],
  outcomes: [{ personId: 'p1', name: 'Aigerim Bekova', outcome: 'approve', reasonCode: null }],
  kind: 'caregiver',
  sanction: 'warning',
  suspendedUntil: null,
  year: 2026,
  daysLeft: 30,
  lead: '24h',
  recipients: [
    { role: 'patient', userId: PATIENT_USER, careProviderId: null, timezone: 'America/New_York' },
    { role: 'interpreter', userId: null, careProviderId: 'provider-1', timezone: 'Asia/Seoul' },
  ],
  cycle: 1,
  reoffer: false,
  matchId: null,
  reason: 'missing pages',
};
const INSTANTS = new Set(['start', 'end', 'respondBy', 'dueAt']);

/** An event of this name whose every payload field holds a plausible value. */
function sample(name: DomainEventName, stage = 'warning'): DomainEvent {
  const payload = Object.fromEntries(
    EVENT_CATALOGUE[name].fields.map((f) => [f, f === 'stage' ? stage : f in SAMPLE ? SAMPLE[f] : INSTANTS.has(f) ? '2026-12-07T09:00:00Z' : `${f}-1`]),
  );
  return { id: `event-${name}`, name, payload, occurredAt: new Date('2026-12-07T00:00:00Z') } as DomainEvent;
}

/** The roles an audience reaches (users: the officer or the patient the sample names). */
function rolesOf(a: Audience): ConsoleRole[] {
  switch (a.kind) {
    case 'users':
      return a.ids.map((id) => (id === OFFICER_USER ? 'officer' : 'patient'));
    case 'roles':
      return a.roles;
    case 'coordinators':
      return ['hospital_coordinator'];
    case 'careProvider':
      return ['care_provider'];
  }
}

const events = NOTIFYING_EVENTS.flatMap((name) => (name === 'sla.stage-fired' ? ['warning', 'escalation', 'breach'].map((s) => sample(name, s)) : [sample(name)]));
const context = { reference: 'MV-2026-000042', sponsorHospitalId: 'sponsorHospitalId-1', patientUserId: PATIENT_USER };

describe('notification links', () => {
  it('every notice of every notifying event links each of its recipients to a page of their own desk, never to its home or the API', () => {
    const seen: string[] = [];
    for (const event of events) {
      const notices = noticesOf(event, context);
      expect(notices.length).toBeGreaterThan(0);
      for (const notice of notices) {
        for (const role of notice.audience.flatMap(rolesOf)) {
          const page = (DESKS[role] as Partial<Record<string, string>>)[notice.target.page];
          expect({ kind: notice.kind, role, page }).toEqual({ kind: notice.kind, role, page: expect.any(String) });
          const path = consolePath(notice.target, role);
          expect(path).not.toBe(DESKS[role].home);
          expect(path).not.toMatch(/^\/(api|visa-applications|care-assignments|designations)\//);
          seen.push(`${notice.kind} ${role} ${path}`);
        }
      }
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'sla_warning officer /officer/applications/applicationId-1',
        'sla_escalation supervisor /supervisor/applications/applicationId-1',
        'sla_breach supervisor /supervisor/applications/applicationId-1',
        'sponsorship_requested hospital_coordinator /coordinator/applications/applicationId-1',
        'sponsorship_declined patient /patient/applications/applicationId-1',
        'supplement_requested hospital_coordinator /coordinator/applications/applicationId-1',
        'supplement_requested patient /patient/applications/applicationId-1',
        'decision patient /patient/applications/applicationId-1',
        'designation_expired ministry_reviewer /ministry/designations/designationId-1',
        'designation_expired hospital_coordinator /coordinator/designations/designationId-1',
        'assignment_offered care_provider /care-provider/assignments/assignmentId-1',
        'assignment_accepted hospital_coordinator /coordinator/assignments/assignmentId-1',
      ]),
    );
  });
});

describe("notices in the reader's language", () => {
  const notices = events.flatMap((event) => noticesOf(event, context));
  const toPatientsOrProviders = notices.filter((n) => n.audience.flatMap(rolesOf).some((r) => r === 'patient' || r === 'care_provider'));

  it('every notice a patient or care provider receives has catalogue words; notices only staff receive have none', () => {
    expect(toPatientsOrProviders.map((n) => n.kind).sort()).toEqual(
      ['application_lapsed', 'appointment_reminder', 'appointment_reminder', 'assignment_cancelled', 'assignment_offered', 'decision', 'sponsorship_consent_requested', 'sponsorship_declined', 'supplement_requested'],
    );
    expect(toPatientsOrProviders.filter((n) => !n.say).map((n) => n.kind)).toEqual([]);
    expect(notices.filter((n) => !toPatientsOrProviders.includes(n) && n.say).map((n) => n.kind)).toEqual([]);
  });

  it("their staff English is their catalogue's English in Korea's time", () => {
    for (const n of toPatientsOrProviders) expect(n.say!(STAFF_READER)).toEqual({ title: n.title, body: n.body });
  });

  it('says each of them in every language, with every argument filled in and nothing left in English', () => {
    for (const n of toPatientsOrProviders) {
      const english = n.say!({ locale: 'en', zone: 'Asia/Almaty' });
      for (const locale of MESSAGE_LOCALES.filter((l) => l !== 'en')) {
        const text = n.say!({ locale, zone: 'Asia/Almaty' });
        expect({ kind: n.kind, locale, text: `${text.title} ${text.body}` }).toEqual({ kind: n.kind, locale, text: expect.not.stringMatching(/[{}]|undefined|visa approved|from .* to /) });
        expect(text.title).not.toBe(english.title);
        expect(text.body).not.toBe(english.body);
      }
    }
  });

  const decided: DomainEvent = {
    id: 'event-decided', name: 'visa-application.decided', occurredAt: new Date('2026-12-07T00:00:00Z'),
    payload: { ...sample('visa-application.decided').payload, reference: 'MV-2026-000042', outcomes: [{ personId: 'p1', name: 'Aigerim Bekova', outcome: 'approve', reasonCode: null }, { personId: 'p2', name: 'Daulet Bekov', outcome: 'refuse', reasonCode: 'R12' }] },
  } as DomainEvent;

  it('keeps the English of the visa decision word for word', () => {
    const [n] = noticesOf(decided, context);
    expect({ title: n.title, body: n.body }).toEqual({
      title: 'Decision on visa application MV-2026-000042',
      body: 'Aigerim Bekova: visa approved. Daulet Bekov: visa refused (reason R12). Download the visa grant notice from the application and keep it with the passport for the journey.',
    });
  });

  it('says the visa decision in Russian and Arabic', () => {
    const [n] = noticesOf(decided, context);
    expect(n.say!({ locale: 'ru', zone: 'Asia/Almaty' })).toEqual({
      title: 'Решение по визовому заявлению MV-2026-000042',
      body: 'Aigerim Bekova: виза одобрена. Daulet Bekov: в визе отказано (причина R12). Скачайте уведомление о выдаче визы в заявлении и держите его вместе с паспортом во время поездки.',
    });
    expect(n.say!({ locale: 'ar', zone: 'Asia/Riyadh' }).title).toBe('القرار بشأن طلب التأشيرة MV-2026-000042');
  });

  it("names an offer's times in the provider's zone and language", () => {
    const offered = { ...sample('care-assignment.offered'), payload: { ...sample('care-assignment.offered').payload, kind: 'interpreter', hospitalName: 'Seoul Riverside', start: '2026-12-08T01:00:00Z', end: '2026-12-08T03:00:00Z', respondBy: '2026-12-07T10:00:00Z' } } as DomainEvent;
    const [n] = noticesOf(offered, context);
    expect(n.title).toBe('New assignment: interpreter at Seoul Riverside, 8 Dec 2026, 10:00 KST');
    expect(n.say!({ locale: 'ja', zone: 'Asia/Tokyo' })).toEqual({
      title: '新しい依頼：Seoul Riverside、通訳、2026年12月8日 10:00 (Asia/Tokyo)',
      body: 'Seoul Riverside があなたを 2026年12月8日 10:00 (Asia/Tokyo) から 2026年12月8日 12:00 (Asia/Tokyo) まで通訳者として予約しました。この時間はあなたのために確保されています。2026年12月7日 19:00 (Asia/Tokyo) までに承諾または辞退してください。それまでに回答がない場合、依頼は期限切れとなり、別の方に提案されます。',
    });
  });
});
