import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { describeProblem, useAction } from '../problems/problems';
import { consolePath } from '../routes/routes';
import { useSession } from '../session/useSession';
import { DateTime, ZoneNote } from '../time/DateTime';

type Appointment = Schemas['AppointmentDto'];
const COLOURS: Record<Appointment['status'], string> = { booked: 'indigo.9', fulfilled: 'green.9', cancelled: 'gray.7', noshow: 'red.9' };

/** Whom the appointment is for, shown to everyone but the patient themselves. */
function PatientName({ name }: { name: string | null }) {
  const { t } = useTranslation();
  if (!name) return null;
  return <Text size="sm"><Text span c="dimmed" size="sm">{t('appointments.patient')}:</Text> {name}</Text>;
}

/** Video appointments by start, each with its room link for its participants. */
export function AppointmentList() {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const list = useQuery({ queryKey: ['appointments'], queryFn: () => call(api.GET('/api/v1/telemedicine/appointments', { params: { query: { limit: 100 } } })) });
  return (
    <Stack>
      <Title order={2}>{t('appointments.title')}</Title>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <Alert color="red">{describeProblem(list.error)}</Alert>}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('common.none')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {list.data?.items.map((a) => (
          <Card key={a.id} withBorder>
            <Group justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={consolePath({ page: 'appointment', id: a.id }, user.role)} fw={600}><DateTime value={a.start} /></Anchor>
              <Badge variant="filled" color={COLOURS[a.status]}>{t(`appointments.status.${a.status}`)}</Badge>
            </Group>
            {user.role !== 'patient' && <PatientName name={a.patientName} />}
            {a.roomUrl && a.status === 'booked' && <Anchor href={a.roomUrl} target="_blank" rel="noreferrer">{t('appointments.join')}</Anchor>}
          </Card>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed"><ZoneNote /></Text>
    </Stack>
  );
}

/** One appointment: when, its video room, and the clinician's outcome once it has started. */
export function AppointmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession()!;
  const q = useQuery({ queryKey: ['appointment', id], queryFn: () => call(api.GET('/api/v1/telemedicine/appointments/{id}', { params: { path: { id } } })) });
  const path = { params: { path: { id } } };
  const fulfilled = useAction(() => call(api.POST('/api/v1/telemedicine/appointments/{id}/fulfilled', path)), { success: t('appointments.status.fulfilled') });
  const noshow = useAction(() => call(api.POST('/api/v1/telemedicine/appointments/{id}/noshow', path)), { success: t('appointments.status.noshow') });
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.isError) return <Alert color="red">{describeProblem(q.error)}</Alert>;
  const a = q.data;
  const started = new Date(a.start).getTime() <= Date.now();
  return (
    <Stack>
      <Title order={2}>{t('appointments.one')}</Title>
      <Card withBorder>
        <Group><Badge variant="filled" color={COLOURS[a.status]}>{t(`appointments.status.${a.status}`)}</Badge></Group>
        <Text mt="xs"><DateTime value={a.start} /> – <DateTime value={a.end} /></Text>
        {user.role !== 'patient' && <PatientName name={a.patientName} />}
        {a.interpreterLanguage && <Text size="sm">{t('appointments.interpreter', { language: a.interpreterLanguage })}</Text>}
        {a.roomUrl && a.status === 'booked' && <Anchor href={a.roomUrl} target="_blank" rel="noreferrer">{t('appointments.join')}</Anchor>}
        {user.role === 'clinician' && a.status === 'booked' && started && (
          <Group mt="sm">
            <Button color="green.9" onClick={() => fulfilled.mutate(undefined)}>{t('appointments.markFulfilled')}</Button>
            <Button variant="light" color="red" onClick={() => noshow.mutate(undefined)}>{t('appointments.markNoshow')}</Button>
          </Group>
        )}
      </Card>
      <ZoneNote />
    </Stack>
  );
}
