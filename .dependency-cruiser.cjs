// The module boundaries, checked by `npm run lint` (docs/architecture.md explains them).
// `@medjourney/<x>` resolves (through tsconfig.json's paths) to libs/<x>/src/index.ts, a
// library's door; everything else under libs/<x>/src/ is its inside.

/**
 * The layers: which libraries each library may import, besides itself. A library missing
 * here may import nothing but the platform until it is added. libs/schema (the composition
 * root of the database) and libs/testing sit above every module.
 */
const LAYERS = {
  // The console's URL scheme: data and functions with no import, which any library may read.
  'console-routes': [],
  platform: [],
  identity: ['platform'],
  hospitals: ['platform'],
  sla: ['platform', 'identity'],
  visas: ['platform', 'identity', 'hospitals', 'sla'],
  // The notification centre reacts to everyone's events and asks their doors for context, and
  // journey's and matching's for the language each patient and care provider reads.
  notifications: ['platform', 'identity', 'hospitals', 'sla', 'visas', 'journey', 'matching'],
  journey: ['platform', 'identity', 'hospitals', 'visas'],
  // Matching reads the patient's preferred language through journey's door; journey learns of
  // assignments from matching's events only, so it never imports matching.
  matching: ['platform', 'identity', 'hospitals', 'journey'],
  telemedicine: ['platform', 'identity', 'hospitals', 'journey', 'matching'],
  // The programme figures learn from everyone's events and ask their doors for what an event does not carry; nobody imports statistics.
  statistics: ['platform', 'identity', 'hospitals', 'visas', 'journey', 'matching'],
  schema: ['platform', 'identity', 'hospitals', 'sla', 'notifications', 'visas', 'journey', 'matching', 'telemedicine', 'statistics'],
};

/** Test code may reach further: it drives the apps and checks tables directly. */
const TESTS = ['\\.(spec|int-spec|e2e-spec)\\.ts$', '^apps/[^/]+/test/', '^test/', '^libs/testing/'];

const layerRules = Object.entries(LAYERS).map(([lib, allowed]) => ({
  name: `layer-${lib}`,
  comment: `libs/${lib} may import only ${allowed.length ? allowed.map((a) => `libs/${a}`).join(', ') : 'no other library'} (layers in .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: `^libs/${lib}/`, pathNot: TESTS },
  // libs/testing has a rule of its own (testing-outside-tests).
  to: { path: '^libs/', pathNot: [`^libs/(${[lib, ...allowed, ...(lib === 'console-routes' ? [] : ['console-routes']), 'testing'].join('|')})/`] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'library-internals',
      comment: 'Import another library through its door (@medjourney/<x>, its index.ts), never a file inside it',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'library-internals-from-apps',
      comment: 'Apps and tests import a library through its door (@medjourney/<x>), never a file inside it',
      severity: 'error',
      from: { path: '^(apps|test)/' },
      // The console shows each person's needed documents with the API's own pure rule (no copy).
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/visas/src/domain/(document-matrix|vocabulary)\\.ts$'] },
    },
    ...layerRules,
    {
      name: 'library-imports-app',
      comment: 'Libraries do not import the apps that host them (libs/testing, which starts them, aside)',
      severity: 'error',
      from: { path: '^libs/', pathNot: TESTS },
      to: { path: '^apps/' },
    },
    {
      name: 'testing-outside-tests',
      comment: 'libs/testing is for test code only',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: TESTS },
      to: { path: '^libs/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/fixtures/', '(^|/)dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
