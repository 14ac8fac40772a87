import type { Role } from '../api/session';
import { consolePath, DESKS } from '../features/routes/routes';
import { koreanYear } from '../features/time/time';

// The report a coordinator is asked for next: the last (Korean) year that has ended.
const YEAR_DUE = String(koreanYear() - 1);

export interface MenuItem { to: string; label: string }

/** Each role's menu: what the role may do, on its own desk (`DESKS[role].home` is where signing in lands). */
export const MENUS: Record<Role, MenuItem[]> = {
  officer: [{ to: DESKS.officer.home, label: 'menu.queue' }, { to: '/officer/border', label: 'menu.border' }],
  supervisor: [{ to: DESKS.supervisor.home, label: 'menu.escalations' }, { to: '/supervisor/queue', label: 'menu.allApplications' }, { to: '/supervisor/load', label: 'menu.load' }, { to: '/supervisor/report', label: 'menu.report' }],
  hospital_coordinator: [{ to: DESKS.hospital_coordinator.home, label: 'menu.applications' }, { to: '/coordinator/new', label: 'menu.newApplication' }, { to: '/coordinator/patients', label: 'menu.patients' }, { to: '/coordinator/care', label: 'menu.care' }, { to: '/coordinator/appointments', label: 'menu.appointments' }, { to: '/coordinator/book', label: 'menu.book' }, { to: '/coordinator/designation', label: 'menu.designation' }, { to: consolePath({ page: 'yearlyReport', id: YEAR_DUE }, 'hospital_coordinator'), label: 'menu.yearlyReport' }],
  patient: [{ to: DESKS.patient.journey, label: 'menu.journey' }, { to: '/patient/application', label: 'menu.myApplication' }, { to: '/patient/care', label: 'menu.myCare' }, { to: '/patient/appointments', label: 'menu.appointments' }, { to: '/patient/book', label: 'menu.book' }, { to: '/patient/profile', label: 'menu.profile' }],
  ministry_reviewer: [{ to: DESKS.ministry_reviewer.home, label: 'menu.designationApplications' }, { to: '/ministry/hospitals', label: 'menu.hospitals' }, { to: '/ministry/figures', label: 'menu.figures' }],
  care_provider: [{ to: DESKS.care_provider.home, label: 'menu.offers' }, { to: '/care-provider/profile', label: 'menu.profile' }, { to: '/care-provider/availability', label: 'menu.availability' }, { to: '/care-provider/appointments', label: 'menu.appointments' }],
  clinician: [{ to: DESKS.clinician.home, label: 'menu.appointments' }, { to: '/clinician/schedule', label: 'menu.schedule' }],
  admin: [{ to: DESKS.admin.home, label: 'menu.users' }, { to: '/admin/audit', label: 'menu.audit' }, { to: '/admin/system', label: 'menu.system' }],
};
