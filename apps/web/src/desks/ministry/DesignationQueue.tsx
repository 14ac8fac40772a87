import { Alert, Anchor, Loader, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { DesignationStatus } from '../../features/designations/DesignationPage';
import { HospitalName } from '../../features/designations/HospitalName';
import { describeProblem } from '../../features/problems/problems';
import { consolePath } from '../../features/routes/routes';
import { DateTime } from '../../features/time/DateTime';

type Status = Schemas['DesignationApplicationDto']['status'];

/** Designation applications ranked by score (the waiting ones first); each opens its breakdown and decision. */
export function DesignationQueue() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('pending');
  const list = useQuery({ queryKey: ['designation-applications', status], queryFn: () => call(api.GET('/api/v1/designation-applications', { params: { query: { status, sort: '-score', limit: 100 } } })) });
  return (
    <Stack>
      <Title order={2}>{t('designation.queueTitle')}</Title>
      <Select label={t('queue.filterStatus')} w={240} allowDeselect={false} value={status} onChange={(v) => v && setStatus(v as Status)} data={(['pending', 'ineligible', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`designation.status.${s}`) }))} />
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <Alert color="red">{describeProblem(list.error)}</Alert>}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('common.none')}</Text>}
      {!!list.data?.items.length && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('designation.ranked')}</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>{t('designation.rank')}</Table.Th><Table.Th>{t('designation.hospital')}</Table.Th><Table.Th>{t('designation.year')}</Table.Th><Table.Th>{t('designation.scoreShort')}</Table.Th><Table.Th>{t('queue.status')}</Table.Th><Table.Th>{t('designation.submitted')}</Table.Th><Table.Th><VisuallyHidden>{t('actions.group')}</VisuallyHidden></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a, i) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td><HospitalName id={a.hospitalId} /></Table.Td>
                  <Table.Td>{a.year}</Table.Td>
                  <Table.Td fw={700}>{a.score}</Table.Td>
                  <Table.Td><DesignationStatus status={a.status} /></Table.Td>
                  <Table.Td><DateTime value={a.submittedAt} /></Table.Td>
                  <Table.Td><Anchor component={Link} to={consolePath({ page: 'designation', id: a.id }, 'ministry_reviewer')}>{t('designation.open', { rank: i + 1 })}</Anchor></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
