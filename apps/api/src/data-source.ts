import { Designation, DesignationApplication, Hospital } from '@medjourney/hospitals';
import { Invitation, User } from '@medjourney/identity';
import { Patient, Visa, VisaApplication, VisaApplicationEvent, VisaDocument, VisaPerson } from '@medjourney/visas';
import { AuditRecord, dataSourceOptions, IdempotencyKey, loadConfig, OutboxEvent } from '@medjourney/platform';
import { DataSource } from 'typeorm';

/**
 * The data source of the TypeORM CLI, on compiled output:
 * `npx typeorm migration:show -d dist/apps/api/apps/api/src/data-source.js`.
 */
export default new DataSource({ ...dataSourceOptions(loadConfig()), entities: [User, Invitation, AuditRecord, OutboxEvent, IdempotencyKey, Hospital, DesignationApplication, Designation,
  Patient, VisaApplication, VisaPerson, VisaDocument, VisaApplicationEvent, Visa] });
