import { Alert, Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { fieldErrors } from '../problems/problems';
import { PUBLIC_ROUTES } from '../routes/routes';
import { PublicPage } from './PublicPage';

/**
 * The reset e-mail's link: the single-use token is spent when the new password is submitted,
 * never on load (a mail scanner that opens the link must not use it up).
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' } });
  const submit = form.onSubmit(async ({ password }) => {
    setError(null);
    try {
      await call(api.POST('/api/v1/auth/password-reset/confirm', { body: { token: params.get('token') ?? '', password } }));
      setDone(true);
    } catch (e) {
      const { byField, rest } = fieldErrors(e, (p) => p === 'password');
      form.setErrors(byField);
      setError(rest.join('\n') || null);
    }
  });
  return (
    <PublicPage>
      {done ? (
        <Stack>
          <Alert color="green" title={t('reset.done')}>{t('reset.doneBody')}</Alert>
          <Anchor component={Link} to={PUBLIC_ROUTES.signIn}>{t('signIn.submit')}</Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">{t('reset.title')}</Title>
            <Text size="sm">{t('reset.body')}</Text>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <PasswordInput label={t('invite.password')} description={t('invite.passwordHint')} autoComplete="new-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={form.submitting}>{t('reset.submit')}</Button>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
