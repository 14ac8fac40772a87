import { MIGRATIONS } from './migrations/index.js';
export function dataSourceOptions(config) {
    return {
        type: 'postgres',
        url: config.databaseUrl,
        synchronize: false,
        migrationsRun: false,
        migrations: MIGRATIONS,
        migrationsTableName: 'typeorm_migrations',
        poolSize: config.databasePoolSize,
        connectTimeoutMS: config.databaseConnectTimeoutMs,
        extra: {
            max: config.databasePoolSize,
            connectionTimeoutMillis: config.databaseConnectTimeoutMs,
            idleTimeoutMillis: 30_000,
            application_name: 'medjourney',
        },
    };
}
//# sourceMappingURL=data-source.js.map