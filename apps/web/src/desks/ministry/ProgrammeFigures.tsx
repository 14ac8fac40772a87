import { Alert, Button, Card, Group, Loader, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { download } from '../../api/upload';
import { describeProblem } from '../../features/problems/problems';

const CSV_PATH = '/api/v1/statistics/programme';

type GroupBy = 'nationality' | 'specialty' | 'hospital' | 'region' | 'month';

/** The programme's figures (the statistics read model): totals, a chart of patients by group, and the languages. */
export function ProgrammeFigures() {
  const { t } = useTranslation();
  const now = new Date();
  const [from, setFrom] = useState(`${now.getFullYear()}-01`);
  const [to, setTo] = useState(now.toISOString().slice(0, 7));
  const [groupBy, setGroupBy] = useState<GroupBy>('nationality');
  const figures = useQuery({ queryKey: ['programme', from, to, groupBy], queryFn: () => call(api.GET('/api/v1/statistics/programme', { params: { query: { from, to, groupBy } } })) });
  const languages = useQuery({ queryKey: ['languages'], queryFn: () => call(api.GET('/api/v1/statistics/languages')) });
  const totals = figures.data?.totals;
  // The export's progress: the share received, null while its size is unknown; undefined when idle.
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportCsv = async () => {
    setExportError(null);
    try {
      await download(`${CSV_PATH}?${new URLSearchParams({ from, to, groupBy })}`, `programme-${from}-${to}-${groupBy}.csv`, { accept: 'text/csv', onProgress: setProgress });
    } catch (e) {
      setExportError(describeProblem(e));
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <Stack>
      <Title order={2}>{t('figures.title')}</Title>
      <Group align="flex-end">
        <TextInput type="month" label={t('report.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="month" label={t('report.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Select label={t('figures.groupBy')} allowDeselect={false} value={groupBy} onChange={(v) => v && setGroupBy(v as GroupBy)} data={(['nationality', 'specialty', 'hospital', 'region', 'month'] as const).map((g) => ({ value: g, label: t(`figures.by.${g}`) }))} />
        <Button variant="light" onClick={() => void exportCsv()} loading={progress !== undefined}>{t('figures.export')}</Button>
      </Group>
      {progress !== undefined && <Progress value={(progress ?? 1) * 100} animated={progress === null} aria-label={t('figures.exportProgress')} />}
      {exportError && <Alert color="red" role="alert">{exportError}</Alert>}
      {figures.isPending && <Loader aria-label={t('common.loading')} />}
      {figures.isError && <Alert color="red">{describeProblem(figures.error)}</Alert>}
      {totals && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          {(['patientsApplied', 'patientsArrived', 'applicationsGranted', 'applicationsRefused', 'breaches', 'overstays', 'careRequests', 'careFilled'] as const).map((k) => (
            <Card withBorder key={k}><Text size="xs" c="dimmed">{t(`figures.${k}`)}</Text><Text fw={700} size="xl">{totals[k]}</Text></Card>
          ))}
        </SimpleGrid>
      )}
      {figures.data && (
        <Card withBorder>
          <Title order={3} size="h4" mb="sm" id="figures-chart">{t('figures.chart', { by: t(`figures.by.${groupBy}`) })}</Title>
          <div role="img" aria-labelledby="figures-chart">
            <BarChart h={260} dataKey="key" data={figures.data.rows.map((r) => ({ key: r.key, [t('figures.patientsApplied')]: r.patientsApplied, [t('figures.patientsArrived')]: r.patientsArrived }))}
              series={[{ name: t('figures.patientsApplied'), color: 'indigo.8' }, { name: t('figures.patientsArrived'), color: 'teal.8' }]} withLegend />
          </div>
        </Card>
      )}
      {languages.data && (
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">{t('figures.languages')}</Title>
          <Table.ScrollContainer minWidth={500}>
            <Table striped>
              <Table.Thead><Table.Tr><Table.Th>{t('figures.language')}</Table.Th><Table.Th>{t('figures.preferring')}</Table.Th><Table.Th>{t('figures.interpreters')}</Table.Th><Table.Th>{t('figures.requests')}</Table.Th><Table.Th>{t('figures.filled')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {languages.data.rows.map((r) => (
                  <Table.Tr key={r.language}><Table.Td>{r.language}</Table.Td><Table.Td>{String(r.patientsPreferring)}</Table.Td><Table.Td>{r.activeInterpreters}</Table.Td><Table.Td>{r.interpreterRequests}</Table.Td><Table.Td>{r.interpreterRequestsFilled}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
