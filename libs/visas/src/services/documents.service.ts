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

  async upload(actor: Actor, applicationId: string, dto: UploadDocumentDto, file: { originalname: string; buffer: Buffer; size: number } | undefined): Promise<DocumentDto> {
    if (!file) throw DomainError.validation([{ field: 'file', message: 'file is required' }]);
    const contentType = sniffContentType(file.buffer);
    if (!contentType) throw VisaErrors.unsupportedMedia();
    const storageKey = randomBytes(24).toString('hex');
    await (this.dirReady ??= mkdir(this.dir, { recursive: true }).catch((e: unknown) => {
      this.dirReady = undefined;
      throw e;
    }));
    await writeFile(join(this.dir, storageKey), file.buffer, { flag: 'wx' });
    try {
      return await this.db.transaction(async (m) => {
        const app = await loadApplication(m, actor, applicationId, true);
        if (!machineActors(actor, app).some((a) => a === 'sponsor_coordinator' || a === 'own_patient')) throw DomainError.forbidden('Only the sponsor and the patient upload documents.');
        if (!UPLOAD_STATUSES.includes(app.status)) throw VisaErrors.documentNotAllowedNow(app.status);
        const doc = m.getRepository(VisaDocument).create({
          applicationId,
          type: dto.type,
          filename: file.originalname.slice(0, 200) || 'document',
          contentType,
          size: file.size,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          storageKey,
          uploadedBy: actor.userId,
          uploadedAt: this.clock.now(),
        });
        // The person (the patient when none is named) is found by the insert itself: no row
        // inserted means the person is not of this application.
        const [inserted]: { id: string; person_id: string }[] = await m.query(
          `INSERT INTO visa_documents (application_id, person_id, type, filename, content_type, size, sha256, storage_key, uploaded_by, uploaded_at)
           SELECT p.application_id, p.id, $3, $4, $5, $6, $7, $8, $9, $10 FROM visa_persons p
            WHERE p.application_id = $1 AND CASE WHEN $2::uuid IS NULL THEN p.role = 'patient' ELSE p.id = $2::uuid END
           RETURNING id, person_id`,
          [applicationId, dto.personId ?? null, doc.type, doc.filename, doc.contentType, doc.size, doc.sha256, doc.storageKey, doc.uploadedBy, doc.uploadedAt],
        );
        if (!inserted) throw DomainError.validation([{ field: 'personId', message: 'not a person of this application' }]);
        Object.assign(doc, { id: inserted.id, personId: inserted.person_id });
        await this.audit.record(m, { action: 'visa_document.uploaded', entityType: 'visa_document', entityId: doc.id, after: { applicationId, personId: doc.personId, type: dto.type, sha256: doc.sha256 } });
        return view(doc);
      });
    } catch (e) {
      await rm(join(this.dir, storageKey), { force: true });
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
