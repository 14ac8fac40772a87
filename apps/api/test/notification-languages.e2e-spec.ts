import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aPatientApplication, aSponsor, deliverPending, ensureSponsoredPatient, mailTo, startTestApp, type TestApp } from '@medjourney/testing';

const NOW = '2026-11-23T00:00:00Z';
const HOSPITAL = '99999999-aaaa-4aaa-8aaa-999999999991';
const PATIENT = 'aaaaaaaa-bbbb-4bbb-8bbb-aaaaaaaaaaa1';
const WINDOW = { start: '2026-11-24T01:00:00Z', end: '2026-11-24T03:00:00Z' };

interface Inboxed { kind: string; title: string; body: string; language: string }

/**
 * spec/web.md "Languages": the notices and e-mails a patient or care provider receives are in
 * their language (the patient's first supported profile language; the provider's first
 * supported registry language), staff's in English; an unsupported language reads English.
 */
describe("notifications and their e-mails in the recipient's language", () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const inbox = async (token: string): Promise<Inboxed[]> => (await t.http.get('/api/v1/me/notifications?limit=100').set(as(token)).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P7D' } });
    admin = (await t.user('admin')).token;
    officer = (await t.user('officer')).token;
    sponsor = await aSponsor(t, admin, true);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A patient whose application awaits its decision, with these profile languages and zone; then the officer decides it. */
  async function decidedFor(languages: string[], timezone: string) {
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { approve: false });
    await t.http.patch(`/api/v1/patients/${p.patientId}`).set(as(p.patientToken)).send({ languages, timezone }).expect(200);
    await t.http.post(`/api/v1/visa-applications/${p.application.id}/start-review`).set(as(officer)).expect(200);
    await t.http.post(`/api/v1/visa-applications/${p.application.id}/decision`).set(as(officer)).send({ persons: p.personIds.map((personId) => ({ personId, outcome: 'approve' })) }).expect(200);
    await deliverPending(t, ['notifications.notices']);
    const email: string = (await t.http.get(`/api/v1/patients/${p.patientId}`).set(as(p.patientToken)).expect(200)).body.email;
    return { ...p, email };
  }

  it("tells a patient who prefers Russian of the visa decision in Russian, in the inbox and by e-mail, and the sponsor's coordinator in English", async () => {
    const p = await decidedFor(['ru', 'kk'], 'Asia/Almaty');
    const ref = p.application.reference;
    const mine = (await inbox(p.patientToken)).find((n) => n.kind === 'decision');
    expect(mine).toMatchObject({ language: 'ru', title: `Решение по визовому заявлению ${ref}` });
    expect(mine!.body).toContain('виза одобрена');
    expect(mine!.body).toContain('Скачайте уведомление о выдаче визы');

    const letter = (await mailTo(t, p.email)).find((l) => l.subject === mine!.title);
    expect(letter?.text).toContain('Скачайте уведомление о выдаче визы');
    expect(letter?.text).not.toMatch(/visa approved|Download/);

    const staff = (await inbox(sponsor.coordinator)).find((n) => n.kind === 'decision' && n.title.endsWith(ref));
    expect(staff).toMatchObject({ language: 'en', title: `Decision on visa application ${ref}` });
    expect(staff!.body).toContain(': visa approved. Download the visa grant notice');
  });

  it('writes to a patient who prefers Japanese in Japanese', async () => {
    const p = await decidedFor(['ja'], 'Asia/Tokyo');
    expect((await inbox(p.patientToken)).find((n) => n.kind === 'decision')).toMatchObject({ language: 'ja', title: `ビザ申請 ${p.application.reference} の審査結果` });
    expect((await mailTo(t, p.email)).map((l) => l.subject)).toContain(`ビザ申請 ${p.application.reference} の審査結果`);
  });

  it('writes English to a patient whose preferred languages have no catalogue', async () => {
    const p = await decidedFor(['uz', 'tg'], 'Asia/Tashkent');
    expect((await inbox(p.patientToken)).find((n) => n.kind === 'decision')).toMatchObject({ language: 'en', title: `Decision on visa application ${p.application.reference}` });
    expect((await mailTo(t, p.email)).map((l) => l.subject)).toContain(`Decision on visa application ${p.application.reference}`);
  });

  it("offers an assignment to a care provider in their registry's best language, with the times in their zone", async () => {
    const coordinator = await t.user('hospital_coordinator', { hospitalId: HOSPITAL });
    await ensureSponsoredPatient(t.db, HOSPITAL, PATIENT);
    const { body: provider } = await t.http.post('/api/v1/care-providers').set(as(admin)).send({
      kind: 'interpreter', name: 'Nurlan Sadykov', languages: [{ code: 'ko', level: 'professional' }, { code: 'kk', level: 'native' }, { code: 'ru', level: 'fluent' }],
      certifications: [{ type: 'medical_interpreter', number: 'MI-L10N-1', validUntil: '2028-12-31' }],
    }).expect(201);
    await t.http.post(`/api/v1/care-providers/${provider.id}/verify`).set(as(admin)).expect(201);
    await t.http.put(`/api/v1/care-providers/${provider.id}/availability`).set(as(admin))
      .send({ timezone: 'Asia/Almaty', weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })), exceptions: [] }).expect(200);
    const account = await t.user('care_provider', { careProviderId: provider.id });
    const match = await t.http.post('/api/v1/matches').set(as(coordinator.token)).send({ kind: 'interpreter', language: 'kk', ...WINDOW }).expect(200);
    await t.http.post('/api/v1/care-assignments').set(as(coordinator.token))
      .send({ providerId: provider.id, patientId: PATIENT, hospitalId: HOSPITAL, kind: 'interpreter', matchId: match.body.matchId, ...WINDOW }).expect(201);
    await deliverPending(t, ['notifications.notices']);

    const offer = (await inbox(account.token)).find((n) => n.kind === 'assignment_offered');
    // 01:00 UTC is 06:00 in Almaty (UTC+5).
    expect(offer).toMatchObject({ language: 'kk', title: expect.stringMatching(/^Жаңа тапсырма: аудармашы, .*06:00 \(Asia\/Almaty\)$/) });
    expect(offer!.body).toContain('аудармашы ретінде брондады');
    expect((await mailTo(t, account.email)).map((l) => l.subject)).toContain(offer!.title);
  });

  it("sends a patient's account e-mails in their language and staff's in English", async () => {
    const p = await aPatientApplication(t, { coordinator: sponsor.coordinator, officer }, { approve: false });
    await t.http.patch(`/api/v1/patients/${p.patientId}`).set(as(p.patientToken)).send({ languages: ['ar'] }).expect(200);
    const email: string = (await t.http.get(`/api/v1/patients/${p.patientId}`).set(as(p.patientToken)).expect(200)).body.email;
    await t.http.post('/api/v1/auth/password-reset').send({ email }).expect(202);
    const [reset] = await mailTo(t, email);
    expect(reset.subject).toBe('إعادة تعيين كلمة مرور MedJourney');
    expect(reset.links).toEqual([expect.stringContaining('/reset-password?token=')]);

    const staff = await t.user('hospital_coordinator', { hospitalId: sponsor.id });
    await t.http.post('/api/v1/auth/password-reset').send({ email: staff.email }).expect(202);
    expect((await mailTo(t, staff.email))[0].subject).toBe('Reset your MedJourney password');
  });
});
