import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { api, call } from '../api/client';
import { saveSession } from '../api/session';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { LanguageSwitch } from '../features/session/LanguageSwitch';
import { useDeskLanguage } from '../features/session/useDeskLanguage';
import { useSession } from '../features/session/useSession';
import { TimeZoneContext } from '../features/time/time';
import { MENUS } from './roles';

/** The frame of every desk: title, bell, language, the role's menu, sign out. */
export function Shell() {
  const session = useSession()!;
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const menu = MENUS[session.user.role];
  // A patient sees times in the zone of their profile; staff in their browser's.
  const profile = useQuery({
    queryKey: ['patient', session.user.patientId],
    queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id: session.user.patientId ?? '' } } })),
    enabled: session.user.role === 'patient' && !!session.user.patientId,
  });
  const zone = profile.data?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // A care provider reads best their registry record's native language(s), then the others as listed.
  const provider = useQuery({
    queryKey: ['care-provider', session.user.careProviderId],
    queryFn: () => call(api.GET('/api/v1/care-providers/{id}', { params: { path: { id: session.user.careProviderId ?? '' } } })),
    enabled: session.user.role === 'care_provider' && !!session.user.careProviderId,
  });
  const providerLanguages = provider.data && [...provider.data.languages].sort((a, b) => Number(b.level === 'native') - Number(a.level === 'native')).map((l) => l.code);
  useDeskLanguage(session.user.role, profile.data?.languages ?? providerLanguages);

  return (
    <TimeZoneContext.Provider value={zone}>
      <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
              <Title order={1} size="h4"><Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>MedJourney</Link></Title>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <NotificationBell />
              <LanguageSwitch />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
          <Text size="sm" fw={600}>{session.user.name}</Text>
          <Text size="xs" c="dimmed" mb="sm">{t(`roles.${session.user.role}`)}</Text>
          <nav aria-label={t('shell.deskMenu')}>
            {menu.map((item) => (
              <NavLink key={item.to} component={Link} to={item.to} label={t(item.label)} active={location.pathname === item.to} onClick={close} />
            ))}
          </nav>
          <Button variant="subtle" mt="md" onClick={() => saveSession(null)}>{t('shell.signOut')}</Button>
        </AppShell.Navbar>
        <AppShell.Main>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </TimeZoneContext.Provider>
  );
}
