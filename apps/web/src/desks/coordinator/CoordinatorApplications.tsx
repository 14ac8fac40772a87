import { Alert, Button, Group, Loader, Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { ApplicationTable } from '../../features/applications/ApplicationTable';
import { STATUSES } from '../../features/applications/labels';
import { describeProblem } from '../../features/problems/problems';

type Status = Schemas['ApplicationViewDto']['status'];

/** The hospital's applications, one tab per state. */
export function CoordinatorApplications() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('draft');
  const list = useQuery({ queryKey: ['hospital-applications', status], queryFn: () => call(api.GET('/api/v1/visa-applications', { params: { query: { status, limit: 100, sort: status === 'draft' ? '-createdAt' : 'dueAt' } } })) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('coordinator.applications')}</Title>
        <Button component={Link} to="/coordinator/new">{t('menu.newApplication')}</Button>
      </Group>
      <Tabs value={status} onChange={(v) => v && setStatus(v as Status)}>
        <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {STATUSES.map((s) => <Tabs.Tab key={s} value={s}>{t(`status.${s}`)}</Tabs.Tab>)}
        </Tabs.List>
      </Tabs>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <Alert color="red">{describeProblem(list.error)}</Alert>}
      {list.data && <ApplicationTable items={list.data.items} caption={t('coordinator.caption', { status: t(`status.${status}`) })} />}
    </Stack>
  );
}
