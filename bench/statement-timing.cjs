// Preloaded into a bench API or worker process when BENCH_TRACE=<dir> is set: records every SQL
// statement the process sends (its pg client, start and end instants, the first 70 characters;
// the ids a domain_events insert returned and the delivery a `WITH own` claim named) and writes
// them to <dir>/<pid>.json when the process ends. `bench/event-lag-trace.js` joins them with the
// jobs and deliveries event-lag writes there, to split a delivery's time. In memory until the
// end, so only for a bench run of minutes.
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { Client } = require(require.resolve('pg', { paths: [process.cwd()] }));

const rows = [];
let nextClient = 0;
const now = () => performance.timeOrigin + performance.now();
const query = Client.prototype.query;
Client.prototype.query = function (config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  // Callback and submittable forms (pg-pool's own checks, cursors) are passed through untimed.
  if (!text || typeof callback === 'function' || typeof values === 'function' || typeof config?.submit === 'function') return query.apply(this, arguments);
  this.benchClientId ??= ++nextClient;
  const params = Array.isArray(values) ? values : (config?.values ?? []);
  const row = { c: this.benchClientId, t0: now(), q: text.replace(/\s+/g, ' ').slice(0, 70) };
  if (row.q.startsWith('WITH own')) row.p = [params[0], params[1]];
  rows.push(row);
  const result = query.call(this, config, values);
  result.then(
    (r) => {
      row.t1 = now();
      if (text.includes('INSERT INTO domain_events')) row.ids = r.rows.map((x) => x.id);
    },
    () => {
      row.t1 = now();
      row.err = true;
    },
  );
  return result;
};
const dump = () => writeFileSync(`${process.env.BENCH_TRACE}/${process.pid}.json`, JSON.stringify(rows));
process.on('exit', dump);
// The API has no SIGTERM handler of its own: without one, the signal would end it before 'exit'.
process.on('SIGTERM', () => {
  dump();
  if (process.listenerCount('SIGTERM') === 1) process.exit(0);
});
