import { Alert, Button, Stack } from '@mantine/core';
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
