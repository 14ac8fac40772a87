// Preloaded into the API and worker processes when BENCH_COUNT_STATEMENTS=<dir> is set: counts the
// SQL statements each process sends, by text, and writes <dir>/statements-<pid>.json every few
// seconds (Nest re-raises SIGTERM, so an exit hook alone would not run).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require(require.resolve('pg', { paths: [process.cwd()] }));

const counts = new Map();
const query = Client.prototype.query;
Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (text) {
    const key = text.replace(/\s+/g, ' ').slice(0, 160);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return query.call(this, config, ...rest);
};
const write = () => writeFileSync(join(process.env.BENCH_COUNT_STATEMENTS, `statements-${process.pid}.json`), JSON.stringify([...counts].sort((a, b) => b[1] - a[1]), null, 1));
setInterval(write, 3000).unref();
process.on('exit', write);
