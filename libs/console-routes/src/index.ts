/**
 * The console's URL scheme, in one place (docs/decisions.md, "The console's URLs"). The API
 * writes these paths into notifications and e-mails; the console's router declares every one of
 * them, so a link the product sends always opens a page. Pure data and functions with no import:
 * the API, the worker and the browser app (apps/web) all read this file.
 */

/** Pages anyone may open, signed in or not; the token comes in the query (`?token=`). */
export const PUBLIC_ROUTES = {
  signIn: '/sign-in',
  register: '/register',
  forgotPassword: '/forgot-password',
  acceptInvite: '/accept-invite',
  verifyEmail: '/verify-email',
  resetPassword: '/reset-password',
} as const;

/** What the product links to; each desk shows it on a page of its own. */
export type LinkTarget =
  | { page: 'application'; id: string }
  | { page: 'designation'; id: string }
  | { page: 'assignment'; id: string }
  | { page: 'appointment'; id: string }
  | { page: 'journey'; patientId: string }
  /** A hospital's yearly report: `id` is the year (a coordinator reads their own hospital's). */
  | { page: 'yearlyReport'; id: string };

export type LinkPage = LinkTarget['page'];

/** The signed-in roles (the same list as the platform's `ROLES`; a unit test keeps them equal). */
export const CONSOLE_ROLES = ['patient', 'hospital_coordinator', 'clinician', 'care_provider', 'officer', 'supervisor', 'ministry_reviewer', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/**
 * Each role's desk: where signing in lands (`home`), and the page of each link target the role
 * may open. `:id` and `:patientId` are the router's parameters. A desk may have more pages than
 * these under its prefix; these are the ones links point at, so they never move.
 */
export const DESKS = {
  officer: {
    home: '/officer',
    application: '/officer/applications/:id',
  },
  supervisor: {
    home: '/supervisor',
    application: '/supervisor/applications/:id',
  },
  hospital_coordinator: {
    home: '/coordinator',
    application: '/coordinator/applications/:id',
    designation: '/coordinator/designations/:id',
    assignment: '/coordinator/assignments/:id',
    appointment: '/coordinator/appointments/:id',
    journey: '/coordinator/patients/:patientId/journey',
    yearlyReport: '/coordinator/yearly-reports/:id',
  },
  patient: {
    home: '/patient',
    journey: '/patient/journey',
    application: '/patient/applications/:id',
    assignment: '/patient/assignments/:id',
    appointment: '/patient/appointments/:id',
  },
  ministry_reviewer: {
    home: '/ministry',
    designation: '/ministry/designations/:id',
  },
  clinician: {
    home: '/clinician',
    appointment: '/clinician/appointments/:id',
  },
  care_provider: {
    home: '/care-provider',
    assignment: '/care-provider/assignments/:id',
    // The follow-up video appointments they interpret (their reminders link here).
    appointment: '/care-provider/appointments/:id',
  },
  admin: {
    home: '/admin',
  },
} as const satisfies Record<ConsoleRole, { home: string } & Partial<Record<LinkPage, string>>>;

/** Every path the console's router must declare: the public pages, each desk's home and linked pages. */
export const CONSOLE_PATHS: readonly string[] = [...Object.values(PUBLIC_ROUTES), ...Object.values(DESKS).flatMap((desk) => Object.values(desk))];

/**
 * The console path that shows `target` to a user of `role`: that desk's page for it, or the
 * desk's home when the role has no such page (an admin told of an application reads it from
 * their own desk).
 */
export function consolePath(target: LinkTarget, role: ConsoleRole): string {
  const desk: { home: string } & Partial<Record<LinkPage, string>> = DESKS[role];
  const pattern = desk[target.page];
  if (!pattern) return desk.home;
  return pattern.replace(':id', encodeURIComponent('id' in target ? target.id : '')).replace(':patientId', encodeURIComponent('patientId' in target ? target.patientId : ''));
}

/** A public page with its one-time token, e.g. `/accept-invite?token=…`. */
export function tokenPath(page: Exclude<keyof typeof PUBLIC_ROUTES, 'signIn' | 'register' | 'forgotPassword'>, token: string): string {
  return `${PUBLIC_ROUTES[page]}?token=${encodeURIComponent(token)}`;
}

/** A path under the public base address (PUBLIC_BASE_URL), for notifications and e-mails. */
export function consoleUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/$/, '')}${path}`;
}
