import { Alert, Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { describeProblem } from '../../features/problems/problems';

/**
 * Where the operator's tools live. Bull Board reads the admin's token from a cookie that only
 * /admin/queues receives, set here while the page is open (a link cannot carry a bearer header)
 * and renewed before a token's lifetime runs out. The development mailbox answers in
 * development without SMTP_URL (elsewhere it is a 404).
 */
export function AdminSystem() {
  const { t } = useTranslation();
  const dashboard = useQuery({
    queryKey: ['queue-dashboard-session'],
    queryFn: async () => {
      await call(api.POST('/api/v1/admin/queue-dashboard/session', { body: {} }));
      return true;
    },
    refetchInterval: 5 * 60_000,
  });
  return (
    <Stack>
      <Title order={2}>{t('system.title')}</Title>
      <Card withBorder>
        <List spacing="sm">
          <List.Item>
            {dashboard.isSuccess && <Anchor href="/admin/queues" target="_blank" rel="noreferrer">{t('system.queues')}</Anchor>}
            {dashboard.isPending && <Text>{t('system.queuesOpening')}</Text>}
            {dashboard.isError && <Text>{t('system.queues')}</Text>}
            <Text size="sm" c="dimmed">{t('system.queuesHint')}</Text>
            {dashboard.isError && <Alert color="red" mt="xs">{describeProblem(dashboard.error)}</Alert>}
          </List.Item>
          <List.Item><Anchor href="/docs" target="_blank" rel="noreferrer">{t('system.docs')}</Anchor></List.Item>
          <List.Item><Anchor href="/health/ready" target="_blank" rel="noreferrer">{t('system.health')}</Anchor></List.Item>
          <List.Item><Anchor href="/dev/mailbox" target="_blank" rel="noreferrer">{t('system.mailbox')}</Anchor><Text size="sm" c="dimmed">{t('system.mailboxHint')}</Text></List.Item>
        </List>
      </Card>
    </Stack>
  );
}
