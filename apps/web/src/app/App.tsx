import { DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
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
import { ApplicationPage } from '../features/applications/ApplicationPage';
import { CareAssignmentPage } from '../features/care/CareAssignmentPage';
import { DesignationPage } from '../features/designations/DesignationPage';
import { JourneyPage } from '../features/journey/JourneyPage';
import { DESKS, PUBLIC_ROUTES } from '../features/routes/routes';
import { OfficerQueue } from '../desks/officer/OfficerQueue';
import { BorderEvents } from '../desks/officer/BorderEvents';
import { PatientJourney } from '../desks/patient/PatientJourney';
import { PatientApplication } from '../desks/patient/PatientApplication';
import { PatientCare } from '../desks/patient/PatientCare';
import { PatientBooking } from '../desks/patient/PatientBooking';
import { PatientProfile } from '../desks/patient/PatientProfile';
import { CoordinatorApplications } from '../desks/coordinator/CoordinatorApplications';
import { NewApplication } from '../desks/coordinator/NewApplication';
import { CoordinatorPatients } from '../desks/coordinator/CoordinatorPatients';
import { CoordinatorCare } from '../desks/coordinator/CoordinatorCare';
import { CoordinatorDesignation } from '../desks/coordinator/CoordinatorDesignation';
import { CoordinatorBooking } from '../desks/coordinator/CoordinatorBooking';
import { CoordinatorYearlyReport } from '../desks/coordinator/CoordinatorYearlyReport';
import { Escalations } from '../desks/supervisor/Escalations';
import { OfficersLoad } from '../desks/supervisor/OfficersLoad';
import { SlaReport } from '../desks/supervisor/SlaReport';
import { DesignationQueue } from '../desks/ministry/DesignationQueue';
import { MinistryHospitals } from '../desks/ministry/MinistryHospitals';
import { ProgrammeFigures } from '../desks/ministry/ProgrammeFigures';
import { CareOffers } from '../desks/care-provider/CareOffers';
import { CareProfile } from '../desks/care-provider/CareProfile';
import { CareAvailability } from '../desks/care-provider/CareAvailability';
import { ClinicianSchedule } from '../desks/clinician/ClinicianSchedule';
import { AdminUsers } from '../desks/admin/AdminUsers';
import { AdminAudit } from '../desks/admin/AdminAudit';
import { AdminSystem } from '../desks/admin/AdminSystem';
import { AppointmentList, AppointmentPage } from '../features/appointments/Appointments';
import { NoDesk } from './NoDesk';
import { Shell } from './Shell';
import { cssVariablesResolver, theme } from './theme';

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
  return session.user.role === role ? <Outlet /> : <NoDesk />;
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
