import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditService, Clock, DomainError, isUuid, type Actor, type AppConfig } from '@medjourney/platform';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { ApplicationStatus } from '../domain/vocabulary.js';
import type { DocumentDto, UploadDocumentDto } from '../dto/document.dto.js';
import { VisaDocument } from '../entities/visa-document.entity.js';
import { VisaErrors } from '../visas.errors.js';
import { applicationInScope, loadApplication, machineActors } from './application-access.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Files of one batch upload: every document of an application of 10 persons (5 for the patient, 2 for each companion) fits. */
export const MAX_BATCH_FILES = 25;
const UPLOAD_STATUSES: readonly ApplicationStatus[] = ['draft', 'sponsor_review', 'supplement_requested'];
const DELETE_STATUSES: readonly ApplicationStatus[] = ['draft', 'supplement_requested'];
/**
 * A file up to this size is written in place: the async write's three thread-pool hops (open,
 * write, close) cost the API about 0.2 ms of CPU per file, more than writing it; a file of this
 * size holds the event loop about 0.2 ms (to the page cache, measured). Larger files go to the
 * thread pool so that a 10 MB scan does not hold every other request.
 */
export const WRITE_IN_PLACE_BYTES = 1024 * 1024;

/**
 * The three accepted formats, recognised by their signatures rather than by name or header.
 * Three fixed magic numbers: a library would add nothing here.
 */
