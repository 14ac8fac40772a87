import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CUSTOM_PLAN, ManualClock, maskValue, PiiCipher, TimersService } from '@medjourney/platform';
import { dueAt, stageTimerKey } from '@medjourney/sla';
import { lapseTimerKey, MaskBackfillProcessor, SUPPLEMENT_LAPSE_TIMER } from '@medjourney/visas';
import { aPerson, anApplication, aRegisteredPatient, aSponsor, fireTimer, linkTokenMailedTo, recordStatements, startTestApp, TINY_PDF, uploadAllDocuments, type TestApp } from '@medjourney/testing';

const NOW = '2026-11-23T03:00:00Z';

describe('visa applications', () => {
  let t: TestApp;
  let admin: string;
  let officer: { id: string; token: string };
  let officer2: { id: string; token: string };
  let supervisor: string;
  let designated: Awaited<ReturnType<typeof aSponsor>>;
  let registered: Awaited<ReturnType<typeof aSponsor>>;

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => t.http.post(`/api/v1/visa-applications${path}`).set(as(token)).send(body);

  /** Drafts, uploads every document and submits; returns the submitted view. */
  async function submitted(sponsor: typeof designated, over: Record<string, unknown> = {}, companions: ReturnType<typeof aPerson>[] = []) {
    const draft = (await post(sponsor.coordinator, '', anApplication(over, companions)).expect(201)).body;
    await uploadAllDocuments(t, sponsor.coordinator, draft);
    return (await post(sponsor.coordinator, `/${draft.id}/submit`).expect(200)).body;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P30D' } });
    admin = (await t.user('admin')).token;
    officer = await t.user('officer');
    officer2 = await t.user('officer');
    supervisor = (await t.user('supervisor')).token;
    designated = await aSponsor(t, admin, true);
    registered = await aSponsor(t, admin, false);
  });
  afterAll(() => t.close());

  it('runs the e-visa path end to end: draft, documents, submit, review, decision, visas', async () => {
    const created = await post(designated.coordinator, '', anApplication({}, [aPerson({ surname: 'NURLANOV', givenNames: 'BERIK', sex: 'M' })]));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', publicStatus: 'Draft', track: null, reference: expect.stringMatching(/^MV-2026-\d{6}$/) });
    // The invitation goes to the patient's e-mail only (spec/security.md), never to the coordinator.
    expect(created.body).not.toHaveProperty('invitationToken');
    expect(created.body.persons).toHaveLength(2);
    await uploadAllDocuments(t, designated.coordinator, created.body);

    const sub = await post(designated.coordinator, `/${created.body.id}/submit`).expect(200);
    // Monday 12:00 KST + 72 counted business hours → Thursday 12:00 KST.
    expect(sub.body).toMatchObject({ status: 'submitted', track: 'e_visa', submittedAt: NOW.replace('Z', '.000Z'), dueAt: '2026-11-26T03:00:00.000Z' });
    const review = await post(officer.token, `/${created.body.id}/start-review`).expect(200);
    expect(review.body).toMatchObject({ status: 'in_review', assignedOfficerId: officer.id });
    const persons = review.body.persons.map((p: { id: string }) => ({ personId: p.id, outcome: 'approve' }));
    const decided = await post(officer.token, `/${created.body.id}/decision`, { persons }).expect(200);
    expect(decided.body.status).toBe('approved');

    for (const p of decided.body.persons) {
      const visa = await t.http.get(`/api/v1/visa-applications/${created.body.id}/persons/${p.id}/visa`).set(as(designated.coordinator)).expect(200);
      expect(visa.body).toMatchObject({ category: 'C-3-3', entries: 'single', status: 'issued', enterBy: '2027-02-23', maxStayDays: 30, number: expect.stringMatching(/^[A-Z0-9]{10}$/) });
    }
    const history = await t.http.get(`/api/v1/visa-applications/${created.body.id}/history`).set(as(officer.token)).expect(200);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'start_review', 'decide']);
    // The draft's history line, written by the draft's own insert, names the reference it was given.
    expect(history.body[0]).toMatchObject({ fromStatus: null, toStatus: 'draft', actorRole: 'hospital_coordinator', details: { reference: created.body.reference } });
    const events = await t.db.query(`SELECT name FROM domain_events WHERE payload->>'applicationId' = $1 AND name LIKE 'visa-application.%' ORDER BY seq`, [created.body.id]);
    expect(events.map((e: { name: string }) => e.name)).toEqual(['visa-application.created', 'visa-application.submitted', 'visa-application.review-started', 'visa-application.decided']);

    // The invited patient activates the account and sees plain labels, masked numbers, no reasons.
    const invitation = await linkTokenMailedTo(t, created.body.persons[0].email, 'accept-invite');
    const session = await t.http.post('/api/v1/auth/accept-invite').send({ token: invitation, password: 'patient password 1' }).expect(200);
    const mine = await t.http.get(`/api/v1/visa-applications/${created.body.id}`).set(as(session.body.accessToken)).expect(200);
    expect(mine.body.publicStatus).toBe('Approved');
    expect(mine.body.persons[0].passportNumber).toMatch(/^.{5}\*\*\*\*$/);
    expect(mine.body.persons[0]).not.toHaveProperty('reasonCode');
  });

  it('answers create and submit from their own transaction: one audit record each, no read audited on top, the same view a read gives', async () => {
    const audited = async (id: string) =>
      (await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'visa_application' AND entity_id = $1 ORDER BY seq`, [id])).map((r: { action: string }) => r.action);
    const created = (await post(designated.coordinator, '', anApplication({ patient: { ...aPerson(), email: 'own.tx@example.kz' } })).expect(201)).body;
    expect(await audited(created.id)).toEqual(['visa_application.create']);
    await uploadAllDocuments(t, designated.coordinator, created);
    const sub = (await post(designated.coordinator, `/${created.id}/submit`).expect(200)).body;
    expect(await audited(created.id)).toEqual(['visa_application.create', 'visa_application.submit']);

    const read = (await t.http.get(`/api/v1/visa-applications/${created.id}`).set(as(designated.coordinator)).expect(200)).body;
    expect(sub).toEqual(read);
    const createdView = created;
    expect(createdView).toEqual({ ...read, status: 'draft', publicStatus: 'Draft', track: null, submittedAt: null, dueAt: null, sla: null, version: createdView.version });
    expect(await audited(created.id)).toEqual(['visa_application.create', 'visa_application.submit', 'visa_application.pii_read']);
  });

  it('fixes the certificate track for a registered sponsor; a Vietnamese patient fails on the e-visa track and passes there', async () => {
    const vn = { patient: { ...aPerson({ nationality: 'VNM' }), email: 'vn.patient@example.vn' } };
    const draft = (await post(designated.coordinator, '', anApplication(vn)).expect(201)).body;
    await uploadAllDocuments(t, designated.coordinator, draft);
    const refused = await post(designated.coordinator, `/${draft.id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NATIONALITY_NOT_ELIGIBLE');
    const cert = await submitted(registered, { patient: { ...aPerson({ nationality: 'VNM' }), email: 'vn.patient2@example.vn' } });
    expect(cert.track).toBe('certificate');
  });

  it('lists each missing document by person (id and name) and type', async () => {
    const draft = (await post(registered.coordinator, '', anApplication({}, [aPerson({ surname: 'KIM', givenNames: 'MINJI' })]))).body;
    const [patient, companion] = draft.persons as { id: string }[];
    const res = await post(registered.coordinator, `/${draft.id}/submit`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('MISSING_DOCUMENTS');
    const missing = (personId: string, name: string, documentType: string) =>
      ({ field: `persons.${personId}`, message: `${documentType} is missing for ${name}`, personId, name, documentType });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        missing(patient.id, 'AIGERIM NURLANOVA', 'passport_copy'),
        missing(patient.id, 'AIGERIM NURLANOVA', 'proof_of_funds'),
        missing(companion.id, 'MINJI KIM', 'relationship_proof'),
      ]),
    );
    expect(res.body.errors).toHaveLength(6);
  });

  it('refuses caregivers on the certificate track and accepts them on the e-visa track', async () => {
    const caregiver = [aPerson({ surname: 'PARK', relationship: 'caregiver' })];
    const cert = (await post(registered.coordinator, '', anApplication({}, caregiver)).expect(201)).body;
    await uploadAllDocuments(t, registered.coordinator, cert);
    expect((await post(registered.coordinator, `/${cert.id}/submit`)).body.code).toBe('COMPANION_NOT_ALLOWED');
    expect((await submitted(designated, {}, [aPerson({ surname: 'PARK', relationship: 'caregiver' })])).track).toBe('e_visa');
  });

  it.each([
    ['TOO_MANY_COMPANIONS', {}, 4],
    ['CATEGORY_DOES_NOT_FIT_STAY', { stayUntil: '2027-04-10' }, 0],
    ['ENTRIES_NOT_ALLOWED', { entries: 'multiple', patient: { ...aPerson({ nationality: 'CHN' }), email: 'cn@example.cn' } }, 0],
    ['MINOR_WITHOUT_GUARDIAN', { patient: { ...aPerson({ dateOfBirth: '2009-06-01' }), email: 'minor@example.kz' } }, 0],
    ['PASSPORT_VALIDITY_TOO_SHORT', { patient: { ...aPerson({ passportExpiry: '2027-07-09' }), email: 'short@example.kz' } }, 0],
    ['SPECIALTY_NOT_OFFERED', { treatment: { specialty: 'fertility', summary: 'x', plannedStart: '2027-01-11', plannedEnd: '2027-01-20' } }, 0],
    ['TREATMENT_OUTSIDE_STAY', { treatment: { specialty: 'oncology', summary: 'x', plannedStart: '2027-01-11', plannedEnd: '2027-03-01' } }, 0],
  ])('refuses a draft breaking a group rule with 422 %s', async (code, over, companions) => {
    const res = await post(designated.coordinator, '', anApplication(over, Array.from({ length: companions as number }, () => aPerson())));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
  });

  it('refuses a sponsor whose registration has lapsed (422 SPONSOR_NOT_REGISTERED)', async () => {
    const lapsed = await aSponsor(t, admin, false);
    const draft = (await post(lapsed.coordinator, '', anApplication()).expect(201)).body;
    await uploadAllDocuments(t, lapsed.coordinator, draft);
    await t.db.query(`UPDATE hospitals SET registration_valid_until = '2026-11-22' WHERE id = $1`, [lapsed.id]);
    const res = await post(lapsed.coordinator, `/${draft.id}/submit`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SPONSOR_NOT_REGISTERED');
  });

  it('holds the certificate quota: the 11th open application fails, also when they are submitted at once', async () => {
    const sponsor = await aSponsor(t, admin, false);
    const drafts = [];
    for (let i = 0; i < 12; i++) {
      const d = (await post(sponsor.coordinator, '', anApplication()).expect(201)).body;
      await uploadAllDocuments(t, sponsor.coordinator, d);
      drafts.push(d);
    }
    const results = await Promise.all(drafts.map((d) => post(sponsor.coordinator, `/${d.id}/submit`)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => r.body.code)).toEqual(['SPONSOR_QUOTA_REACHED', 'SPONSOR_QUOTA_REACHED']);
    // Withdrawing one frees a place.
    const open = results.find((r) => r.status === 200)!.body;
    await post(sponsor.coordinator, `/${open.id}/withdraw`, { reason: 'patient cancelled' }).expect(200);
    const retry = drafts.find((d) => !results.some((r) => r.status === 200 && r.body.id === d.id))!;
    await post(sponsor.coordinator, `/${retry.id}/submit`).expect(200);
  });

  it('keeps a person in one open application, also when two submissions race', async () => {
    const patient = aPerson();
    const drafts = [];
    for (let i = 0; i < 2; i++) {
      const d = (await post(designated.coordinator, '', anApplication({ patient: { ...patient, email: `same.${i}@example.kz` } })).expect(201)).body;
      await uploadAllDocuments(t, designated.coordinator, d);
      drafts.push(d);
    }
    const results = await Promise.all(drafts.map((d) => post(designated.coordinator, `/${d.id}/submit`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('DUPLICATE_OPEN_APPLICATION');
    // Once decided, the person may apply again.
    const winner = results.find((r) => r.status === 200)!.body;
    await post(officer.token, `/${winner.id}/start-review`).expect(200);
    await post(officer.token, `/${winner.id}/decision`, { persons: [{ personId: winner.persons[0].id, outcome: 'reject', reasonCode: 'other' }] }).expect(200);
    const loser = drafts.find((d) => d.id !== winner.id)!;
    await post(designated.coordinator, `/${loser.id}/submit`).expect(200);
  });

  it('a withdrawn application frees its persons for another: their passports open at submission and close with it', async () => {
    const patient = aPerson();
    const drafts = [];
    for (let i = 0; i < 2; i++) {
      const d = (await post(designated.coordinator, '', anApplication({ patient: { ...patient, email: `freed.${i}@example.kz` } })).expect(201)).body;
      await uploadAllDocuments(t, designated.coordinator, d);
      drafts.push(d);
    }
    const open = async (id: string) => (await t.db.query('SELECT count(*)::int AS n FROM visa_persons WHERE application_id = $1 AND open_passport_hash IS NOT NULL', [id]))[0].n;
    await post(designated.coordinator, `/${drafts[0].id}/submit`).expect(200);
    expect(await open(drafts[0].id)).toBe(1);
    const refused = await post(designated.coordinator, `/${drafts[1].id}/submit`).expect(409);
    expect(refused.body.code).toBe('DUPLICATE_OPEN_APPLICATION');
    // The refusal left nothing behind: no history line, no clock.
    const [left] = await t.db.query(
      `SELECT (SELECT count(*) FROM visa_application_events WHERE application_id = $1)::int AS history, (SELECT status FROM visa_applications WHERE id = $1) AS status`,
      [drafts[1].id],
    );
    expect(left).toEqual({ history: 1, status: 'draft' });
    await post(designated.coordinator, `/${drafts[0].id}/withdraw`, { reason: 'moved to another hospital' }).expect(200);
    expect(await open(drafts[0].id)).toBe(0);
    await post(designated.coordinator, `/${drafts[1].id}/submit`).expect(200);
  });

  it("refuses a patient's e-mail that belongs to a staff account, and writes nothing", async () => {
    const [{ email }] = await t.db.query('SELECT email FROM users WHERE id = $1', [officer.id]);
    const before = await t.db.query('SELECT (SELECT count(*) FROM invitations)::int AS invitations, (SELECT count(*) FROM visa_applications)::int AS applications');
    const res = await post(designated.coordinator, '', anApplication({ patient: { ...aPerson(), email } })).expect(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    expect(await t.db.query('SELECT (SELECT count(*) FROM invitations)::int AS invitations, (SELECT count(*) FROM visa_applications)::int AS applications')).toEqual(before);
    const [account] = await t.db.query('SELECT role, patient_id FROM users WHERE id = $1', [officer.id]);
    expect(account).toEqual({ role: 'officer', patient_id: null });
  });

  it('two deciders at once: one 200, one 409', async () => {
    const app = await submitted(designated);
    await post(officer.token, `/${app.id}/start-review`).expect(200);
    const persons = [{ personId: app.persons[0].id, outcome: 'approve' }];
    const results = await Promise.all([post(officer.token, `/${app.id}/decision`, { persons }), post(supervisor, `/${app.id}/decision`, { persons })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('INVALID_TRANSITION');
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM visas WHERE application_id = $1', [app.id]);
    expect(n).toBe(1);
  });

  it('applies the decision rules', async () => {
    const app = await submitted(designated, {}, [aPerson({ surname: 'KIM', relationship: 'spouse' })]);
    await post(officer.token, `/${app.id}/start-review`).expect(200);
    const [patient, companion] = app.persons;
    expect((await post(officer.token, `/${app.id}/decision`, { persons: [{ personId: patient.id, outcome: 'approve' }] })).status).toBe(400);
    const noReason = await post(officer.token, `/${app.id}/decision`, { persons: [{ personId: patient.id, outcome: 'reject' }, { personId: companion.id, outcome: 'reject', reasonCode: 'other' }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ field: 'persons[0].reasonCode', message: expect.any(String) }]);
    const orphan = await post(officer.token, `/${app.id}/decision`, { persons: [{ personId: patient.id, outcome: 'reject', reasonCode: 'inadmissible' }, { personId: companion.id, outcome: 'approve' }] });
    expect(orphan.status).toBe(422);
    expect(orphan.body.code).toBe('COMPANION_WITHOUT_PATIENT');
    const partial = await post(officer.token, `/${app.id}/decision`, { persons: [{ personId: patient.id, outcome: 'approve' }, { personId: companion.id, outcome: 'reject', reasonCode: 'security' }] }).expect(200);
    expect(partial.body.status).toBe('approved');
    expect(partial.body.persons.find((p: { id: string }) => p.id === companion.id)).toMatchObject({ outcome: 'reject', reasonCode: 'security' });
    await t.http.get(`/api/v1/visa-applications/${app.id}/persons/${companion.id}/visa`).set(as(officer.token)).expect(404);
  });

  it('pauses for a supplement: resubmission needs each requested item uploaded since the request', async () => {
    const app = await submitted(designated);
    await post(officer.token, `/${app.id}/start-review`).expect(200);
    const asked = await post(officer.token, `/${app.id}/request-supplement`, { reason: 'Diagnosis unreadable', items: [{ personId: app.persons[0].id, documentType: 'diagnosis' }] }).expect(200);
    expect(asked.body).toMatchObject({ status: 'supplement_requested', publicStatus: 'Documents requested', dueAt: null });
    const early = await post(designated.coordinator, `/${app.id}/resubmit`);
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('MISSING_DOCUMENTS');
    // Named as on submit: the person by id and name, and the type.
    expect(early.body.errors).toEqual([
      { field: `persons.${app.persons[0].id}`, message: 'diagnosis is missing for AIGERIM NURLANOVA', personId: app.persons[0].id, name: 'AIGERIM NURLANOVA', documentType: 'diagnosis' },
    ]);
    t.clock.advance(1000);
    await t.http
      .post(`/api/v1/visa-applications/${app.id}/documents`)
      .set(as(designated.coordinator))
      .field('type', 'diagnosis')
      .field('personId', app.persons[0].id)
      .attach('file', Buffer.from('%PDF-1.4 new scan'), { filename: 'diagnosis.pdf', contentType: 'application/pdf' })
      .expect(201);
    const resumed = (await post(designated.coordinator, `/${app.id}/resubmit`).expect(200)).body;
    expect(resumed.status).toBe('in_review');
    // Paused for one second: the deadline is recomputed from the resumption with the time left.
    expect(resumed.dueAt).toBe('2026-11-26T03:00:01.000Z');
  });

  it('lets a patient draft, ask a hospital to sponsor, be declined, ask again and be submitted', async () => {
    const token = (await aRegisteredPatient(t, { email: 'self.drafter@example.kz', password: 'a long enough password', name: 'Self Drafter' })).accessToken;
    const draft = (await post(token, '', anApplication({ sponsorHospitalId: designated.id })).expect(201)).body;
    expect(draft.sponsorHospitalId).toBe(designated.id);
    expect(draft.persons[0].email).toBe('self.drafter@example.kz');
    await uploadAllDocuments(t, token, draft);
    expect((await post(token, `/${draft.id}/submit`)).status).toBe(403);
    expect((await post(token, `/${draft.id}/request-sponsorship`).expect(200)).body.status).toBe('sponsor_review');
    expect((await post(designated.coordinator, `/${draft.id}/decline-sponsorship`, { reason: 'Fully booked' }).expect(200)).body.status).toBe('draft');
    await t.http.patch(`/api/v1/visa-applications/${draft.id}`).set(as(token)).send({ stayUntil: '2027-02-05' }).expect(200);
    await post(token, `/${draft.id}/request-sponsorship`).expect(200);
    expect((await post(designated.coordinator, `/${draft.id}/submit`).expect(200)).body.status).toBe('submitted');
    const other = await aSponsor(t, admin, true);
    expect((await post(other.coordinator, `/${draft.id}/submit`)).status).toBe(404);
  });

  it('replaces the companions of a draft whole, keeping the patient and their documents; the new ones sealed, masked and searchable', async () => {
    const draft = (await post(designated.coordinator, '', anApplication({}, [aPerson({ surname: 'OLD', relationship: 'spouse' })])).expect(201)).body;
    await t.http
      .post(`/api/v1/visa-applications/${draft.id}/documents`)
      .set(as(designated.coordinator))
      .field('type', 'passport_copy')
      .attach('file', TINY_PDF, { filename: 'p.pdf', contentType: 'application/pdf' })
      .expect(201);
    const companions = [aPerson({ surname: 'Park', relationship: 'child' }), aPerson({ surname: 'Choi', relationship: 'parent' })];
    const res = await t.http.patch(`/api/v1/visa-applications/${draft.id}`).set(as(designated.coordinator)).send({ companions }).expect(200);
    expect(res.body.persons.map((p: { surname: string; role: string; relationship: string | null }) => [p.role, p.surname, p.relationship])).toEqual([
      ['patient', draft.persons[0].surname, null], ['companion', 'PARK', 'child'], ['companion', 'CHOI', 'parent'],
    ]);
    expect(res.body.persons[0].id).toBe(draft.persons[0].id);
    expect(res.body.persons[1].passportNumber).toBe(companions[0].passportNumber);
    const rows = await t.db.query(
      'SELECT ordinal, passport_number_sealed, passport_number_masked, passport_search_hash, passport_hash FROM visa_persons WHERE application_id = $1 ORDER BY ordinal',
      [draft.id],
    );
    expect(rows.map((r: { ordinal: number }) => r.ordinal)).toEqual([0, 1, 2]);
    expect(rows[1].passport_number_sealed).not.toContain(companions[0].passportNumber);
    expect(rows[1].passport_number_masked).toBe(maskValue(companions[0].passportNumber));
    const cipher = t.app.get(PiiCipher);
    expect(rows[2].passport_search_hash).toBe(cipher.hash(companions[1].passportNumber));
    expect(rows[2].passport_hash).toBe(cipher.hash(companions[1].nationality, companions[1].passportNumber));
    const [{ docs }] = await t.db.query('SELECT count(*)::int AS docs FROM visa_documents WHERE application_id = $1 AND person_id = $2', [draft.id, draft.persons[0].id]);
    expect(docs).toBe(1);
  });

  it('answers 409 INVALID_TRANSITION for a transition the status does not allow', async () => {
    const draft = (await post(designated.coordinator, '', anApplication()).expect(201)).body;
    const res = await post(supervisor, `/${draft.id}/start-review`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', detail: expect.stringContaining('draft') });
    await post(designated.coordinator, `/${draft.id}/withdraw`, { reason: 'no longer needed' }).expect(200);
    expect((await post(designated.coordinator, `/${draft.id}/withdraw`, { reason: 'again' })).status).toBe(409);
    expect((await t.http.patch(`/api/v1/visa-applications/${draft.id}`).set(as(designated.coordinator)).send({ entries: 'double' })).status).toBe(409);
  });

  it('scopes reads: other hospitals, other patients and other officers get 404; officers see the unassigned', async () => {
    const app = await submitted(designated);
    const stranger = await aSponsor(t, admin, false);
    expect((await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(stranger.coordinator))).status).toBe(404);
    const otherPatient = (await t.user('patient')).token;
    expect((await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(otherPatient))).status).toBe(404);
    await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer2.token)).expect(200);
    await post(supervisor, `/${app.id}/assign`, { officerId: officer.id }).expect(200);
    expect((await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer2.token))).status).toBe(404);
    expect((await post(officer2.token, `/${app.id}/start-review`)).status).toBe(404);
    await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(admin)).expect(200);
    expect((await post(admin, `/${app.id}/start-review`)).status).toBe(403);
    for (const role of ['clinician', 'care_provider', 'ministry_reviewer'] as const) {
      const tk = (await t.user(role)).token;
      expect([role, (await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(tk))).status]).toEqual([role, 403]);
    }
    const bad = await post(supervisor, `/${app.id}/assign`, { officerId: (await t.user('clinician')).id });
    expect(bad.body.code).toBe('OFFICER_NOT_AVAILABLE');
  });

  it('shows full passport numbers to officers and the sponsor (audited), masked to others; never stores them in clear', async () => {
    const person = aPerson();
    const app = await submitted(designated, { patient: { ...person, email: 'pii@example.kz' } });
    const full = await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer.token)).expect(200);
    expect(full.body.persons[0].passportNumber).toBe(person.passportNumber);
    expect(full.body.persons[0].dateOfBirth).toBe(person.dateOfBirth);
    const [{ reads }] = await t.db.query(`SELECT count(*)::int AS reads FROM audit_log WHERE action = 'visa_application.pii_read' AND entity_id = $1`, [app.id]);
    expect(reads).toBeGreaterThanOrEqual(1);
    const list = await t.http.get('/api/v1/visa-applications').set(as(officer.token)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(person.passportNumber);
    // A list shows the masked forms (spec/security.md, M1234****), the date of birth not at all.
    const listed = list.body.items.find((a: { id: string }) => a.id === app.id);
    expect(listed.persons[0]).toMatchObject({ passportNumber: `${person.passportNumber.slice(0, 5)}****`, dateOfBirth: '****-**-**' });
    const rows = await t.db.query(`SELECT row_to_json(p)::text AS row FROM visa_persons p WHERE application_id = $1`, [app.id]);
    expect(rows[0].row).not.toContain(person.passportNumber);
    expect(rows[0].row).not.toContain(person.dateOfBirth);
    const audit = await t.db.query(`SELECT string_agg(coalesce(after::text, ''), ' ') AS text FROM audit_log`);
    expect(audit[0].text).not.toContain(person.passportNumber);
  });

  it('lists decrypt nothing: the masked passport number is stored beside the sealed one, and the backfill fills rows written before it', async () => {
    const person = aPerson();
    const app = await submitted(designated, { patient: { ...person, email: 'masked@example.kz' } });
    const masked = `${person.passportNumber.slice(0, 5)}****`;
    const [stored] = await t.db.query(`SELECT passport_number_masked FROM visa_persons WHERE application_id = $1 AND role = 'patient'`, [app.id]);
    expect(stored.passport_number_masked).toBe(masked);
    const decrypt = jest.spyOn(t.app.get(PiiCipher), 'decrypt');
    const listed = async () => {
      decrypt.mockClear();
      const list = await t.http.get(`/api/v1/visa-applications?q=${app.reference}`).set(as(officer.token)).expect(200);
      return { passport: list.body.items[0].persons[0].passportNumber, decryptions: decrypt.mock.calls.length };
    };
    try {
      expect(await listed()).toEqual({ passport: masked, decryptions: 0 });
      // A row written before the column existed: the list still masks it (decrypting), and the backfill stores its masked form once.
      await t.db.query(`UPDATE visa_persons SET passport_number_masked = NULL WHERE application_id = $1`, [app.id]);
      expect(await listed()).toEqual({ passport: masked, decryptions: 1 });
      const filled = await t.app.get(MaskBackfillProcessor).run();
      expect(filled.persons).toBeGreaterThanOrEqual(1);
      expect(await t.app.get(MaskBackfillProcessor).run()).toEqual({ persons: 0 });
      expect(await listed()).toEqual({ passport: masked, decryptions: 0 });
    } finally {
      decrypt.mockRestore();
    }
  });

  it('finds an application by reference, and for officers by passport number', async () => {
    const person = aPerson();
    const app = await submitted(designated, { patient: { ...person, email: 'findme@example.kz' } });
    const byRef = await t.http.get(`/api/v1/visa-applications?q=${app.reference}`).set(as(designated.coordinator)).expect(200);
    expect(byRef.body.items.map((a: { id: string }) => a.id)).toEqual([app.id]);
    const byPassport = await t.http.get(`/api/v1/visa-applications?q=${person.passportNumber}`).set(as(supervisor)).expect(200);
    expect(byPassport.body.items.map((a: { id: string }) => a.id)).toEqual([app.id]);
    const notForCoordinators = await t.http.get(`/api/v1/visa-applications?q=${person.passportNumber}`).set(as(designated.coordinator)).expect(200);
    expect(notForCoordinators.body.items).toEqual([]);
    const filtered = await t.http.get('/api/v1/visa-applications?status=submitted&track=e_visa&limit=2').set(as(supervisor)).expect(200);
    expect(filtered.body.items.every((a: { status: string; track: string }) => a.status === 'submitted' && a.track === 'e_visa')).toBe(true);
    expect(filtered.body.nextCursor).toEqual(expect.any(String));
  });

  it('refuses a broken MRZ check digit with 400 naming the field', async () => {
    const res = await post(designated.coordinator, '', anApplication({
      patient: { ...aPerson(), email: 'mrz@example.kz', mrz: ['P<KAZNURLANOVA<<AIGERIM<<<<<<<<<<<<<<<<<<<<<', 'N123456781KAZ8503140F3101012<<<<<<<<<<<<<<06'] },
    }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toMatch(/^patient\.mrz\./);
  });

  it('feeds the sponsor\'s designation figures from its own visa records', async () => {
    const sponsor = await aSponsor(t, admin, false);
    for (let i = 0; i < 2; i++) await submitted(sponsor, {}, [aPerson()]);
    const rejected = await submitted(sponsor);
    await post(officer.token, `/${rejected.id}/start-review`).expect(200);
    await post(officer.token, `/${rejected.id}/decision`, { persons: [{ personId: rejected.persons[0].id, outcome: 'reject', reasonCode: 'other' }] }).expect(200);
    const application = await t.http.post(`/api/v1/hospitals/${sponsor.id}/designation-applications`).set(as(sponsor.coordinator)).send({ year: 2026, declared: { applications: 1 } }).expect(201);
    expect(application.body.systemFigures).toEqual({ applications: 3, persons: 5, refusals: 1, overstays: 0, entryRefusals: 0 });
    expect(application.body.figures.applications).toBe(4);
  });

  it('gives the certificate track its own target and serves the officers\' work queue by due time', async () => {
    t.clock.set(NOW);
    const cert = await submitted(registered);
    // Monday 12:00 KST + 240 counted business hours → Monday 7 December 12:00 KST.
    expect(cert.dueAt).toBe('2026-12-07T03:00:00.000Z');
    const recorder = recordStatements(t.db);
    recorder.start();
    const queue = await t.http.get('/api/v1/visa-applications?sort=dueAt&status=submitted&limit=100').set(as(officer.token)).expect(200);
    // Its filters meet skewed values (a status, one officer's share of a million): the list is
    // planned per request, never kept as a generic plan (the marker's effect: prepared-statements.int-spec).
    const lists = recorder.stop().filter((q) => /FROM "visa_applications"/.test(q));
    expect(lists).toHaveLength(1);
    expect(lists[0].startsWith(`/* ${CUSTOM_PLAN} */`)).toBe(true);
    const due = queue.body.items.map((a: { dueAt: string }) => a.dueAt);
    expect(due.length).toBeGreaterThanOrEqual(2);
    expect(due).toEqual([...due].sort());
    expect(queue.body.items.every((a: { status: string }) => a.status === 'submitted')).toBe(true);
    const page = await t.http.get('/api/v1/visa-applications?sort=dueAt&limit=1').set(as(supervisor)).expect(200);
    const next = await t.http.get(`/api/v1/visa-applications?sort=dueAt&limit=1&cursor=${page.body.nextCursor}`).set(as(supervisor)).expect(200);
    expect(next.body.items[0].dueAt >= page.body.items[0].dueAt).toBe(true);
  });

  it('withdraws an application whose supplement request lapsed after SUPPLEMENT_LAPSE_AFTER, once', async () => {
    t.clock.set(NOW);
    const app = await submitted(designated);
    await post(officer.token, `/${app.id}/start-review`).expect(200);
    await post(officer.token, `/${app.id}/request-supplement`, { reason: 'r', items: [{ documentType: 'diagnosis' }] }).expect(200);
    // The lapse is a durable timer: its job plays `lapse`, its reconciler (fireDue) the old sweep.
    const timers = t.app.get(TimersService);
    const lapses = async () => (await timers.fireDue({ kind: SUPPLEMENT_LAPSE_TIMER })).filter((f) => f.result).length;
    const [{ arming, at }] = await t.db.query(`SELECT arming, at FROM timers WHERE key = $1`, [lapseTimerKey(app.id)]);
    expect(new Date(at).toISOString()).toBe('2026-12-23T03:00:00.000Z');
    const [lapseJob] = await t.db.query(`SELECT delay_until FROM outbox WHERE job_name = 'due' AND payload->>'at' = $1`, [new Date(at).toISOString()]);
    expect(new Date(lapseJob.delay_until).toISOString()).toBe('2026-12-23T03:00:00.000Z');
    t.clock.set('2026-12-23T02:59:59Z');
    expect(await fireTimer(t, lapseTimerKey(app.id), String(arming))).toBe(false);
    expect(await lapses()).toBe(0);
    t.clock.set('2026-12-23T03:00:00Z');
    expect(await lapses()).toBeGreaterThanOrEqual(1);
    expect(await fireTimer(t, lapseTimerKey(app.id), String(arming))).toBe(false);
    t.clock.set(NOW); // back within the tokens' lifetime
    const view = (await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer.token))).body;
    expect(view).toMatchObject({ status: 'withdrawn', sla: { state: 'stopped' } });
    const history = (await t.http.get(`/api/v1/visa-applications/${app.id}/history`).set(as(designated.coordinator))).body;
    expect(history.at(-1)).toMatchObject({ action: 'lapse', toStatus: 'withdrawn', actorRole: 'system', details: { reason: 'lapsed' } });
    // A lapsed application frees its persons for another.
    expect(await t.db.query('SELECT 1 FROM visa_persons WHERE application_id = $1 AND open_passport_hash IS NOT NULL', [app.id])).toHaveLength(0);
  });

  it('reports the processing clock to supervisors: submitted, decided on time, percentiles, per officer', async () => {
    t.clock.set(NOW);
    const app = await submitted(designated);
    await post(officer.token, `/${app.id}/start-review`).expect(200);
    t.clock.set('2026-11-23T05:00:00Z'); // decided two counted hours later
    await post(officer.token, `/${app.id}/decision`, { persons: [{ personId: app.persons[0].id, outcome: 'approve' }] }).expect(200);
    t.clock.set(NOW);
    const res = await t.http.get('/api/v1/sla/summary?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z').set(as(supervisor)).expect(200);
    const [counts] = await t.db.query(`SELECT count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS submitted, count(*) FILTER (WHERE decided_at IS NOT NULL)::int AS decided FROM visa_applications`);
    expect(res.body).toMatchObject({ submitted: counts.submitted, decided: counts.decided, decidedOnTimeShare: 1, breaches: 0, currentlyBreached: 0 });
    expect(res.body.processingHoursP90).toBeGreaterThanOrEqual(2);
    expect(res.body.perOfficer.map((o: { officerId: string }) => o.officerId)).toEqual(expect.arrayContaining([officer.id, officer2.id]));
    await t.http.get('/api/v1/sla/summary?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z').set(as(officer.token)).expect(403);
    await t.http.get('/api/v1/sla/summary?from=yesterday').set(as(supervisor)).expect(400);
  });

  it('explains the clock: its stretches with what moved them, the stages, and a deadline anyone can recompute', async () => {
    t.clock.set(NOW); // Monday 12:00 KST
    const draft = (await post(designated.coordinator, '', anApplication()).expect(201)).body;
    expect((await t.http.get(`/api/v1/visa-applications/${draft.id}/sla`).set(as(designated.coordinator)).expect(200)).body).toMatchObject({ target: null, sla: null, segments: [], stages: [] });
    await uploadAllDocuments(t, designated.coordinator, draft);
    const app = (await post(designated.coordinator, `/${draft.id}/submit`).expect(200)).body;
    await post(officer.token, `/${app.id}/start-review`).expect(200);
    t.clock.set('2026-11-23T04:00:00Z'); // one counted hour, then a two-hour pause
    await post(officer.token, `/${app.id}/request-supplement`, { reason: 'r', items: [{ documentType: 'diagnosis' }] }).expect(200);
    t.clock.set('2026-11-23T06:00:00Z');
    await t.http.post(`/api/v1/visa-applications/${app.id}/documents`).set(as(designated.coordinator)).field('type', 'diagnosis')
      .attach('file', Buffer.from('%PDF-1.4 again'), { filename: 'd.pdf', contentType: 'application/pdf' }).expect(201);
    await post(designated.coordinator, `/${app.id}/resubmit`).expect(200);

    const explained = (await t.http.get(`/api/v1/visa-applications/${app.id}/sla`).set(as(officer.token)).expect(200)).body;
    const coordinator = { actorRole: 'hospital_coordinator', actorId: designated.coordinatorId };
    const byOfficer = { action: 'request_supplement', actorRole: 'officer', actorId: officer.id };
    expect(explained).toMatchObject({ target: 'P3D', calendar: 'business', timeZone: 'Asia/Seoul' });
    expect(explained.segments).toEqual([
      { kind: 'running', from: '2026-11-23T03:00:00.000Z', to: '2026-11-23T04:00:00.000Z', countedSeconds: 3600, startedBy: { action: 'submit', ...coordinator }, endedBy: byOfficer },
      { kind: 'paused', from: '2026-11-23T04:00:00.000Z', to: '2026-11-23T06:00:00.000Z', countedSeconds: 0, startedBy: byOfficer, endedBy: { action: 'resubmit', ...coordinator } },
      { kind: 'running', from: '2026-11-23T06:00:00.000Z', to: null, countedSeconds: 0, startedBy: { action: 'resubmit', ...coordinator }, endedBy: null },
    ]);
    // 72 counted hours, pushed two hours later by the pause; warning at 36 h, escalation at 57.6 h.
    expect(explained.sla).toMatchObject({ dueAt: '2026-11-26T05:00:00.000Z', countedSeconds: 3600, paused: false, state: 'on_track' });
    expect(explained.stages).toEqual([
      { stage: 'warning', share: 0.5, status: 'scheduled', dueAt: '2026-11-24T17:00:00.000Z', firedAt: null, latenessSeconds: null },
      { stage: 'escalation', share: 0.8, status: 'scheduled', dueAt: '2026-11-25T14:36:00.000Z', firedAt: null, latenessSeconds: null },
      { stage: 'breach', share: 1, status: 'scheduled', dueAt: '2026-11-26T05:00:00.000Z', firedAt: null, latenessSeconds: null },
    ]);
    const running = explained.segments.filter((s: { kind: string }) => s.kind === 'running').map((s: { from: string; to: string | null }) => ({ from: new Date(s.from), to: s.to && new Date(s.to) }));
    expect(dueAt(running, explained.target, explained.calendar)?.toISOString()).toBe(explained.sla.dueAt);
    // The list carries the same block as the detail view.
    const listed = (await t.http.get(`/api/v1/visa-applications?q=${app.reference}`).set(as(supervisor)).expect(200)).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0].sla).toEqual(explained.sla);
    // The patient sees what moved the clock, not which staff member did.
    const invitation = await linkTokenMailedTo(t, draft.persons[0].email, 'accept-invite');
    const patient = (await t.http.post('/api/v1/auth/accept-invite').send({ token: invitation, password: 'patient password 1' }).expect(200)).body.accessToken;
    const theirs = (await t.http.get(`/api/v1/visa-applications/${app.id}/sla`).set(as(patient)).expect(200)).body;
    expect(theirs.segments.map((s: { startedBy: { actorId: string | null } }) => s.startedBy.actorId)).toEqual([null, null, null]);
    expect(theirs.segments[0].endedBy).toEqual({ ...byOfficer, actorId: null });
    expect(theirs.stages).toEqual(explained.stages);

    t.clock.set('2026-11-24T17:00:30Z');
    expect(await fireTimer(t, stageTimerKey(app.id))).toBe(true);
    await post(officer.token, `/${app.id}/decision`, { persons: [{ personId: app.persons[0].id, outcome: 'approve' }] }).expect(200);
    const after = (await t.http.get(`/api/v1/visa-applications/${app.id}/sla`).set(as(officer.token)).expect(200)).body;
    expect(after.stages.map((s: { status: string }) => s.status)).toEqual(['fired', 'cancelled', 'cancelled']);
    expect(after.stages[0]).toMatchObject({ dueAt: '2026-11-24T17:00:00.000Z', firedAt: '2026-11-24T17:00:30.000Z', latenessSeconds: 30 });
    expect(after.segments.at(-1)).toMatchObject({ to: '2026-11-24T17:00:30.000Z', endedBy: { action: 'decide', actorRole: 'officer' } });
    expect(after.sla).toMatchObject({ state: 'met', dueAt: null });
    await t.http.get(`/api/v1/visa-applications/${app.id}/sla`).set(as(registered.coordinator)).expect(404);
    t.clock.set(NOW);
  });

  it('a supervisor\'s reassignment keeps the clock', async () => {
    t.clock.set(NOW);
    const app = await submitted(designated);
    const clockOf = async () =>
      (await t.db.query('SELECT cycle, next_stage, next_stage_at, due_at FROM sla_clocks WHERE application_id = $1', [app.id]))[0];
    const before = await clockOf();
    t.clock.set('2026-11-23T05:00:00Z');
    await post(supervisor, `/${app.id}/assign`, { officerId: officer2.id }).expect(200);
    expect(await clockOf()).toEqual(before);
    const view = (await t.http.get(`/api/v1/visa-applications/${app.id}`).set(as(officer2.token)).expect(200)).body;
    expect(view).toMatchObject({ assignedOfficerId: officer2.id, dueAt: app.dueAt, sla: { dueAt: app.dueAt, countedSeconds: 7200 } });
    t.clock.set(NOW);
  });

  it('filters the list by the clock\'s state', async () => {
    const app = await submitted(designated);
    const ids = async (state: string) => (await t.http.get(`/api/v1/visa-applications?slaState=${state}&limit=100`).set(as(supervisor)).expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(await ids('on_track')).toContain(app.id);
    expect(await ids('at_risk')).not.toContain(app.id);
    await t.db.query('UPDATE visa_applications SET escalation_level = 1 WHERE id = $1', [app.id]);
    expect(await ids('at_risk')).toContain(app.id);
    expect(await ids('on_track')).not.toContain(app.id);
    await t.db.query('UPDATE visa_applications SET escalation_level = 2 WHERE id = $1', [app.id]);
    expect(await ids('breached')).toContain(app.id);
    const met = await ids('met');
    expect(met.length).toBeGreaterThan(0);
    expect(met).not.toContain(app.id);
    await t.http.get('/api/v1/visa-applications?slaState=late').set(as(supervisor)).expect(400);
  });
});
