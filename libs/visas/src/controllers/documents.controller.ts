import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res, StreamableFile, UploadedFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Roles, type Actor } from '@medjourney/platform';
import type { Response } from 'express';
import { DOCUMENT_TYPES } from '../domain/vocabulary.js';
import { DocumentDto, parseDocumentManifest, UploadDocumentDto, UploadDocumentsDto } from '../dto/document.dto.js';
import { DocumentsService, MAX_BATCH_FILES, MAX_UPLOAD_BYTES, type UploadedDocumentFile } from '../services/documents.service.js';

@ApiTags('visa applications')
@ApiBearerAuth()
@Controller('visa-applications/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Roles('hospital_coordinator', 'patient')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  @ApiOperation({ summary: 'Upload a document (PDF, JPEG or PNG by content, at most 10 MB) while draft or supplement requested' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'type'],
      properties: { file: { type: 'string', format: 'binary' }, type: { type: 'string', enum: [...DOCUMENT_TYPES] }, personId: { type: 'string', format: 'uuid' } },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiProblems(400, 401, 403, 404, 409, 413)
  upload(@Param('id') id: string, @Body() body: UploadDocumentDto, @UploadedFile() file: UploadedDocumentFile | undefined, @CurrentActor() actor: Actor) {
    return this.documents.upload(actor, id, body, file);
  }

  @Post('batch')
  @Roles('hospital_coordinator', 'patient')
  @UseInterceptors(FilesInterceptor('files', MAX_BATCH_FILES, { limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_BATCH_FILES } }))
  @ApiOperation({
    summary: `Upload several documents at once (up to ${MAX_BATCH_FILES} files, each a PDF, JPEG or PNG of at most 10 MB), all or none, while draft or supplement requested`,
    description:
      'One `files` part per file and a `documents` field: a JSON array naming, in the same order, each file\'s `type` and `personId` (the patient when omitted). ' +
      'Every file, type and person is checked before anything is stored; a refusal names the entry (`documents[2].personId`) and stores nothing. The answer lists the stored documents in the order of the files.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files', 'documents'],
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' }, maxItems: MAX_BATCH_FILES },
        documents: { type: 'string', description: 'JSON array of `{ "type": <document type>, "personId"?: <uuid> }`, one per file, in the order of the files' },
      },
    },
  })
  @ApiCreatedResponse({ type: [DocumentDto] })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415)
  uploadMany(@Param('id') id: string, @Body() body: UploadDocumentsDto, @UploadedFiles() files: UploadedDocumentFile[] | undefined, @CurrentActor() actor: Actor) {
    return this.documents.uploadMany(actor, id, parseDocumentManifest(body.documents), files ?? []);
  }

  @Get()
  @Roles('hospital_coordinator', 'patient', 'officer', 'supervisor', 'admin')
  @ApiOperation({ summary: 'The application\'s documents' })
  @ApiOkResponse({ type: [DocumentDto] })
  @ApiProblems(401, 403, 404)
  list(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.documents.list(actor, id);
  }

  @Get(':docId/content')
  @Roles('hospital_coordinator', 'patient', 'officer', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Download a document, authorised like its application' })
  @ApiOkResponse({ description: 'the file, of the type it was uploaded as', content: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiProblems(401, 403, 404)
  async content(@Param('id') id: string, @Param('docId') docId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { doc, bytes } = await this.documents.content(actor, id, docId);
    res.setHeader('Content-Type', doc.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="document-${doc.id}"`);
    return new StreamableFile(bytes);
  }

  @Delete(':docId')
  @Roles('hospital_coordinator', 'patient')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a document while draft or supplement requested' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(401, 403, 404, 409)
  async remove(@Param('id') id: string, @Param('docId') docId: string, @CurrentActor() actor: Actor) {
    await this.documents.remove(actor, id, docId);
  }
}
