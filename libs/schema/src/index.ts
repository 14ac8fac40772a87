export { ENTITIES, MIGRATIONS, inTimestampOrder } from './schema.js';
