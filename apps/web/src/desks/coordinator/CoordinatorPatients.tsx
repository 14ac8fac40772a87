import { Alert, Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { personName } from '../../features/applications/labels';
import { StatusBadge } from '../../features/applications/StatusBadge';
import { describeProblem } from '../../features/problems/problems';
import { consolePath } from '../../features/routes/routes';
import { CalendarDate } from '../../features/time/DateTime';

/**
 * The hospital's patients, from its approved applications: each opens the patient's journey,
 * where admissions and discharges are recorded.
 */
export function CoordinatorPatients() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['hospital-patients'], queryFn: () => call(api.GET('/api/v1/visa-applications', { params: { query: { status: 'approved', limit: 100, sort: '-submittedAt' } } })) });
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <Alert color="red">{describeProblem(list.error)}</Alert>;
  return (
    <Stack>
      <Title order={2}>{t('coordinator.patients')}</Title>
      <Text size="sm">{t('coordinator.patientsIntro')}</Text>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>{t('queue.patient')}</Table.Th><Table.Th>{t('queue.reference')}</Table.Th><Table.Th>{t('queue.status')}</Table.Th><Table.Th>{t('application.stay')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => {
              // Not linked to a patient account until the patient consents: no journey to open yet.
              const patient = a.persons.find((p) => p.role === 'patient') ?? a.persons[0];
              return (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.patientId ? <Anchor component={Link} to={consolePath({ page: 'journey', patientId: a.patientId }, 'hospital_coordinator')}>{t('coordinator.journeyOf', { name: patient ? personName(patient) : a.reference })}</Anchor> : <>{patient ? personName(patient) : a.reference} · {t('coordinator.awaitingConsent')}</>}</Table.Td>
                  <Table.Td><Anchor component={Link} to={consolePath({ page: 'application', id: a.id }, 'hospital_coordinator')}>{a.reference}</Anchor></Table.Td>
                  <Table.Td><StatusBadge status={a.status} /></Table.Td>
                  <Table.Td><CalendarDate value={a.stayFrom} /> – <CalendarDate value={a.stayUntil} /></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
