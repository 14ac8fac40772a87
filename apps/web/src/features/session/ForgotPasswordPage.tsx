import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { showProblem } from '../problems/problems';
import { PUBLIC_ROUTES } from '../routes/routes';
import { PublicPage } from './PublicPage';

/** Asks for a reset link; the API answers alike for every address and mails the link to its owner. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '' } });
  const submit = form.onSubmit(async (body) => {
    setError(null);
    try {
      await call(api.POST('/api/v1/auth/password-reset', { body }));
      setSent(true);
    } catch (e) {
      setError(showProblem(e, form));
    }
  });
  return (
    <PublicPage>
      {sent ? (
        <Stack>
          <Alert color="green" title={t('register.sent')} role="status">{t('reset.sentBody')}</Alert>
          <Anchor component={Link} to={PUBLIC_ROUTES.signIn}>{t('reset.backToSignIn')}</Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">{t('reset.requestTitle')}</Title>
            <Text size="sm">{t('reset.requestBody')}</Text>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput label={t('signIn.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={form.submitting}>{t('reset.requestSubmit')}</Button>
            <Anchor component={Link} to={PUBLIC_ROUTES.signIn}>{t('reset.backToSignIn')}</Anchor>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
