import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aSponsor, anApplication, aPerson, recordStatements, startTestApp, TINY_PDF, uploadAllDocuments, type StatementRecorder, type TestApp } from '@medjourney/testing';

/**
 * The submit path's round trips to PostgreSQL, pinned (issue 10): on this kind of machine each
 * statement costs the API about 0.35 ms of CPU, so a statement added to create, upload or submit
 * is a measurable loss of throughput. A change that needs one more must raise its budget here,
 * on purpose. Counted through TypeORM's logger, which sees every statement of the API's pool
 * (BEGIN and COMMIT included). A request's audit records and outbox jobs go in one statement before
 * its COMMIT (platform's database/transaction-writes.ts); a change's history line goes in the
 * statement of the change itself, and an upload locks its application in the statement that
 * stores the documents (issue 22: create 13 -> 9, upload 6 -> 5, submit 15 -> 11).
 */
const BUDGET = { create: 9, upload: 5, submit: 11 };
/** An application's documents in one request cost what one upload costs, however many files it carries. */
const BATCH_BUDGET = BUDGET.upload;

describe('statements per request on the submit path', () => {
  let t: TestApp;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  let recorder: StatementRecorder;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.user('admin');
    sponsor = await aSponsor(t, admin.token, true);
    recorder = recordStatements(t.db);
  });
  afterAll(() => t.close());

  async function counted<T>(f: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    recorder.start();
    try {
      const result = await f();
      return { result, statements: recorder.current() };
    } finally {
      recorder.stop();
    }
  }
  const matching = (statements: string[], pattern: RegExp) => statements.filter((s) => pattern.test(s)).length;
  const auth = () => `Bearer ${sponsor.coordinator}`;

  it('create, one upload and submit stay within their budgets; the answers are read from the change itself', async () => {
    const body = anApplication({}, [aPerson({ surname: 'KIM' }), aPerson({ surname: 'LEE' })]);
    const create = await counted(() => t.http.post('/api/v1/visa-applications').set('Authorization', auth()).send(body).expect(201));
    expect(create.statements.length).toBeLessThanOrEqual(BUDGET.create);
    // A new patient account and the draft: their two audit records and the invitation's e-mail job
    // in one statement; the account and its invitation in one; the draft, its persons and its
    // history line in one; no read of the answer's.
    expect(matching(create.statements, /INSERT INTO audit_log/)).toBe(1);
    expect(matching(create.statements, /INSERT INTO audit_log[\s\S]*INSERT INTO outbox/)).toBe(1);
    expect(matching(create.statements, /FROM "visa_applications"|FROM visa_applications WHERE id/)).toBe(0);
    expect(matching(create.statements, /INSERT INTO users[\s\S]*INSERT INTO invitations/)).toBe(1);
    expect(matching(create.statements, /INSERT INTO visa_applications[\s\S]*INSERT INTO visa_persons[\s\S]*INSERT INTO visa_application_events/)).toBe(1);
    expect(matching(create.statements, /^\s*INSERT INTO "?(users|invitations|visa_persons|visa_application_events)/)).toBe(0);
    const app = create.result.body;
    expect(app.persons.map((p: { surname: string }) => p.surname)).toEqual([body.patient.surname.toUpperCase(), 'KIM', 'LEE']);
    expect(app).toMatchObject({ status: 'draft', track: null, dueAt: null, sla: null, version: 1, assignedOfficerId: null });
    expect(app.reference).toMatch(/^MV-\d{4}-\d{6}$/);

    const upload = await counted(() =>
      t.http
        .post(`/api/v1/visa-applications/${app.id}/documents`)
        .set('Authorization', auth())
        .field('type', 'passport_copy')
        .attach('file', TINY_PDF, { filename: 'p.pdf', contentType: 'application/pdf' })
        .expect(201),
    );
    expect(upload.statements.length).toBeLessThanOrEqual(BUDGET.upload);
    // Without a personId the document is the patient's.
    expect(upload.result.body.personId).toBe(app.persons[0].id);

    await uploadAllDocuments(t, sponsor.coordinator, app);
    const submit = await counted(() => t.http.post(`/api/v1/visa-applications/${app.id}/submit`).set('Authorization', auth()).expect(200));
    expect(submit.statements.length).toBeLessThanOrEqual(BUDGET.submit);
    // The audit record, the clock's timer and assignment jobs: one statement.
    expect(matching(submit.statements, /INSERT INTO audit_log[\s\S]*INSERT INTO outbox/)).toBe(1);
    expect(matching(submit.statements, /INSERT INTO outbox|INSERT INTO "outbox"/)).toBe(1);
    // The persons and the uploaded documents in one read, the application in another.
    expect(matching(submit.statements, /FROM visa_persons/)).toBe(1);
    expect(matching(submit.statements, /FROM visa_applications/)).toBe(1);
    // The clock's history is written once and not read back to plan the stages or to answer.
    expect(matching(submit.statements, /FROM sla_clock_events/)).toBe(0);
    expect(matching(submit.statements, /FROM "hospitals"|FROM hospitals/)).toBe(1);
    // The clock starts in one statement (its cycle, its fact and its plan) and arms its timer in
    // another; the application's update, its history line and its persons' open passports in one.
    expect(matching(submit.statements, /sla_clocks|sla_clock_events/)).toBe(1);
    expect(matching(submit.statements, /UPDATE visa_applications[\s\S]*INSERT INTO visa_application_events[\s\S]*UPDATE visa_persons/)).toBe(1);
    expect(matching(submit.statements, /visa_application_events|visa_persons SET/)).toBe(1);
    const [stored] = await t.db.query('SELECT due_at, version FROM visa_applications WHERE id = $1', [app.id]);
    expect(submit.result.body).toMatchObject({ status: 'submitted', track: 'e_visa', version: stored.version, dueAt: stored.due_at.toISOString() });
    expect(submit.result.body.sla).toMatchObject({ state: 'on_track', dueAt: stored.due_at.toISOString() });
  });

  it('a second application of the same patient reuses the account: one audit record, no new invitation', async () => {
    const first = anApplication();
    await t.http.post('/api/v1/visa-applications').set('Authorization', auth()).send(first).expect(201);
    const again = await counted(() =>
      t.http.post('/api/v1/visa-applications').set('Authorization', auth()).send(anApplication({ patient: { ...aPerson(), email: first.patient.email } })).expect(201),
    );
    expect(again.statements.length).toBeLessThanOrEqual(BUDGET.create);
    expect(matching(again.statements, /INSERT INTO audit_log/)).toBe(1);
    const [{ invitations }] = await t.db.query(
      'SELECT count(*)::int AS invitations FROM invitations i JOIN users u ON u.id = i.user_id WHERE u.email = $1',
      [first.patient.email.toLowerCase()],
    );
    expect(invitations).toBe(1);
    expect(again.result.body.invitationToken).toBeUndefined();
  });

  it('an upload for a person of another application is refused and stores nothing', async () => {
    const a = (await t.http.post('/api/v1/visa-applications').set('Authorization', auth()).send(anApplication()).expect(201)).body;
    const b = (await t.http.post('/api/v1/visa-applications').set('Authorization', auth()).send(anApplication()).expect(201)).body;
    const res = await t.http
      .post(`/api/v1/visa-applications/${a.id}/documents`)
      .set('Authorization', auth())
      .field('type', 'passport_copy')
      .field('personId', b.persons[0].id)
      .attach('file', TINY_PDF, { filename: 'p.pdf', contentType: 'application/pdf' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await t.db.query('SELECT 1 FROM visa_documents WHERE application_id = $1', [a.id])).toHaveLength(0);
  });

  it('all nine documents of an application in one request cost the statements of one upload: one insert of the documents, one of their audit records', async () => {
    const app = (await t.http.post('/api/v1/visa-applications').set('Authorization', auth()).send(anApplication({}, [aPerson(), aPerson()])).expect(201)).body;
    const entries = app.persons.flatMap((p: { id: string; role: string }) =>
      (p.role === 'patient' ? ['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds'] : ['passport_copy', 'relationship_proof']).map((type) => ({ type, personId: p.id })),
    );
    const batch = await counted(() => {
      let req = t.http.post(`/api/v1/visa-applications/${app.id}/documents/batch`).set('Authorization', auth()).field('documents', JSON.stringify(entries));
      for (const _ of entries) req = req.attach('files', TINY_PDF, { filename: 'd.pdf', contentType: 'application/pdf' });
      return req.expect(201);
    });
    expect(batch.result.body).toHaveLength(9);
    expect(batch.statements.length).toBeLessThanOrEqual(BATCH_BUDGET);
    expect(matching(batch.statements, /INSERT INTO visa_documents/)).toBe(1);
    expect(matching(batch.statements, /INSERT INTO audit_log/)).toBe(1);
    await t.http.post(`/api/v1/visa-applications/${app.id}/submit`).set('Authorization', auth()).expect(200);
  });
});
