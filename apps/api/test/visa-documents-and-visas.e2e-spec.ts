import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@medjourney/platform';
import { aPerson, anApplication, aSponsor, httpFrom, qrOfPdf, startTestApp, TINY_PDF, uploadAllDocuments, type TestApp } from '@medjourney/testing';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { PDFParse } from 'pdf-parse';
// pdf.js (inside pdf-parse) loads its worker with a native import(), which jest's CommonJS
// cannot run; loaded first, the worker registers itself where pdf.js looks for it.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

const NOW = '2026-11-23T03:00:00Z';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');

describe('documents, visas and verification', () => {
  let t: TestApp;
  const logLines: string[] = [];
  let admin: string;
  let officer: string;
  let supervisor: string;
  let sponsor: Awaited<ReturnType<typeof aSponsor>>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => t.http.post(`/api/v1/visa-applications${path}`).set(as(token)).send(body);
  const upload = (token: string, appId: string, type: string, file: Buffer, name = 'f.pdf') =>
    t.http.post(`/api/v1/visa-applications/${appId}/documents`).set(as(token)).field('type', type).attach('file', file, { filename: name, contentType: 'application/pdf' });

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _e, cb) {
        logLines.push(chunk.toString());
        cb();
      },
    });
    t = await startTestApp({ clock: new ManualClock(NOW), env: { JWT_TTL: 'P3Y', LOG_LEVEL: 'info', PUBLIC_BASE_URL: 'https://visa.medjourney.test' }, logStream: stream });
    admin = (await t.user('admin')).token;
    officer = (await t.user('officer')).token;
    supervisor = (await t.user('supervisor')).token;
    sponsor = await aSponsor(t, admin, true);
  });
  afterAll(() => t.close());

  async function approvedApplication(patient = aPerson()) {
    const draft = (await post(sponsor.coordinator, '', anApplication({ patient: { ...patient, email: `${patient.passportNumber.toLowerCase()}@example.kz` } })).expect(201)).body;
    await uploadAllDocuments(t, sponsor.coordinator, draft);
    await post(sponsor.coordinator, `/${draft.id}/submit`).expect(200);
    await post(officer, `/${draft.id}/start-review`).expect(200);
    await post(officer, `/${draft.id}/decision`, { persons: [{ personId: draft.persons[0].id, outcome: 'approve' }] }).expect(200);
    const visa = (await t.http.get(`/api/v1/visa-applications/${draft.id}/persons/${draft.persons[0].id}/visa`).set(as(officer)).expect(200)).body;
    return { app: draft, visa, patient };
  }

  it('stores uploads under random names with their SHA-256 and serves them back to those who may see the application', async () => {
    const draft = (await post(sponsor.coordinator, '', anApplication()).expect(201)).body;
    const res = await upload(sponsor.coordinator, draft.id, 'diagnosis', TINY_PDF, 'my-diagnosis.pdf').expect(201);
    expect(res.body).toMatchObject({ type: 'diagnosis', contentType: 'application/pdf', size: TINY_PDF.length, sha256: createHash('sha256').update(TINY_PDF).digest('hex'), personId: draft.persons[0].id });
    const [{ storage_key }] = await t.db.query('SELECT storage_key FROM visa_documents WHERE id = $1', [res.body.id]);
    expect(storage_key).toMatch(/^[0-9a-f]{48}$/);
    const content = await t.http.get(`/api/v1/visa-applications/${draft.id}/documents/${res.body.id}/content`).set(as(sponsor.coordinator)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(content.body as Buffer, TINY_PDF)).toBe(0);
    await upload(sponsor.coordinator, draft.id, 'passport_copy', PNG, 'scan.pdf').expect(201);
    await upload(sponsor.coordinator, draft.id, 'passport_copy', JPEG, 'scan.png').expect(201);
    const list = await t.http.get(`/api/v1/visa-applications/${draft.id}/documents`).set(as(sponsor.coordinator)).expect(200);
    expect(list.body.map((d: { contentType: string }) => d.contentType)).toEqual(['application/pdf', 'image/png', 'image/jpeg']);
    const stranger = await aSponsor(t, admin, false);
    expect((await t.http.get(`/api/v1/visa-applications/${draft.id}/documents/${res.body.id}/content`).set(as(stranger.coordinator))).status).toBe(404);
  });

  it('recognises files by content: a text file named .pdf is 415; more than 10 MB is 413; no file is 400', async () => {
    const draft = (await post(sponsor.coordinator, '', anApplication()).expect(201)).body;
    const fake = await upload(sponsor.coordinator, draft.id, 'diagnosis', Buffer.from('just text pretending'), 'fake.pdf');
    expect(fake.status).toBe(415);
    expect(fake.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await upload(sponsor.coordinator, draft.id, 'diagnosis', Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/problem\+json/);
    const none = await t.http.post(`/api/v1/visa-applications/${draft.id}/documents`).set(as(sponsor.coordinator)).field('type', 'diagnosis');
    expect(none.status).toBe(400);
    const badType = await t.http.post(`/api/v1/visa-applications/${draft.id}/documents`).set(as(sponsor.coordinator)).field('type', 'selfie').attach('file', TINY_PDF, 'x.pdf');
    expect(badType.status).toBe(400);
  });

  it('removes documents only while draft or supplement requested', async () => {
    const draft = (await post(sponsor.coordinator, '', anApplication()).expect(201)).body;
    const doc = (await upload(sponsor.coordinator, draft.id, 'diagnosis', TINY_PDF).expect(201)).body;
    await t.http.delete(`/api/v1/visa-applications/${draft.id}/documents/${doc.id}`).set(as(sponsor.coordinator)).expect(204);
    await uploadAllDocuments(t, sponsor.coordinator, draft);
    await post(sponsor.coordinator, `/${draft.id}/submit`).expect(200);
    const [kept] = (await t.http.get(`/api/v1/visa-applications/${draft.id}/documents`).set(as(sponsor.coordinator))).body;
    const res = await t.http.delete(`/api/v1/visa-applications/${draft.id}/documents/${kept.id}`).set(as(sponsor.coordinator));
    expect(res.status).toBe(409);
    expect((await upload(sponsor.coordinator, draft.id, 'diagnosis', TINY_PDF)).status).toBe(409);
    expect((await upload(officer, draft.id, 'diagnosis', TINY_PDF)).status).toBe(403);
  });

  it('prints a one-page grant notice holding the holder\'s name and a QR code of the verification URL', async () => {
    const { app, visa } = await approvedApplication(aPerson({ surname: 'KASYMOV', givenNames: 'DANIYAR', sex: 'M' }));
    const res = await t.http
      .get(`/api/v1/visa-applications/${app.id}/persons/${app.persons[0].id}/visa.pdf`)
      .set(as(sponsor.coordinator))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    try {
      const text = await parser.getText();
      expect(text.total).toBe(1);
      expect(text.text).toContain('KASYMOV DANIYAR');
      expect(text.text).toContain(visa.number);
    } finally {
      await parser.destroy();
    }
    expect(qrOfPdf(pdf)).toBe(`https://visa.medjourney.test/api/v1/visas/verify?number=${visa.number}`);
  });

  it('verifies publicly: both values must match, and only the spec\'s fields are revealed', async () => {
    const { visa, patient } = await approvedApplication(aPerson({ surname: 'KIM', givenNames: 'MINSEO' }));
    const ok = await t.http.get(`/api/v1/visas/verify?number=${visa.number}&passportNumber=${patient.passportNumber}`).expect(200);
    expect(ok.body).toEqual({ valid: true, status: 'issued', category: 'C-3-3', enterBy: visa.enterBy, holder: 'KIM M*** (KAZ)' });
    const wrong = await t.http.get(`/api/v1/visas/verify?number=${visa.number}&passportNumber=X0000000`).expect(200);
    expect(wrong.body).toEqual({ valid: false, status: 'not_found' });
    const unknown = await t.http.get(`/api/v1/visas/verify?number=ZZZZZZZZZZ&passportNumber=${patient.passportNumber}`).expect(200);
    expect(unknown.body).toEqual({ valid: false, status: 'not_found' });
    await t.http.get('/api/v1/visas/verify?number=X').expect(400);
  });

  it('reports a visa expired once its enter-by date has passed unused, and cancelled once a supervisor cancels it', async () => {
    const { app, visa, patient } = await approvedApplication();
    const url = `/api/v1/visas/verify?number=${visa.number}&passportNumber=${patient.passportNumber}`;
    const start = t.clock.now();
    try {
      t.clock.set('2027-02-24T03:00:00Z');
      expect((await t.http.get(url)).body).toMatchObject({ valid: false, status: 'expired' });
    } finally {
      t.clock.set(start);
    }
    expect((await post(officer, `/${app.id}/persons/${app.persons[0].id}/visa/cancel`, { reason: 'fraud' })).status).toBe(403);
    const cancelled = await post(supervisor, `/${app.id}/persons/${app.persons[0].id}/visa/cancel`, { reason: 'Fraudulent documents' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.http.get(url)).body).toMatchObject({ valid: false, status: 'cancelled' });
    expect((await post(supervisor, `/${app.id}/persons/${app.persons[0].id}/visa/cancel`, { reason: 'again' })).status).toBe(409);
  });

  it('rate-limits verification per address', async () => {
    // From an address of its own (X-Forwarded-For is not believed without TRUST_PROXY).
    const from = await httpFrom(t, '127.0.0.9');
    const results = [];
    try {
      for (let i = 0; i < 31; i++) results.push((await from.get('/api/v1/visas/verify?number=ABCDEFGHJK&passportNumber=N1')).status);
    } finally {
      from.close();
    }
    expect(results.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(results[30]).toBe(429);
  });

  it('keeps passport numbers and dates of birth out of the logs, even in a request body', async () => {
    const person = aPerson({ passportNumber: 'Q98765432', dateOfBirth: '1979-12-31' });
    await post(sponsor.coordinator, '', anApplication({ patient: { ...person, email: 'logged@example.kz' } })).expect(201);
    await post(sponsor.coordinator, '', { ...anApplication({ patient: { ...person, email: 'x' } }), junk: true }).expect(400);
    await t.http.get(`/api/v1/visa-applications?q=${person.passportNumber}`).set(as(supervisor)).expect(200);
    const all = logLines.join('\n');
    expect(all).toContain('/api/v1/visa-applications');
    expect(all).not.toContain('Q98765432');
    expect(all).not.toContain('1979-12-31');
  });
});
