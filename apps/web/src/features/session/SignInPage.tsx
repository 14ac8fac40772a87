import { Alert, Anchor, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { saveSession } from '../../api/session';
import { showProblem } from '../problems/problems';
import { PUBLIC_ROUTES } from '../routes/routes';
import { PublicPage } from './PublicPage';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', password: '' } });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const session = await call(api.POST('/api/v1/auth/login', { body: values }));
      saveSession({ accessToken: session.accessToken, expiresAt: Date.now() + session.expiresIn * 1000, user: session.user });
      // Back to the page a link asked for, or the role's desk.
      navigate(location.pathname === '/sign-in' ? '/' : location.pathname + location.search, { replace: true });
    } catch (e) {
      setError(showProblem(e, form));
    }
  });

  return (
    <PublicPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h3">{t('signIn.title')}</Title>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <TextInput label={t('signIn.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" loading={form.submitting}>{t('signIn.submit')}</Button>
          <Anchor component={Link} to={PUBLIC_ROUTES.forgotPassword}>{t('reset.link')}</Anchor>
          <Anchor component={Link} to={PUBLIC_ROUTES.register}>{t('register.link')}</Anchor>
        </Stack>
      </form>
    </PublicPage>
  );
}
