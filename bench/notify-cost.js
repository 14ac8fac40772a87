// How much a NOTIFY in a transaction costs concurrent commits: 20 clients insert and commit for 5 s
// into a table without and then with the relay's statement trigger (docs/decisions.md, issue 22).
// Run: node bench/notify-cost.js (makes and drops a database of its own).
import pg from 'pg';
const adminUrl = new URL(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS perf_notify_cost');
await admin.query('CREATE DATABASE perf_notify_cost');
adminUrl.pathname = '/perf_notify_cost';
const url = adminUrl.toString();
const setup = new pg.Client({ connectionString: url });
await setup.connect();
await setup.query(`CREATE TABLE quiet (id bigserial PRIMARY KEY, v text); CREATE TABLE loud (id bigserial PRIMARY KEY, v text);
  CREATE FUNCTION nw() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('medjourney_work', TG_TABLE_NAME); RETURN NULL; END $$;
  CREATE TRIGGER loud_nw AFTER INSERT ON loud FOR EACH STATEMENT EXECUTE FUNCTION nw();`);
async function run(table, clients, ms) {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  // end() does not wait for its sockets: the DROP ... WITH (FORCE) below may still terminate one.
  pool.on('error', () => undefined);
  let n = 0;
  const end = Date.now() + ms;
  await Promise.all(Array.from({ length: clients }, async () => {
    const c = await pool.connect();
    while (Date.now() < end) { await c.query('BEGIN'); await c.query(`INSERT INTO ${table} (v) VALUES ('x')`); await c.query('COMMIT'); n++; }
    c.release();
  }));
  await pool.end();
  return n / (ms / 1000);
}
for (const round of [1, 2]) for (const t of ['quiet', 'loud']) console.log(`round ${round}, ${t === 'loud' ? 'with' : 'without'} the trigger: ${(await run(t, 20, 5000)).toFixed(0)} commits/s`);
await setup.end();
await admin.query('DROP DATABASE perf_notify_cost WITH (FORCE)');
await admin.end();