export function sniffContentType(bytes: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** A file as multer hands it over (memory storage). */
export interface UploadedDocumentFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

@Injectable()
export class DocumentsService {
  private readonly dir: string;
  /** Created on the first upload, once: a mkdir per upload cost 2 % of the API's time under the submit bench. */
  private dirReady: Promise<unknown> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.dir = resolve(config.storageDir);
  }

  /** One document (a supplement, a replacement): the batch of one. */
  async upload(actor: Actor, applicationId: string, dto: UploadDocumentDto, file: UploadedDocumentFile | undefined): Promise<DocumentDto> {
    if (!file) throw DomainError.validation([{ field: 'file', message: 'file is required' }]);
    const [doc] = await this.store(actor, applicationId, [{ ...dto, file }], (_i, field) => field);
    return doc;
  }

  /**
   * An application's documents in one request: each file with its type and person, validated
   * together and stored in one transaction, all or none (a single bad file, type or person
   * refuses the lot, naming it as `documents[i]`).
   */
  async uploadMany(actor: Actor, applicationId: string, manifest: readonly UploadDocumentDto[], files: readonly UploadedDocumentFile[]): Promise<DocumentDto[]> {
    if (files.length === 0) throw DomainError.validation([{ field: 'files', message: 'at least one file is required' }]);
    if (manifest.length !== files.length) throw DomainError.validation([{ field: 'documents', message: `names ${manifest.length} documents for ${files.length} files` }]);
    return this.store(actor, applicationId, manifest.map((m, i) => ({ ...m, file: files[i] })), (i, field) => `documents[${i}].${field}`);
  }

  private async store(actor: Actor, applicationId: string, items: readonly (UploadDocumentDto & { file: UploadedDocumentFile })[], fieldOf: (i: number, field: string) => string): Promise<DocumentDto[]> {
    const docs = items.map((item, i) => {
      const contentType = sniffContentType(item.file.buffer);
      if (!contentType) throw VisaErrors.unsupportedMedia(items.length > 1 ? fieldOf(i, 'file') : undefined);
      return {
        personId: item.personId ?? null,
        type: item.type,
        filename: item.file.originalname.slice(0, 200) || 'document',
        contentType,
        size: item.file.size,
        sha256: createHash('sha256').update(item.file.buffer).digest('hex'),
        storageKey: randomBytes(24).toString('hex'),
        buffer: item.file.buffer,
      };
    });
    await (this.dirReady ??= mkdir(this.dir, { recursive: true }).catch((e: unknown) => {
      this.dirReady = undefined;
      throw e;
    }));
    const written: string[] = [];
    try {
      for (const d of docs) {
        const path = join(this.dir, d.storageKey);
        if (d.buffer.length <= WRITE_IN_PLACE_BYTES) writeFileSync(path, d.buffer, { flag: 'wx' });
        else await writeFile(path, d.buffer, { flag: 'wx' });
        written.push(d.storageKey);
      }
      return await this.db.transaction(async (m) => {
        const uploadedAt = this.clock.now();
        const params: unknown[] = [];
        const p = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
        const col = <K extends keyof (typeof docs)[number]>(k: K, type: string) => p(docs.map((d) => d[k]), `${type}[]`);
        // The application, locked, and its documents in one statement: the insert takes place only
        // when the caller is its sponsor or its patient and its status allows uploads (the checks
        // below name the refusal). Each document's person (the patient when none is named) is found
        // by the insert itself: a document without its row names a person who is not of this
        // application. A person deleted after this statement's snapshot fails its foreign key.
        const [result]: { app: { status: ApplicationStatus; sponsorHospitalId: string; patientUserId: string; assignedOfficerId: string | null } | null; inserted: { id: string; person_id: string; storage_key: string }[] | null }[] = await m.query(
          `WITH app AS (
             SELECT id, status, sponsor_hospital_id AS "sponsorHospitalId", patient_user_id AS "patientUserId", assigned_officer_id AS "assignedOfficerId"
               FROM visa_applications WHERE ${applicationInScope(actor, applicationId, p)} FOR UPDATE),
           inserted AS (
             INSERT INTO visa_documents (application_id, person_id, type, filename, content_type, size, sha256, storage_key, uploaded_by, uploaded_at)
             SELECT app.id, vp.id, u.type, u.filename, u.content_type, u.size, u.sha256, u.storage_key, ${p(actor.userId, 'uuid')}, ${p(uploadedAt, 'timestamptz')}
               FROM app
               CROSS JOIN unnest(${col('personId', 'uuid')}, ${col('type', 'text')}, ${col('filename', 'text')}, ${col('contentType', 'text')}, ${col('size', 'int')},
                                 ${col('sha256', 'text')}, ${col('storageKey', 'text')}) WITH ORDINALITY
                      AS u(person_id, type, filename, content_type, size, sha256, storage_key, n)
               JOIN visa_persons vp ON vp.application_id = app.id AND CASE WHEN u.person_id IS NULL THEN vp.role = 'patient' ELSE vp.id = u.person_id END
              WHERE app.status = ANY(${p(UPLOAD_STATUSES, 'text[]')})
                AND (app."sponsorHospitalId" = ${p(actor.role === 'hospital_coordinator' ? actor.hospitalId : null, 'uuid')}
                     OR app."patientUserId" = ${p(actor.role === 'patient' ? actor.userId : null, 'uuid')})
              ORDER BY u.n
             RETURNING id, person_id, storage_key)
           SELECT (SELECT row_to_json(app) FROM app) AS app, (SELECT json_agg(inserted) FROM inserted) AS inserted`,
          params,
        ).catch((e: { constraint?: string }) => {
          if (e.constraint === 'visa_documents_person_id_fkey') throw DomainError.validation([{ field: items.length > 1 ? 'documents' : 'personId', message: 'not a person of this application' }]);
          throw e;
        });
        const app = result.app;
        if (!app) throw DomainError.notFound('visa application');
        if (!machineActors(actor, app).some((a) => a === 'sponsor_coordinator' || a === 'own_patient')) throw DomainError.forbidden('Only the sponsor and the patient upload documents.');
        if (!UPLOAD_STATUSES.includes(app.status)) throw VisaErrors.documentNotAllowedNow(app.status);
        const inserted = result.inserted ?? [];
        const byKey = new Map(inserted.map((r) => [r.storage_key, r]));
        const strangers = docs.flatMap((d, i) => (byKey.has(d.storageKey) ? [] : [{ field: fieldOf(i, 'personId'), message: 'not a person of this application' }]));
        if (strangers.length) throw DomainError.validation(strangers);
        const views = docs.map((d) => {
          const row = byKey.get(d.storageKey)!;
          return { id: row.id, personId: row.person_id, type: d.type, filename: d.filename, contentType: d.contentType, size: d.size, sha256: d.sha256, uploadedAt: uploadedAt.toISOString() };
        });
        await this.audit.recordMany(
          m,
          views.map((v) => ({ action: 'visa_document.uploaded', entityType: 'visa_document', entityId: v.id, after: { applicationId, personId: v.personId, type: v.type, sha256: v.sha256 } })),
        );
        return views;
      });
    } catch (e) {
      await Promise.all(written.map((key) => rm(join(this.dir, key), { force: true })));
      throw e;
    }
  }

  async list(actor: Actor, applicationId: string): Promise<DocumentDto[]> {
    await loadApplication(this.db.manager, actor, applicationId);
    const docs = await this.db.getRepository(VisaDocument).find({ where: { applicationId }, order: { uploadedAt: 'ASC' } });
    return docs.map(view);
  }

  async content(actor: Actor, applicationId: string, documentId: string): Promise<{ doc: DocumentDto; bytes: Buffer }> {
    const doc = await this.find(actor, applicationId, documentId);
    return { doc: view(doc), bytes: await readFile(join(this.dir, doc.storageKey)) };
  }

  async remove(actor: Actor, applicationId: string, documentId: string): Promise<void> {
    await this.find(actor, applicationId, documentId);
    const key = await this.db.transaction(async (m) => {
      const app = await loadApplication(m, actor, applicationId, true);
      if (!machineActors(actor, app).some((a) => a === 'sponsor_coordinator' || a === 'own_patient')) throw DomainError.forbidden('Only the sponsor and the patient remove documents.');
      if (!DELETE_STATUSES.includes(app.status)) throw VisaErrors.documentNotAllowedNow(app.status);
      const doc = await m.getRepository(VisaDocument).findOneByOrFail({ id: documentId });
      await m.getRepository(VisaDocument).delete({ id: documentId });
      await this.audit.record(m, { action: 'visa_document.deleted', entityType: 'visa_document', entityId: documentId, before: { applicationId, type: doc.type, sha256: doc.sha256 } });
      return doc.storageKey;
    });
    await rm(join(this.dir, key), { force: true });
  }

  private async find(actor: Actor, applicationId: string, documentId: string): Promise<VisaDocument> {
    await loadApplication(this.db.manager, actor, applicationId);
    const doc = isUuid(documentId) ? await this.db.getRepository(VisaDocument).findOneBy({ id: documentId, applicationId }) : null;
    if (!doc) throw DomainError.notFound('document');
    return doc;
  }
}

function view(d: VisaDocument): DocumentDto {
  return { id: d.id, personId: d.personId, type: d.type, filename: d.filename, contentType: d.contentType, size: d.size, sha256: d.sha256, uploadedAt: d.uploadedAt.toISOString() };
}
