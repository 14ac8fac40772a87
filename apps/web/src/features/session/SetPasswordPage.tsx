import { Alert, Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { showProblem } from '../problems/problems';
import { PUBLIC_ROUTES } from '../routes/routes';
import { PublicPage } from './PublicPage';

/**
 * A mailed link's page where a password is chosen with the link's single-use token (an
 * invitation, a reset). The token is spent when the form is submitted, never on load, so a mail
 * scanner that opens the link cannot use it up.
 */
export function SetPasswordPage({ texts, send }: { texts: 'invite' | 'reset'; send: (body: { token: string; password: string }) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' } });
  const submit = form.onSubmit(async ({ password }) => {
    setError(null);
    try {
      await send({ token: params.get('token') ?? '', password });
      setDone(true);
    } catch (e) {
      setError(showProblem(e, form));
    }
  });
  return (
    <PublicPage>
      {done ? (
        <Stack>
          <Alert color="green" title={t(`${texts}.done`)}>{t(`${texts}.doneBody`)}</Alert>
          <Anchor component={Link} to={PUBLIC_ROUTES.signIn}>{t('signIn.submit')}</Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">{t(`${texts}.title`)}</Title>
            {texts === 'reset' && <Text size="sm">{t('reset.body')}</Text>}
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <PasswordInput label={t('invite.password')} description={t('invite.passwordHint')} autoComplete="new-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={form.submitting}>{t(`${texts}.submit`)}</Button>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
