import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HospitalsModule } from '@medjourney/hospitals';
import { IdentityModule } from '@medjourney/identity';
import { SlaModule } from '@medjourney/sla';
import { DocumentsController } from './controllers/documents.controller.js';
import { VisaApplicationsController } from './controllers/visa-applications.controller.js';
import { VisasController } from './controllers/visas.controller.js';
import { Patient } from './entities/patient.entity.js';
import { VisaApplicationEvent } from './entities/visa-application-event.entity.js';
import { VisaApplication } from './entities/visa-application.entity.js';
import { VisaDocument } from './entities/visa-document.entity.js';
import { VisaPerson } from './entities/visa-person.entity.js';
import { Visa } from './entities/visa.entity.js';
import { ApplicationDirectory } from './services/application-directory.service.js';
import { ApplicationWorkflowService } from './services/application-workflow.service.js';
import { DocumentsService } from './services/documents.service.js';
import { ApplicationDraftsService } from './services/application-drafts.service.js';
import { ApplicationEventsRecorder } from './services/application-events.recorder.js';
import { ApplicationQueriesService } from './services/application-queries.service.js';
import { VisaRecordFiguresModule } from './services/visa-record-figures.reader.js';
import { VisasService } from './services/visas.service.js';
import { VisasSlaPortModule } from './services/sla-applications.adapter.js';
import { VisaUseService } from './services/visa-use.service.js';
import { MaskBackfillProcessor } from './jobs/mask-backfill.processor.js';

/** The visas module's entities. */
export const VISAS_ENTITIES = [Patient, VisaApplication, VisaPerson, VisaDocument, VisaApplicationEvent, Visa];

/** Visa applications on two tracks, documents, decisions and visas (spec/visas.md). */
@Module({
  imports: [TypeOrmModule.forFeature(VISAS_ENTITIES), IdentityModule, HospitalsModule, SlaModule, VisaRecordFiguresModule, VisasSlaPortModule],
  providers: [MaskBackfillProcessor, ApplicationEventsRecorder, ApplicationQueriesService, ApplicationDraftsService, ApplicationWorkflowService, DocumentsService, VisasService, ApplicationDirectory, VisaUseService],
  exports: [ApplicationQueriesService, ApplicationDraftsService, ApplicationWorkflowService, VisasService, DocumentsService, ApplicationDirectory, VisaUseService],
})
export class VisasModule {}

/** The HTTP routes of visa applications and visas; only the API imports this. */
@Module({
  imports: [VisasModule],
  exports: [VisasModule],
  controllers: [VisaApplicationsController, DocumentsController, VisasController],
})
export class VisasApiModule {}
