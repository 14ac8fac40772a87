import { Alert, Anchor, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { StatusBadge } from '../../features/applications/StatusBadge';
import { describeProblem } from '../../features/problems/problems';
import { consolePath } from '../../features/routes/routes';
import { CalendarDate } from '../../features/time/DateTime';

/** The patient's own applications with their public status; each opens its page (documents, grant notice). */
export function PatientApplication() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['my-applications'], queryFn: () => call(api.GET('/api/v1/visa-applications', { params: { query: { limit: 20 } } })) });
  return (
    <Stack>
      <Title order={2}>{t('patient.applications')}</Title>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <Alert color="red">{describeProblem(list.error)}</Alert>}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('common.none')}</Text>}
      {list.data?.items.map((a) => (
        <Card key={a.id} withBorder>
          <Group justify="space-between">
            <Anchor component={Link} to={consolePath({ page: 'application', id: a.id }, 'patient')} fw={600}>{a.reference}</Anchor>
            <StatusBadge status={a.status} />
          </Group>
          <Text size="sm" mt={4}>{a.publicStatus}</Text>
          <Text size="xs" c="dimmed"><CalendarDate value={a.stayFrom} /> – <CalendarDate value={a.stayUntil} /></Text>
          {a.status === 'approved' && <Text size="sm" mt={4}>{t('patient.noticeHint')}</Text>}
        </Card>
      ))}
    </Stack>
  );
}
