import type { Role } from '../api/session';

export interface MenuItem { to: string; label: string }

/** Each role's desk: where signing in lands, and the menu of what the role may do. */
export const DESKS: Record<Role, { home: string; menu: MenuItem[] }> = {
  officer: { home: '/officer', menu: [{ to: '/officer', label: 'menu.queue' }, { to: '/officer/border', label: 'menu.border' }] },
  supervisor: { home: '/supervisor', menu: [{ to: '/supervisor', label: 'menu.escalations' }, { to: '/supervisor/queue', label: 'menu.allApplications' }, { to: '/supervisor/load', label: 'menu.load' }, { to: '/supervisor/report', label: 'menu.report' }] },
  hospital_coordinator: { home: '/coordinator', menu: [{ to: '/coordinator', label: 'menu.applications' }, { to: '/coordinator/new', label: 'menu.newApplication' }, { to: '/coordinator/patients', label: 'menu.patients' }, { to: '/coordinator/care', label: 'menu.care' }, { to: '/coordinator/designation', label: 'menu.designation' }] },
  patient: { home: '/patient', menu: [{ to: '/patient', label: 'menu.journey' }, { to: '/patient/application', label: 'menu.myApplication' }, { to: '/patient/care', label: 'menu.myCare' }, { to: '/patient/profile', label: 'menu.profile' }] },
  ministry_reviewer: { home: '/ministry', menu: [{ to: '/ministry', label: 'menu.designationApplications' }, { to: '/ministry/hospitals', label: 'menu.hospitals' }, { to: '/ministry/figures', label: 'menu.figures' }] },
  care_provider: { home: '/care', menu: [{ to: '/care', label: 'menu.offers' }, { to: '/care/profile', label: 'menu.profile' }, { to: '/care/availability', label: 'menu.availability' }] },
  clinician: { home: '/clinician', menu: [{ to: '/clinician', label: 'menu.schedule' }] },
  admin: { home: '/admin', menu: [{ to: '/admin', label: 'menu.users' }, { to: '/admin/audit', label: 'menu.audit' }, { to: '/admin/system', label: 'menu.system' }] },
};
