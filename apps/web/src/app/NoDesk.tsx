import { Alert, Box, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** An address the console does not know, or another role's desk. */
export function NoDesk() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="gray" title={t('noDesk.title')}>{t('noDesk.body')}</Alert>
      <Button component={Link} to="/" variant="light" w="fit-content">{t('noDesk.home')}</Button>
    </Stack>
  );
}

/**
 * A page the URL scheme names whose API is not built yet (telemedicine's appointments, e-mail
 * verification, password reset): said plainly, so a link never lands on a 404.
 */
export function NotYet({ standalone }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const body = (
    <Stack>
      <Alert color="gray" title={t('notYet.title')}>{t('notYet.body')}</Alert>
      <Button component={Link} to="/" variant="light" w="fit-content">{t('noDesk.home')}</Button>
    </Stack>
  );
  return standalone ? <Box component="main" p="md">{body}</Box> : body;
}
