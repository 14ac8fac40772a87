import { ActionIcon, Badge, Box, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useAction } from '../problems/problems';
import { DateTime } from '../time/DateTime';

/** Only the path of a notification's link: it names a console page under PUBLIC_BASE_URL. */
function consolePath(link: unknown): string | null {
  if (typeof link !== 'string' || !link) return null;
  try { return new URL(link, window.location.origin).pathname; } catch { return null; }
}

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: () => call(api.GET('/api/v1/me/notifications', { params: { query: { limit: 20 } } })),
    refetchInterval: 30_000,
  });
  const markRead = useAction((id: string) => call(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } }, body: {} })));
  const readAll = useAction(() => call(api.POST('/api/v1/me/notifications/read-all', { body: {} })));
  const unread = list.data?.unreadCount ?? 0;

  return (
    <Popover width={360} position="bottom-end" shadow="md" withinPortal>
      {/* The popover's aria-haspopup and aria-expanded belong on the button, not on the badge around it. */}
      <Indicator label={unread} disabled={unread === 0} size={18} offset={4} color="red">
        <Popover.Target>
          <ActionIcon variant="subtle" size="lg" aria-label={t('bell.label', { count: unread })}>
            <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" /></svg>
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown maw="calc(100vw - 16px)">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('bell.title')}</Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => readAll.mutate(undefined)}>{t('bell.readAll')}</Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('bell.title')}>
            {list.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('bell.empty')}</Text>}
            {list.data?.items.map((n) => (
              <Box component="li" key={n.id}>
                <UnstyledButton
                  w="100%"
                  p="xs"
                  style={{ borderRadius: 4, background: n.readAt ? undefined : 'var(--mantine-color-indigo-0)' }}
                  onClick={() => {
                    if (!n.readAt) markRead.mutate(n.id);
                    const path = consolePath(n.link);
                    if (path) navigate(path);
                  }}
                >
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    {!n.readAt && <Badge size="xs" color="red" variant="filled">{t('bell.unread')}</Badge>}
                    {/* Written in the recipient's language (Arabic right to left), which may not be the console's. */}
                    <Text size="sm" fw={n.readAt ? 400 : 600} lang={n.language} dir={n.language === 'ar' ? 'rtl' : 'ltr'}>{n.title}</Text>
                  </Group>
                  {/* Dimmed grey on the unread tint measured under 4.5:1 (axe): a darker grey there. */}
                  <Text size="xs" c={n.readAt ? 'dimmed' : 'gray.7'} lineClamp={3} lang={n.language} dir={n.language === 'ar' ? 'rtl' : 'ltr'}>{n.body}</Text>
                  <Text size="xs" c={n.readAt ? 'dimmed' : 'gray.7'}><DateTime value={n.createdAt} /></Text>
                </UnstyledButton>
              </Box>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
