import { Alert, Button, Group, Loader, Select, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { ApplicationTable } from '../../features/applications/ApplicationTable';
import { STATUSES } from '../../features/applications/labels';
import { describeProblem } from '../../features/problems/problems';
import { ZoneNote } from '../../features/time/DateTime';

type Status = Schemas['ApplicationViewDto']['status'];
type SlaState = Schemas['SlaViewDto']['state'];
const OPEN: Status[] = ['submitted', 'in_review', 'supplement_requested'];

/** The work queue: open applications, the most urgent first, with filters. */
export function OfficerQueue() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | null>(null);
  const [slaState, setSlaState] = useState<SlaState | null>(null);
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 300);
  const queue = useInfiniteQuery({
    queryKey: ['queue', status, slaState, search],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/visa-applications', { params: { query: { sort: 'dueAt', status: status ?? undefined, slaState: slaState ?? undefined, q: search || undefined, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
  const items = (queue.data?.pages.flatMap((p) => p.items) ?? []).filter((a) => status || OPEN.includes(a.status));

  return (
    <Stack>
      <Title order={2}>{t('queue.title')}</Title>
      <Group align="flex-end">
        <Select label={t('queue.filterStatus')} clearable placeholder={t('queue.open')} data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} value={status} onChange={(v) => setStatus(v as Status | null)} />
        <Select label={t('queue.filterClock')} clearable placeholder={t('queue.any')} data={(['on_track', 'at_risk', 'breached', 'met', 'stopped'] as const).map((s) => ({ value: s, label: t(`sla.state.${s}`) }))} value={slaState} onChange={(v) => setSlaState(v as SlaState | null)} />
        <TextInput label={t('queue.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      </Group>
      {queue.isPending && <Loader aria-label={t('common.loading')} />}
      {queue.isError && <Alert color="red">{describeProblem(queue.error)}</Alert>}
      {queue.data && <ApplicationTable items={items} caption={t('queue.caption')} />}
      {queue.hasNextPage && <Button variant="light" w="fit-content" onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>{t('common.more')}</Button>}
      <ZoneNote />
    </Stack>
  );
}
