import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
const MIGRATION_LOCK_KEY = 4_815_162_342;
export async function ensureDatabase(databaseUrl, connectTimeoutMs = 5000) {
    const url = new URL(databaseUrl);
    const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!name)
        throw new Error('DATABASE_URL names no database');
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: connectTimeoutMs });
    await client.connect();
    try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount)
            return false;
        try {
            await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
            return true;
        }
        catch (e) {
            const code = e.code;
            if (code === '42P04' || code === '23505')
                return false;
            throw e;
        }
    }
    finally {
        await client.end();
    }
}
export async function migrate(config) {
    await ensureDatabase(config.databaseUrl, config.databaseConnectTimeoutMs);
    const lock = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: config.databaseConnectTimeoutMs });
    await lock.connect();
    try {
        await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        const ds = new DataSource({ ...dataSourceOptions({ ...config, databasePoolSize: 2 }), entities: [] });
        await ds.initialize();
        try {
            const applied = await ds.runMigrations({ transaction: 'each' });
            return applied.map((m) => m.name);
        }
        finally {
            await ds.destroy();
        }
    }
    finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        await lock.end();
    }
}
//# sourceMappingURL=migrate.js.map