import { Alert, Badge, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../../features/problems/problems';
import { useOfficerLoad } from '../../features/sla/queries';
import { DateTime, ZoneNote } from '../../features/time/DateTime';

/** Each officer's open applications now: at risk, breached, waiting for the applicant. */
export function OfficersLoad() {
  const { t } = useTranslation();
  const load = useOfficerLoad();
  if (load.isPending) return <Loader aria-label={t('common.loading')} />;
  if (load.isError) return <Alert color="red">{describeProblem(load.error)}</Alert>;
  const rows = [...load.data.officers, { ...load.data.unassigned, officerId: 'unassigned', name: t('escalations.unassigned'), active: true }];
  return (
    <Stack>
      <Title order={2}>{t('load.title')}</Title>
      <BarChart h={260} data={rows.map((r) => ({ name: r.name, [t('load.onTrack')]: r.open - r.atRisk - r.breached, [t('sla.state.at_risk')]: r.atRisk, [t('sla.state.breached')]: r.breached }))} dataKey="name" type="stacked"
        series={[{ name: t('load.onTrack'), color: 'green.8' }, { name: t('sla.state.at_risk'), color: 'orange.8' }, { name: t('sla.state.breached'), color: 'red.8' }]} withLegend aria-label={t('load.chart')} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Caption>{t('load.caption')}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>{t('escalations.officer')}</Table.Th><Table.Th>{t('load.open')}</Table.Th><Table.Th>{t('sla.state.at_risk')}</Table.Th><Table.Th>{t('sla.state.breached')}</Table.Th><Table.Th>{t('load.waiting')}</Table.Th><Table.Th>{t('load.nextDue')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.officerId}>
                <Table.Td>{r.name} {!r.active && <Badge color="gray.7" variant="filled">{t('load.inactive')}</Badge>}</Table.Td>
                <Table.Td>{r.open}</Table.Td><Table.Td>{r.atRisk}</Table.Td><Table.Td>{r.breached}</Table.Td><Table.Td>{r.waiting}</Table.Td>
                <Table.Td><DateTime value={r.nextDueAt} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed"><ZoneNote /></Text>
    </Stack>
  );
}
