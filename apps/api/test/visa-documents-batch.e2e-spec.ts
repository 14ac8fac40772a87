import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aPerson, aSponsor, anApplication, startTestApp, TINY_PDF, type TestApp } from '@medjourney/testing';
import { WRITE_IN_PLACE_BYTES } from '@medjourney/visas';

interface Person {
  id: string;
  role: string;
}
interface Entry {
  type: string;
  personId?: string;
}

/** POST /visa-applications/:id/documents/batch: an application's documents in one request, all or none. */
describe('documents uploaded together', () => {
  let t: TestApp;
  let storage: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    // A storage directory of this file's own, so that "no file left behind" can be counted.
    storage = mkdtempSync(join(tmpdir(), 'medjourney-batch-'));
    t = await startTestApp({ env: { STORAGE_DIR: storage } });
    sponsor = await aSponsor(t, (await t.user('admin')).token, true);
  });
  afterAll(async () => {
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const draft = async () =>
    (await t.http.post('/api/v1/visa-applications').set(as(sponsor.coordinator)).send(anApplication({}, [aPerson({ surname: 'KIM' }), aPerson({ surname: 'LEE' })])).expect(201)).body as {
      id: string;
      persons: Person[];
    };
  /** Every document the e-visa track asks of a patient and two companions. */
  const everyDocument = (persons: Person[]): Entry[] =>
    persons.flatMap((p) =>
      (p.role === 'patient' ? ['passport_copy', 'medical_confirmation', 'diagnosis', 'treatment_plan', 'proof_of_funds'] : ['passport_copy', 'relationship_proof']).map((type) => ({ type, personId: p.id })),
    );
  const batch = (token: string, appId: string, entries: Entry[], files: Buffer[] = entries.map(() => TINY_PDF), manifest: string = JSON.stringify(entries)) => {
    let req = t.http.post(`/api/v1/visa-applications/${appId}/documents/batch`).set(as(token)).field('documents', manifest);
    files.forEach((f, i) => (req = req.attach('files', f, { filename: `doc-${i}.pdf`, contentType: 'application/pdf' })));
    return req;
  };
  const storedOf = async (appId: string) => Number((await t.db.query('SELECT count(*) AS n FROM visa_documents WHERE application_id = $1', [appId]))[0].n);

  it('stores every document of the application in one request, in order, each with its person, type and audit record; the application then submits', async () => {
    const app = await draft();
    const entries = everyDocument(app.persons);
    const res = await batch(sponsor.coordinator, app.id, entries).expect(201);
    expect(res.body).toHaveLength(9);
    expect(res.body.map((d: { type: string; personId: string }) => ({ type: d.type, personId: d.personId }))).toEqual(entries);
    expect(res.body[0]).toMatchObject({ contentType: 'application/pdf', size: TINY_PDF.length, filename: 'doc-0.pdf' });
    expect(await storedOf(app.id)).toBe(9);
    expect(readdirSync(storage)).toHaveLength(9);
    const [{ audited }] = await t.db.query(`SELECT count(*)::int AS audited FROM audit_log WHERE action = 'visa_document.uploaded' AND after->>'applicationId' = $1`, [app.id]);
    expect(audited).toBe(9);
    const listed = (await t.http.get(`/api/v1/visa-applications/${app.id}/documents`).set(as(sponsor.coordinator)).expect(200)).body;
    expect(listed.map((d: { id: string }) => d.id).sort()).toEqual(res.body.map((d: { id: string }) => d.id).sort());
    await t.http.post(`/api/v1/visa-applications/${app.id}/submit`).set(as(sponsor.coordinator)).expect(200);
  });

  it('names the patient when an entry names no person', async () => {
    const app = await draft();
    const res = await batch(sponsor.coordinator, app.id, [{ type: 'diagnosis' }]).expect(201);
    expect(res.body[0].personId).toBe(app.persons.find((p) => p.role === 'patient')!.id);
  });

  it('stores a file above WRITE_IN_PLACE_BYTES (the thread pool) beside small ones (written in place) byte for byte, and removes both kinds when the statement refuses the batch', async () => {
    const app = await draft();
    const large = Buffer.concat([TINY_PDF, randomBytes(WRITE_IN_PLACE_BYTES)]);
    const files = [TINY_PDF, large, TINY_PDF];
    const entries: Entry[] = [{ type: 'diagnosis' }, { type: 'treatment_plan' }, { type: 'proof_of_funds' }];
    const res = await batch(sponsor.coordinator, app.id, entries, files).expect(201);
    const keys: { id: string; storage_key: string }[] = await t.db.query('SELECT id, storage_key FROM visa_documents WHERE application_id = $1', [app.id]);
    const stored = new Map(keys.map((r) => [r.id, readFileSync(join(storage, r.storage_key))]));
    res.body.forEach((d: { id: string }, i: number) => expect(Buffer.compare(stored.get(d.id)!, files[i])).toBe(0));

    const other = await draft();
    const before = readdirSync(storage).length;
    await batch(sponsor.coordinator, app.id, [...entries, { type: 'diagnosis', personId: other.persons[0].id }], [...files, TINY_PDF]).expect(400);
    expect(readdirSync(storage)).toHaveLength(before);
  });

  it('stores nothing when one person is not of the application, and names that entry', async () => {
    const app = await draft();
    const other = await draft();
    const before = readdirSync(storage).length;
    const entries = everyDocument(app.persons);
    entries[3] = { type: 'treatment_plan', personId: other.persons[0].id };
    const res = await batch(sponsor.coordinator, app.id, entries).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'documents[3].personId', message: 'not a person of this application' }]);
    expect(await storedOf(app.id)).toBe(0);
    expect(readdirSync(storage)).toHaveLength(before);
  });

  it('stores nothing when one file is not a PDF, JPEG or PNG (415, naming it)', async () => {
    const app = await draft();
    const before = readdirSync(storage).length;
    const entries = everyDocument(app.persons);
    const files = entries.map((_, i) => (i === 1 ? Buffer.from('just text pretending') : TINY_PDF));
    const res = await batch(sponsor.coordinator, app.id, entries, files).expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.errors).toEqual([{ field: 'documents[1].file', message: 'not a PDF, JPEG or PNG file' }]);
    expect(await storedOf(app.id)).toBe(0);
    expect(readdirSync(storage)).toHaveLength(before);
  });

  it('refuses a manifest that is not JSON, names an unknown type or a bad id, or does not match the files (400)', async () => {
    const app = await draft();
    const problems = async (req: ReturnType<typeof batch>) => {
      const res = await req.expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      return res.body.errors as { field: string }[];
    };
    expect(await problems(batch(sponsor.coordinator, app.id, [{ type: 'diagnosis' }], [TINY_PDF], 'not json'))).toEqual([{ field: 'documents', message: 'must be a JSON array' }]);
    expect((await problems(batch(sponsor.coordinator, app.id, [{ type: 'selfie' }, { type: 'diagnosis', personId: 'nope' }]))).map((e) => e.field)).toEqual([
      'documents[0].type',
      'documents[1].personId',
    ]);
    expect((await problems(batch(sponsor.coordinator, app.id, [{ type: 'diagnosis' }], [TINY_PDF, TINY_PDF]))).map((e) => e.field)).toEqual(['documents']);
    expect((await problems(batch(sponsor.coordinator, app.id, [], []))).map((e) => e.field)).toEqual(['files']);
    const missing = await t.http.post(`/api/v1/visa-applications/${app.id}/documents/batch`).set(as(sponsor.coordinator)).attach('files', TINY_PDF, 'a.pdf').expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(await storedOf(app.id)).toBe(0);
  });

  it('refuses more than 25 files and a file over 10 MB, storing nothing', async () => {
    const app = await draft();
    const many = Array.from({ length: 26 }, () => ({ type: 'diagnosis' }));
    const tooMany = await batch(sponsor.coordinator, app.id, many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers['content-type']).toMatch(/problem\+json/);
    const big = await batch(sponsor.coordinator, app.id, [{ type: 'diagnosis' }, { type: 'diagnosis' }], [TINY_PDF, Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)])]);
    expect(big.status).toBe(413);
    expect(await storedOf(app.id)).toBe(0);
  });

  it('is refused to roles that do not upload (403), outside the caller\'s scope (404) and once submitted (409)', async () => {
    const app = await draft();
    const officer = await t.user('officer');
    expect((await batch(officer.token, app.id, [{ type: 'diagnosis' }])).status).toBe(403);
    const stranger = await aSponsor(t, (await t.user('admin')).token, false);
    const foreign = await batch(stranger.coordinator, app.id, [{ type: 'diagnosis' }]);
    expect(foreign.status).toBe(404);
    await batch(sponsor.coordinator, app.id, everyDocument(app.persons)).expect(201);
    await t.http.post(`/api/v1/visa-applications/${app.id}/submit`).set(as(sponsor.coordinator)).expect(200);
    const late = await batch(sponsor.coordinator, app.id, [{ type: 'diagnosis' }]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_TRANSITION');
    expect(await storedOf(app.id)).toBe(9);
  });

  it('locks the application and stores the documents in one statement: a person removed by an edit that held the lock is refused (400), not stored', async () => {
    const app = await draft();
    const companion = app.persons.find((p) => p.role === 'companion')!;
    // An edit in flight: it holds the application and has removed a companion, not yet committed.
    const edit = t.db.createQueryRunner();
    await edit.connect();
    try {
      await edit.startTransaction();
      await edit.query('SELECT 1 FROM visa_applications WHERE id = $1 FOR UPDATE', [app.id]);
      await edit.query('DELETE FROM visa_persons WHERE id = $1', [companion.id]);
      // The upload's statement starts (its snapshot still shows the companion) and waits for the lock.
      const upload = batch(sponsor.coordinator, app.id, [{ type: 'passport_copy' }, { type: 'passport_copy', personId: companion.id }]).then((r) => r);
      for (let i = 0; ; i++) {
        const [{ waiting }] = await t.db.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO visa_documents%'`);
        if (waiting > 0) break;
        if (i > 200) throw new Error('the upload never waited for the lock');
        await new Promise((r) => setTimeout(r, 25));
      }
      await edit.commitTransaction();
      const res = await upload;
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'documents', message: 'not a person of this application' }]);
    } finally {
      await edit.release();
    }
    expect(await storedOf(app.id)).toBe(0);
    expect(readdirSync(storage).length).toBe(await t.db.query('SELECT count(*)::int AS n FROM visa_documents').then(([r]) => r.n));
  });
});
