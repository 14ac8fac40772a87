export * from './test-env.js';
export * from './test-app.js';
