import { Alert, Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { describeProblem } from '../problems/problems';
import { consolePath } from '../routes/routes';
import { useSession } from '../session/useSession';
import { DateTime } from '../time/DateTime';

export type CareAssignment = Schemas['CareAssignmentDto'];
const COLOURS: Record<CareAssignment['status'], string> = { pending: 'orange.9', confirmed: 'green.9', completed: 'teal.9', declined: 'gray.7', expired: 'gray.7', cancelled: 'gray.7' };

export function CareStatusBadge({ status }: { status: CareAssignment['status'] }) {
  const { t } = useTranslation();
  return <Badge color={COLOURS[status]} variant="filled">{t(`care.status.${status}`)}</Badge>;
}

export function useCareAssignments(status?: CareAssignment['status']) {
  return useQuery({ queryKey: ['care-assignments', status], queryFn: () => call(api.GET('/api/v1/care-assignments', { params: { query: { status, limit: 100 } } })) });
}

/** Care assignments as cards: kind, window, status; `actions` adds what the viewer may do. */
export function CareAssignmentList({ status, actions, names }: { status?: CareAssignment['status']; actions?: (a: CareAssignment) => React.ReactNode; names?: Record<string, string> }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const list = useCareAssignments(status);
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <Alert color="red">{describeProblem(list.error)}</Alert>;
  if (!list.data.items.length) return <Text c="dimmed">{t('common.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {list.data.items.map((a) => (
        <Card key={a.id} withBorder>
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={consolePath({ page: 'assignment', id: a.id }, user.role)} fw={600}>{t(`care.kind.${a.kind}`)}{names?.[a.providerId] ? ` · ${names[a.providerId]}` : ''}</Anchor>
            <CareStatusBadge status={a.status} />
          </Group>
          <Text size="sm"><DateTime value={a.start} /> – <DateTime value={a.end} /></Text>
          {a.status === 'pending' && a.respondBy && <Text size="xs" c="dimmed">{t('care.respondBy')}: <DateTime value={a.respondBy} /></Text>}
          {actions && <Stack mt="xs">{actions(a)}</Stack>}
        </Card>
      ))}
    </SimpleGrid>
  );
}
