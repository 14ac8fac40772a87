import { Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Where the operator's tools live. The queue dashboard asks for an admin's bearer token
 * (Bull Board in libs/platform), so it is opened with one, not by a plain link from a page.
 * The development mailbox answers in development without SMTP_URL (elsewhere it is a 404).
 */
export function AdminSystem() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('system.title')}</Title>
      <Card withBorder>
        <List spacing="sm">
          <List.Item><Anchor href="/admin/queues" target="_blank" rel="noreferrer">{t('system.queues')}</Anchor><Text size="sm" c="dimmed">{t('system.queuesHint')}</Text></List.Item>
          <List.Item><Anchor href="/docs" target="_blank" rel="noreferrer">{t('system.docs')}</Anchor></List.Item>
          <List.Item><Anchor href="/health/ready" target="_blank" rel="noreferrer">{t('system.health')}</Anchor></List.Item>
          <List.Item><Anchor href="/dev/mailbox" target="_blank" rel="noreferrer">{t('system.mailbox')}</Anchor><Text size="sm" c="dimmed">{t('system.mailboxHint')}</Text></List.Item>
        </List>
      </Card>
    </Stack>
  );
}
