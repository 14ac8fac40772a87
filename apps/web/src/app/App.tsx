import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiProblem } from '../api/client';
import { SignInPage } from '../features/session/SignInPage';
import { useSession } from '../features/session/useSession';
import { ApplicationPage } from '../features/applications/ApplicationPage';
import { CareAssignmentPage } from '../features/care/CareAssignmentPage';
import { OfficerQueue } from '../desks/officer/OfficerQueue';
import { BorderEvents } from '../desks/officer/BorderEvents';
import { PatientJourney } from '../desks/patient/PatientJourney';
import { PatientApplication } from '../desks/patient/PatientApplication';
import { PatientCare } from '../desks/patient/PatientCare';
import { PatientProfile } from '../desks/patient/PatientProfile';
import { CoordinatorApplications } from '../desks/coordinator/CoordinatorApplications';
import { NewApplication } from '../desks/coordinator/NewApplication';
import { NoDesk } from './NoDesk';
import { DESKS } from './roles';
import { Shell } from './Shell';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    // A refused read (403, 404) is an answer, not a glitch to retry.
    queries: { retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2, staleTime: 10_000 },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

function AppRoutes() {
  const session = useSession();
  if (!session) {
    return (
      <Routes>
        <Route path="*" element={<SignInPage />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Navigate to={DESKS[session.user.role].home} replace />} />
        <Route path="visa-applications/:id" element={<ApplicationPage />} />
        <Route path="care-assignments/:id" element={<CareAssignmentPage />} />
        <Route path="officer" element={<OfficerQueue />} />
        <Route path="officer/border" element={<BorderEvents />} />
        <Route path="supervisor/queue" element={<OfficerQueue />} />
        <Route path="coordinator" element={<CoordinatorApplications />} />
        <Route path="coordinator/new" element={<NewApplication />} />
        <Route path="patient" element={<PatientJourney />} />
        <Route path="patient/application" element={<PatientApplication />} />
        <Route path="patient/care" element={<PatientCare />} />
        <Route path="patient/profile" element={<PatientProfile />} />
        <Route path="*" element={<NoDesk />} />
      </Route>
    </Routes>
  );
}
