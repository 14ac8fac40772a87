// Preloaded into a bench API process when BENCH_CAPTURE_STATEMENTS=<file> is set: appends every
// SQL statement the process sends, with its parameters, to <file> as one JSON line each, so a
// scenario can replay exactly what the API ran for one request through bare pg (the raw baseline
// of spec/performance.md). Synchronous on purpose (the lines of one request are all there when it
// has answered); only for a process that serves a handful of requests.
const { appendFileSync } = require('node:fs');
const { Client } = require(require.resolve('pg', { paths: [process.cwd()] }));

const query = Client.prototype.query;
Client.prototype.query = function (config, values, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (text) {
    const params = Array.isArray(values) ? values : (config?.values ?? []);
    appendFileSync(process.env.BENCH_CAPTURE_STATEMENTS, `${JSON.stringify({ text, values: params })}\n`);
  }
  return query.call(this, config, values, ...rest);
};
