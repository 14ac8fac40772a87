import { Alert, Card, Group, Loader, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { describeProblem } from '../../features/problems/problems';

const day = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The SLA report as charts: on-time share per week, processing-time distribution, breaches per officer. */
export function SlaReport() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(isoDate(new Date(Date.now() - 84 * day)));
  const [to, setTo] = useState(isoDate(new Date(Date.now() + day)));
  const [track, setTrack] = useState<'e_visa' | 'certificate'>('e_visa');
  const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const summary = useQuery({ queryKey: ['sla-summary', window], queryFn: () => call(api.GET('/api/v1/sla/summary', { params: { query: window } })) });
  const weekly = useQuery({ queryKey: ['on-time-weekly', window, track], queryFn: () => call(api.GET('/api/v1/sla/reports/on-time-weekly', { params: { query: { ...window, track } } })) });
  const times = useQuery({ queryKey: ['processing-times', window, track], queryFn: () => call(api.GET('/api/v1/sla/reports/processing-times', { params: { query: { ...window, track } } })) });
  const breaches = useQuery({ queryKey: ['breaches-by-officer', window], queryFn: () => call(api.GET('/api/v1/sla/reports/breaches-by-officer', { params: { query: window } })) });
  const s = summary.data;
  const error = [summary, weekly, times, breaches].find((q) => q.isError)?.error;

  return (
    <Stack>
      <Title order={2}>{t('report.title')}</Title>
      <Group align="flex-end">
        <TextInput type="date" label={t('report.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('report.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <SegmentedControl aria-label={t('application.track')} value={track} onChange={(v) => setTrack(v as typeof track)} data={[{ value: 'e_visa', label: t('application.tracks.e_visa') }, { value: 'certificate', label: t('application.tracks.certificate') }]} />
      </Group>
      {error && <Alert color="red">{describeProblem(error)}</Alert>}
      {s && (
        <SimpleGrid cols={{ base: 2, md: 6 }}>
          {(['submitted', 'decided', 'breaches', 'currentlyAtRisk', 'currentlyBreached', 'processingHoursP50'] as const).filter((k) => s[k] !== null).map((k) => (
            <Card withBorder key={k}><Text size="xs" c="dimmed">{t(`report.${k}`)}</Text><Text fw={700} size="xl">{String(s[k])}</Text></Card>
          ))}
        </SimpleGrid>
      )}
      <Card withBorder>
        <Title order={3} size="h4" mb="sm" id="weekly-heading">{t('report.weekly')}</Title>
        {weekly.isPending ? <Loader aria-label={t('common.loading')} /> : (
          <div role="img" aria-labelledby="weekly-heading">
            <LineChart h={240} dataKey="week" unit=" %" yAxisProps={{ domain: [0, 100] }} connectNulls={false}
              data={(weekly.data?.weeks ?? []).map((w) => ({ week: w.week, [t('report.onTime')]: w.onTimeShare === null ? null : Math.round(w.onTimeShare * 100) }))}
              series={[{ name: t('report.onTime'), color: 'indigo.8' }]} />
          </div>
        )}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm" id="times-heading">{t('report.times', { target: times.data?.target ?? '' })}</Title>
        {times.isPending ? <Loader aria-label={t('common.loading')} /> : (
          <div role="img" aria-labelledby="times-heading">
            <BarChart h={240} dataKey="bucket"
              data={(times.data?.buckets ?? []).map((b) => ({ bucket: b.toHours == null ? `≥ ${b.fromHours} h` : `${b.fromHours}–${b.toHours} h`, [t('report.decided')]: b.count }))}
              series={[{ name: t('report.decided'), color: 'indigo.8' }]} />
          </div>
        )}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm" id="breaches-heading">{t('report.breachesByOfficer')}</Title>
        {breaches.isPending ? <Loader aria-label={t('common.loading')} /> : (
          <div role="img" aria-labelledby="breaches-heading">
            <BarChart h={240} dataKey="name"
              data={[...(breaches.data?.officers ?? []).map((o) => ({ name: o.name, [t('report.breaches')]: o.breaches })), { name: t('escalations.unassigned'), [t('report.breaches')]: breaches.data?.unassigned ?? 0 }]}
              series={[{ name: t('report.breaches'), color: 'red.8' }]} />
          </div>
        )}
      </Card>
    </Stack>
  );
}
