import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { describeProblem } from '../problems/problems';
import { PUBLIC_ROUTES } from '../routes/routes';
import { PublicPage } from './PublicPage';

/**
 * The registration e-mail's link. The token is single-use, so it is spent on a click, never on
 * load: a mail scanner that opens the link must not use it up.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [state, setState] = useState<'ready' | 'busy' | 'done'>('ready');
  const [error, setError] = useState<string | null>(null);
  const verify = async () => {
    setState('busy');
    setError(null);
    try {
      await call(api.POST('/api/v1/auth/verify-email', { body: { token: params.get('token') ?? '' } }));
      setState('done');
    } catch (e) {
      setError(describeProblem(e));
      setState('ready');
    }
  };
  return (
    <PublicPage>
      <Stack>
        <Title order={1} size="h3">{t('verify.title')}</Title>
        {state === 'done' ? (
          <>
            <Alert color="green" title={t('verify.done')}>{t('verify.doneBody')}</Alert>
            <Anchor component={Link} to={PUBLIC_ROUTES.signIn}>{t('signIn.submit')}</Anchor>
          </>
        ) : (
          <>
            <Text>{t('verify.body')}</Text>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Button onClick={() => void verify()} loading={state === 'busy'}>{t('verify.submit')}</Button>
          </>
        )}
      </Stack>
    </PublicPage>
  );
}
