import { Alert, Anchor, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { showProblem } from '../problems/problems';
import { PUBLIC_ROUTES } from '../routes/routes';
import { PublicPage } from './PublicPage';

/** A patient's own account: the API answers alike for every address and mails a link to verify it. */
export function RegisterPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '', email: '', password: '' } });
  const submit = form.onSubmit(async (body) => {
    setError(null);
    try {
      await call(api.POST('/api/v1/auth/register', { body }));
      setSent(true);
    } catch (e) {
      setError(showProblem(e, form));
    }
  });
  return (
    <PublicPage>
      {sent ? (
        <Alert color="green" title={t('register.sent')} role="status">{t('register.sentBody')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">{t('register.title')}</Title>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput label={t('register.name')} autoComplete="name" required {...form.getInputProps('name')} />
            <TextInput label={t('signIn.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <PasswordInput label={t('invite.password')} description={t('invite.passwordHint')} autoComplete="new-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={form.submitting}>{t('register.submit')}</Button>
            <Anchor component={Link} to={PUBLIC_ROUTES.signIn}>{t('register.haveAccount')}</Anchor>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
