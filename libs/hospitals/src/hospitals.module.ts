import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DesignationsController } from './controllers/designations.controller.js';
import { HospitalsController } from './controllers/hospitals.controller.js';
import { DesignationApplication } from './entities/designation-application.entity.js';
import { Designation } from './entities/designation.entity.js';
import { Hospital } from './entities/hospital.entity.js';
import { DesignationApplicationsService } from './services/designation-applications.service.js';
import { DesignationsService } from './services/designations.service.js';
import { HospitalsService } from './services/hospitals.service.js';
import { DesignationLifecycleProcessor } from './jobs/designation-lifecycle.processor.js';

/** The hospitals module's entities (sanctions and reminders are written with SQL only). */
export const HOSPITALS_ENTITIES = [Hospital, DesignationApplication, Designation];

/** Hospital registry, excellent-institution designations and sanctions (spec/hospitals.md). */
@Module({
  imports: [TypeOrmModule.forFeature(HOSPITALS_ENTITIES)],
  // The job handler runs only where WorkerHostService is provided (the worker).
  providers: [HospitalsService, DesignationApplicationsService, DesignationsService, DesignationLifecycleProcessor],
  exports: [HospitalsService, DesignationApplicationsService, DesignationsService],
})
export class HospitalsModule {}

/** The HTTP routes of the hospital registry; only the API imports this (the worker uses HospitalsModule). */
@Module({
  imports: [HospitalsModule],
  exports: [HospitalsModule],
  controllers: [HospitalsController, DesignationsController],
})
export class HospitalsApiModule {}
