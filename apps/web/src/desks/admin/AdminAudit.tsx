import { Alert, Button, Card, Code, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { describeProblem } from '../../features/problems/problems';
import { DateTime } from '../../features/time/DateTime';

/** The audit chain: verify it end to end, and read the newest records. */
export function AdminAudit() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit/verify')) });
  const records = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/audit', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const v = verify.data;
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Card withBorder>
        <Button onClick={() => verify.mutate()} loading={verify.isPending} w="fit-content">{t('audit.verify')}</Button>
        {verify.isError && <Alert color="red" mt="sm">{describeProblem(verify.error)}</Alert>}
        {v && (
          <Alert mt="sm" color={v.valid ? 'green' : 'red'} title={v.valid ? t('audit.valid', { checked: v.checked }) : t('audit.invalid', { seq: v.firstInvalidSeq })} role="status">
            {!v.valid && <Text size="sm">{v.reason}</Text>}
            <Text size="sm">{t('audit.unlinked', { count: v.unlinked.count })}</Text>
          </Alert>
        )}
      </Card>
      {records.isPending && <Loader aria-label={t('common.loading')} />}
      {records.isError && <Alert color="red">{describeProblem(records.error)}</Alert>}
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Caption>{t('audit.caption')}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>{t('history.when')}</Table.Th><Table.Th>{t('history.action')}</Table.Th><Table.Th>{t('audit.entity')}</Table.Th><Table.Th>{t('history.by')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {records.data?.pages.flatMap((p) => p.items).map((r) => (
              <Table.Tr key={r.seq}>
                <Table.Td>{r.seq}</Table.Td>
                <Table.Td><DateTime value={r.occurredAt} /></Table.Td>
                <Table.Td><Code>{r.action}</Code></Table.Td>
                <Table.Td>{r.entityType} {r.entityId?.slice(0, 8)}</Table.Td>
                <Table.Td>{r.actorRole ? t(`roles.${r.actorRole}`, r.actorRole) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {records.hasNextPage && <Button variant="light" w="fit-content" onClick={() => void records.fetchNextPage()}>{t('common.more')}</Button>}
    </Stack>
  );
}
