export * from './test-env.js';
export * from './test-app.js';
export * from './visa-factories.js';
export * from './pdf.js';
export * from './redis-server.js';
export * from './worker-process.js';
export * from './sla-factories.js';
