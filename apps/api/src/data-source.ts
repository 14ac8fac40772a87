import { dataSourceOptions, loadConfig } from '@medjourney/platform';
import { ENTITIES, MIGRATIONS } from '@medjourney/schema';
import { DataSource } from 'typeorm';

/**
 * The data source of the TypeORM CLI, on compiled output:
 * `npx typeorm migration:show -d dist/apps/api/apps/api/src/data-source.js`.
 */
export default new DataSource({ ...dataSourceOptions(loadConfig(), MIGRATIONS), entities: ENTITIES });
