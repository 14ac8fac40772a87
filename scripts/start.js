// `npm start`: the API and the worker as two processes, stopped together.
import { spawn } from 'node:child_process';
import { apiHeapArgs } from './api-heap.js';

const apps = {
  api: [...apiHeapArgs(), 'dist/apps/api/apps/api/src/main.js'],
  worker: ['dist/apps/worker/apps/worker/src/main.js'],
};
const children = Object.entries(apps).map(([name, args]) => {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} exited (${signal ?? code}); stopping the other process\n`);
      stop(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
