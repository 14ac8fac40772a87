import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditService, Clock, DomainError, isUuid, type Actor, type AppConfig } from '@medjourney/platform';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { ApplicationStatus } from '../domain/vocabulary.js';
import type { DocumentDto, UploadDocumentDto } from '../dto/document.dto.js';
import { VisaDocument } from '../entities/visa-document.entity.js';
import { VisaErrors } from '../visas.errors.js';
import { loadApplication, machineActors } from './application-access.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Files of one batch upload: every document of an application of 10 persons (5 for the patient, 2 for each companion) fits. */
export const MAX_BATCH_FILES = 25;
const UPLOAD_STATUSES: readonly ApplicationStatus[] = ['draft', 'sponsor_review', 'supplement_requested'];
const DELETE_STATUSES: readonly ApplicationStatus[] = ['draft', 'supplement_requested'];

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
        await writeFile(join(this.dir, d.storageKey), d.buffer, { flag: 'wx' });
        written.push(d.storageKey);
      }
      return await this.db.transaction(async (m) => {
        const app = await loadApplication(m, actor, applicationId, true);
        if (!machineActors(actor, app).some((a) => a === 'sponsor_coordinator' || a === 'own_patient')) throw DomainError.forbidden('Only the sponsor and the patient upload documents.');
        if (!UPLOAD_STATUSES.includes(app.status)) throw VisaErrors.documentNotAllowedNow(app.status);
        const uploadedAt = this.clock.now();
        // Each document's person (the patient when none is named) is found by the insert itself: a
        // document without its row names a person who is not of this application.
        const inserted: { id: string; person_id: string; storage_key: string }[] = await m.query(
          `INSERT INTO visa_documents (application_id, person_id, type, filename, content_type, size, sha256, storage_key, uploaded_by, uploaded_at)
           SELECT p.application_id, p.id, u.type, u.filename, u.content_type, u.size, u.sha256, u.storage_key, $9, $10
             FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[]) WITH ORDINALITY
                    AS u(person_id, type, filename, content_type, size, sha256, storage_key, n)
             JOIN visa_persons p ON p.application_id = $1 AND CASE WHEN u.person_id IS NULL THEN p.role = 'patient' ELSE p.id = u.person_id END
            ORDER BY u.n
           RETURNING id, person_id, storage_key`,
          [
            applicationId, docs.map((d) => d.personId), docs.map((d) => d.type), docs.map((d) => d.filename), docs.map((d) => d.contentType),
            docs.map((d) => d.size), docs.map((d) => d.sha256), docs.map((d) => d.storageKey), actor.userId, uploadedAt,
          ],
        );
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
