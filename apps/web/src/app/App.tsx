import { Center, DirectionProvider, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { ApiProblem } from '../api/client';
import type { Role } from '../api/session';
import { AcceptInvitePage } from '../features/session/AcceptInvitePage';
import { ForgotPasswordPage } from '../features/session/ForgotPasswordPage';
import { ResetPasswordPage } from '../features/session/ResetPasswordPage';
import { RegisterPage } from '../features/session/RegisterPage';
import { VerifyEmailPage } from '../features/session/VerifyEmailPage';
import { SignInPage } from '../features/session/SignInPage';
import { useSession } from '../features/session/useSession';
import { useLanguageDirection } from '../features/session/useDeskLanguage';
import { DESKS, PUBLIC_ROUTES } from '../features/routes/routes';
import { NoDesk } from './NoDesk';
import { Shell } from './Shell';
import { cssVariablesResolver, theme } from './theme';

/**
 * A desk's page is fetched when it first opens: the first load carries only the sign-in pages and
 * the shell, so a patient on a phone abroad no longer downloads every desk and the charts first.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const ApplicationPage = page(() => import('../features/applications/ApplicationPage'), 'ApplicationPage');
const CareAssignmentPage = page(() => import('../features/care/CareAssignmentPage'), 'CareAssignmentPage');
const DesignationPage = page(() => import('../features/designations/DesignationPage'), 'DesignationPage');
const JourneyPage = page(() => import('../features/journey/JourneyPage'), 'JourneyPage');
const OfficerQueue = page(() => import('../desks/officer/OfficerQueue'), 'OfficerQueue');
const BorderEvents = page(() => import('../desks/officer/BorderEvents'), 'BorderEvents');
const PatientJourney = page(() => import('../desks/patient/PatientJourney'), 'PatientJourney');
const PatientApplication = page(() => import('../desks/patient/PatientApplication'), 'PatientApplication');
const PatientCare = page(() => import('../desks/patient/PatientCare'), 'PatientCare');
const PatientBooking = page(() => import('../desks/patient/PatientBooking'), 'PatientBooking');
const PatientProfile = page(() => import('../desks/patient/PatientProfile'), 'PatientProfile');
const CoordinatorApplications = page(() => import('../desks/coordinator/CoordinatorApplications'), 'CoordinatorApplications');
const NewApplication = page(() => import('../desks/coordinator/NewApplication'), 'NewApplication');
const CoordinatorPatients = page(() => import('../desks/coordinator/CoordinatorPatients'), 'CoordinatorPatients');
const CoordinatorCare = page(() => import('../desks/coordinator/CoordinatorCare'), 'CoordinatorCare');
const CoordinatorDesignation = page(() => import('../desks/coordinator/CoordinatorDesignation'), 'CoordinatorDesignation');
const CoordinatorBooking = page(() => import('../desks/coordinator/CoordinatorBooking'), 'CoordinatorBooking');
const CoordinatorYearlyReport = page(() => import('../desks/coordinator/CoordinatorYearlyReport'), 'CoordinatorYearlyReport');
const Escalations = page(() => import('../desks/supervisor/Escalations'), 'Escalations');
const OfficersLoad = page(() => import('../desks/supervisor/OfficersLoad'), 'OfficersLoad');
const SlaReport = page(() => import('../desks/supervisor/SlaReport'), 'SlaReport');
const DesignationQueue = page(() => import('../desks/ministry/DesignationQueue'), 'DesignationQueue');
const MinistryHospitals = page(() => import('../desks/ministry/MinistryHospitals'), 'MinistryHospitals');
const ProgrammeFigures = page(() => import('../desks/ministry/ProgrammeFigures'), 'ProgrammeFigures');
const CareOffers = page(() => import('../desks/care-provider/CareOffers'), 'CareOffers');
const CareProfile = page(() => import('../desks/care-provider/CareProfile'), 'CareProfile');
const CareAvailability = page(() => import('../desks/care-provider/CareAvailability'), 'CareAvailability');
const ClinicianSchedule = page(() => import('../desks/clinician/ClinicianSchedule'), 'ClinicianSchedule');
const AdminUsers = page(() => import('../desks/admin/AdminUsers'), 'AdminUsers');
const AdminAudit = page(() => import('../desks/admin/AdminAudit'), 'AdminAudit');
const AdminSystem = page(() => import('../desks/admin/AdminSystem'), 'AdminSystem');
const AppointmentList = page(() => import('../features/appointments/Appointments'), 'AppointmentList');
const AppointmentPage = page(() => import('../features/appointments/Appointments'), 'AppointmentPage');

const queryClient = new QueryClient({
  defaultOptions: {
    // A refused read (403, 404) is an answer, not a glitch to retry.
    queries: { retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2, staleTime: 10_000 },
  },
});

export function App() {
  return (
    <DirectionProvider>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}

/** A desk's pages are for its role; anyone else is told so rather than shown a page of refusals. */
function Desk({ role }: { role: Role }) {
  const session = useSession()!;
  return session.user.role === role ? <Suspense fallback={<PageLoading />}><Outlet /></Suspense> : <NoDesk />;
}

/** Inside the shell, while a page's code is on its way: the loader the pages show while their data is. */
function PageLoading() {
  const { t } = useTranslation();
  return <Center py="xl"><Loader aria-label={t('common.loading')} /></Center>;
}

/** Every path of libs/console-routes is declared here: the links the product sends open a page. */
function AppRoutes() {
  const session = useSession();
  useLanguageDirection();
  if (!session) {
    return (
      <Routes>
        <Route path={PUBLIC_ROUTES.acceptInvite} element={<AcceptInvitePage />} />
        <Route path={PUBLIC_ROUTES.verifyEmail} element={<VerifyEmailPage />} />
        <Route path={PUBLIC_ROUTES.register} element={<RegisterPage />} />
        <Route path={PUBLIC_ROUTES.forgotPassword} element={<ForgotPasswordPage />} />
        <Route path={PUBLIC_ROUTES.resetPassword} element={<ResetPasswordPage />} />
        {/* Any other address, a desk's link included, asks to sign in and then opens it. */}
        <Route path="*" element={<SignInPage />} />
      </Routes>
    );
  }
  const home = DESKS[session.user.role].home;
  return (
    <Routes>
      <Route path={PUBLIC_ROUTES.acceptInvite} element={<AcceptInvitePage />} />
      <Route path={PUBLIC_ROUTES.verifyEmail} element={<VerifyEmailPage />} />
      <Route path={PUBLIC_ROUTES.register} element={<Navigate to={home} replace />} />
      <Route path={PUBLIC_ROUTES.forgotPassword} element={<Navigate to={home} replace />} />
      <Route path={PUBLIC_ROUTES.resetPassword} element={<ResetPasswordPage />} />
      <Route path={PUBLIC_ROUTES.signIn} element={<Navigate to={home} replace />} />
      <Route element={<Shell />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route element={<Desk role="officer" />}>
          <Route path={DESKS.officer.home} element={<OfficerQueue />} />
          <Route path={DESKS.officer.application} element={<ApplicationPage />} />
          <Route path="/officer/border" element={<BorderEvents />} />
        </Route>
        <Route element={<Desk role="supervisor" />}>
          <Route path={DESKS.supervisor.home} element={<Escalations />} />
          <Route path={DESKS.supervisor.application} element={<ApplicationPage />} />
          <Route path="/supervisor/queue" element={<OfficerQueue />} />
          <Route path="/supervisor/load" element={<OfficersLoad />} />
          <Route path="/supervisor/report" element={<SlaReport />} />
        </Route>
        <Route element={<Desk role="hospital_coordinator" />}>
          <Route path={DESKS.hospital_coordinator.home} element={<CoordinatorApplications />} />
          <Route path={DESKS.hospital_coordinator.application} element={<ApplicationPage />} />
          <Route path={DESKS.hospital_coordinator.designation} element={<DesignationPage />} />
          <Route path={DESKS.hospital_coordinator.assignment} element={<CareAssignmentPage />} />
          <Route path={DESKS.hospital_coordinator.appointment} element={<AppointmentPage />} />
          <Route path={DESKS.hospital_coordinator.yearlyReport} element={<CoordinatorYearlyReport />} />
          <Route path={DESKS.hospital_coordinator.journey} element={<JourneyPage />} />
          <Route path="/coordinator/new" element={<NewApplication />} />
          <Route path="/coordinator/patients" element={<CoordinatorPatients />} />
          <Route path="/coordinator/care" element={<CoordinatorCare />} />
          <Route path="/coordinator/designation" element={<CoordinatorDesignation />} />
          <Route path="/coordinator/appointments" element={<AppointmentList />} />
          <Route path="/coordinator/book" element={<CoordinatorBooking />} />
        </Route>
        <Route element={<Desk role="patient" />}>
          <Route path={DESKS.patient.home} element={<PatientJourney />} />
          <Route path={DESKS.patient.journey} element={<PatientJourney />} />
          <Route path={DESKS.patient.application} element={<ApplicationPage />} />
          <Route path={DESKS.patient.assignment} element={<CareAssignmentPage />} />
          <Route path={DESKS.patient.appointment} element={<AppointmentPage />} />
          <Route path="/patient/appointments" element={<AppointmentList />} />
          <Route path="/patient/book" element={<PatientBooking />} />
          <Route path="/patient/application" element={<PatientApplication />} />
          <Route path="/patient/care" element={<PatientCare />} />
          <Route path="/patient/profile" element={<PatientProfile />} />
        </Route>
        <Route element={<Desk role="ministry_reviewer" />}>
          <Route path={DESKS.ministry_reviewer.home} element={<DesignationQueue />} />
          <Route path={DESKS.ministry_reviewer.designation} element={<DesignationPage />} />
          <Route path="/ministry/hospitals" element={<MinistryHospitals />} />
          <Route path="/ministry/figures" element={<ProgrammeFigures />} />
        </Route>
        <Route element={<Desk role="clinician" />}>
          <Route path={DESKS.clinician.home} element={<AppointmentList />} />
          <Route path={DESKS.clinician.appointment} element={<AppointmentPage />} />
          <Route path="/clinician/schedule" element={<ClinicianSchedule />} />
        </Route>
        <Route element={<Desk role="care_provider" />}>
          <Route path={DESKS.care_provider.home} element={<CareOffers />} />
          <Route path={DESKS.care_provider.assignment} element={<CareAssignmentPage />} />
          <Route path={DESKS.care_provider.appointment} element={<AppointmentPage />} />
          <Route path="/care-provider/appointments" element={<AppointmentList />} />
          <Route path="/care-provider/profile" element={<CareProfile />} />
          <Route path="/care-provider/availability" element={<CareAvailability />} />
        </Route>
        <Route element={<Desk role="admin" />}>
          <Route path={DESKS.admin.home} element={<AdminUsers />} />
          <Route path="/admin/audit" element={<AdminAudit />} />
          <Route path="/admin/system" element={<AdminSystem />} />
        </Route>
        <Route path="*" element={<NoDesk />} />
      </Route>
    </Routes>
  );
}
