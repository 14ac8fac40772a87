const fs = require('node:fs');
const path = require('node:path');

// Everything (our TypeScript and the ESM-only packages in node_modules) is compiled to
// CommonJS by swc, because @bull-board and a few other dependencies are CommonJS that
// require() ESM-only NestJS packages, which ESM-mode jest cannot do on Node 20.
const swcTs = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
const swcJs = ['@swc/jest', {
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs' },
}];

/**
 * The packages in node_modules that are ES modules ("type": "module"), at any depth: only their
 * files (and any .mjs) need compiling to CommonJS. The CommonJS majority (typeorm, rxjs, bullmq,
 * class-validator, ...) is left as it is, which spares every test file a transform-cache look-up
 * per module it loads (a fifth of the time an e2e file spends loading the app).
 */
function esmPackages(dir = path.join(__dirname, 'node_modules'), found = new Set()) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const names = entry.name.startsWith('@')
      ? fs.readdirSync(path.join(dir, entry.name), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${entry.name}/${e.name}`)
      : [entry.name];
    for (const name of names) {
      const root = path.join(dir, name);
      try {
        if (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).type === 'module') found.add(name);
      } catch {
        // A folder without a readable package.json is no package.
      }
      if (fs.existsSync(path.join(root, 'node_modules'))) esmPackages(path.join(root, 'node_modules'), found);
    }
  }
  return found;
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A file under node_modules is left alone unless its innermost package is an ES module or it is .mjs.
const leaveAlone = `/node_modules/(?!(?:${[...esmPackages()].map(escape).join('|')})/)(?:@[^/]+/)?[^/]+/(?!(?:.*/)?node_modules/)(?!.*\\.mjs$)`;

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/{apps,libs,test}/**/*.spec.ts',
    '<rootDir>/{apps,libs,test}/**/*.int-spec.ts',
    '<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts',
  ],
  // Trees with planted violations, read by test/architecture, not run.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/fixtures/'],
  moduleNameMapper: {
    '^@medjourney/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@medjourney/testing$': '<rootDir>/libs/testing/src/index.ts',
    '^@medjourney/identity$': '<rootDir>/libs/identity/src/index.ts',
    '^@medjourney/hospitals$': '<rootDir>/libs/hospitals/src/index.ts',
    '^@medjourney/visas$': '<rootDir>/libs/visas/src/index.ts',
    '^@medjourney/sla$': '<rootDir>/libs/sla/src/index.ts',
    '^@medjourney/notifications$': '<rootDir>/libs/notifications/src/index.ts',
    '^@medjourney/matching$': '<rootDir>/libs/matching/src/index.ts',
    '^@medjourney/journey$': '<rootDir>/libs/journey/src/index.ts',
    '^@medjourney/telemedicine$': '<rootDir>/libs/telemedicine/src/index.ts',
    '^@medjourney/statistics$': '<rootDir>/libs/statistics/src/index.ts',
    '^@medjourney/schema$': '<rootDir>/libs/schema/src/index.ts',
    '^@medjourney/console-routes$': '<rootDir>/libs/console-routes/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': swcTs, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: [leaveAlone],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
