import { Alert, Anchor, Badge, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { AssignOfficer } from '../../features/applications/AssignOfficer';
import { describeProblem } from '../../features/problems/problems';
import { consolePath } from '../../features/routes/routes';
import { Countdown } from '../../features/sla/SlaState';
import { useOfficerLoad } from '../../features/sla/queries';
import { DateTime, ZoneNote } from '../../features/time/DateTime';

/** Open applications at risk or breached, most urgent first, each reassignable on the spot. */
export function Escalations() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['escalations'], queryFn: () => call(api.GET('/api/v1/sla/escalations')), refetchInterval: 60_000 });
  const load = useOfficerLoad();
  const names = new Map((load.data?.officers ?? []).map((o) => [o.officerId, o.name]));
  return (
    <Stack>
      <Title order={2}>{t('escalations.title')}</Title>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <Alert color="red">{describeProblem(list.error)}</Alert>}
      {list.data?.length === 0 && <Text c="dimmed">{t('escalations.none')}</Text>}
      {!!list.data?.length && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Caption>{t('escalations.caption')}</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>{t('queue.reference')}</Table.Th><Table.Th>{t('queue.status')}</Table.Th><Table.Th>{t('escalations.level')}</Table.Th><Table.Th>{t('queue.timeLeft')}</Table.Th><Table.Th>{t('queue.due')}</Table.Th><Table.Th>{t('escalations.officer')}</Table.Th><Table.Th>{t('actions.group')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td><Anchor component={Link} to={consolePath({ page: 'application', id: e.id }, 'supervisor')}>{e.reference}</Anchor></Table.Td>
                  <Table.Td>{t(`status.${e.status}`, e.status)}</Table.Td>
                  <Table.Td><Badge variant="filled" color={e.escalationLevel >= 2 ? 'red.9' : 'orange.9'}>{t(e.escalationLevel >= 2 ? 'sla.state.breached' : 'sla.state.at_risk')}</Badge></Table.Td>
                  <Table.Td><Countdown dueAt={e.dueAt} /></Table.Td>
                  <Table.Td><DateTime value={e.dueAt} /></Table.Td>
                  <Table.Td>{e.assignedOfficerId ? (names.get(e.assignedOfficerId) ?? e.assignedOfficerId.slice(0, 8)) : t('escalations.unassigned')}</Table.Td>
                  <Table.Td><AssignOfficer applicationId={e.id} currentOfficerId={e.assignedOfficerId} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ZoneNote />
    </Stack>
  );
}
