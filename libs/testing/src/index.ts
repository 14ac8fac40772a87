// What test files use: a database and Redis of their own, the apps, factories and fixtures.
export { qrOfPdf } from './pdf.js';
export { aPatientApplication, deliverPending, type PatientWithApplication } from './journey-factories.js';
export { aRegisteredPatient, deliverMail, linkTokenMailedTo, mailTo } from './mail.js';
export { freePort, startPrivateRedis } from './redis-server.js';
export { armingOf, fireTimer, runningApplications, until } from './sla-factories.js';
export { completedJob, ensureSponsoredPatient, httpFrom, startTestApp, startTestWorker, TEST_PASSWORD, type TestApp } from './test-app.js';
export { adminQuery, databaseUrl, runId } from './test-env.js';
export { anApplication, aPerson, aSponsor, TINY_PDF, uploadAllDocuments } from './visa-factories.js';
export { buildWorker, spawnWorker, workerEnv, type WorkerProcess } from './worker-process.js';
export { aTreatedPatient, anInterpreter } from './telemedicine-factories.js';
export { axeViolations, buildConsole, CHROMIUM, launchBrowser, saveScreenshot, SCREENSHOTS, signIn, startConsoleSystem, type ConsoleSystem } from './browser.js';
export { recordStatements, type StatementRecorder } from './statements.js';
