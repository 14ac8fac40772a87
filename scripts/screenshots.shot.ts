// `npm run screenshots`: the README's pictures of each desk, taken from the demo data. Run by
// jest (for its database and Redis set-up) but not part of `npm test`, so test runs never
// rewrite the pictures.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { saveScreenshot, signIn, startConsoleSystem, type ConsoleSystem } from '@medjourney/testing';
import { join } from 'node:path';

const OUT = join(process.cwd(), 'docs', 'screenshots');
const PASSWORD = 'medjourney-demo-2026';

/** Each desk: the demo login, the page, a heading that says it has loaded, the screen. */
const SHOTS = [
  { name: 'officer', who: 'officer', path: '/officer', ready: 'Work queue' },
  { name: 'supervisor-escalations', who: 'supervisor', path: '/supervisor', ready: 'Escalations' },
  { name: 'supervisor-report', who: 'supervisor', path: '/supervisor/report', ready: 'Breaches per officer' },
  { name: 'supervisor-load', who: 'supervisor', path: '/supervisor/load', ready: "Officers' load" },
  { name: 'coordinator', who: 'coordinator', path: '/coordinator', ready: /applications/i },
  { name: 'coordinator-new-application', who: 'coordinator', path: '/coordinator/new', ready: 'New visa application' },
  // The report asked for next: last (Korean) year's, a draft the demo opens for every demo hospital.
  { name: 'coordinator-yearly-report', who: 'coordinator', path: `/coordinator/yearly-reports/${Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(new Date())) - 1}`, ready: 'What MedJourney counted' },
  { name: 'patient', who: 'patient', path: '/patient', ready: 'Next steps' },
  { name: 'patient-phone', who: 'patient', path: '/patient', ready: 'Next steps', width: 390, height: 844 },
  { name: 'ministry', who: 'reviewer', path: '/ministry', ready: 'Designation applications' },
  { name: 'ministry-figures', who: 'reviewer', path: '/ministry/figures', ready: 'Programme figures' },
  { name: 'clinician-schedule', who: 'clinician', path: '/clinician/schedule', ready: 'Telemedicine schedule' },
  { name: 'care-provider', who: 'caregiver', path: '/care-provider', ready: 'Offers waiting for your answer' },
  { name: 'admin', who: 'admin', path: '/admin', ready: /users/i },
] as const;

describe('desk screenshots', () => {
  let s: ConsoleSystem;
  beforeAll(async () => (s = await startConsoleSystem({ demo: true })), 240_000);
  afterAll(() => s?.close());

  for (const shot of SHOTS) {
    it(shot.name, async () => {
      const context = await s.context('width' in shot ? { width: shot.width, height: shot.height } : { width: 1280, height: 860 });
      const page = await context.newPage();
      await signIn(page, `${shot.who}@demo.medjourney.dev`, PASSWORD);
      await page.goto(shot.path);
      await page.getByRole('heading', { name: shot.ready }).first().waitFor();
      // Charts and countdowns settle after their data.
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, shot.name, OUT);
      await context.close();
    }, 60_000);
  }
});
