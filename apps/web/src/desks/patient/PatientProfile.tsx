import { Alert, Button, Loader, Select, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { describeProblem, fieldErrors, useAction } from '../../features/problems/problems';
import { useSession } from '../../features/session/useSession';

const ZONES = Intl.supportedValuesOf('timeZone');

/** The patient's profile: phone, languages (preferred first) and the zone their times are shown in. */
export function PatientProfile() {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const id = user.patientId!;
  const profile = useQuery({ queryKey: ['patient', id], queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id } } })) });
  const form = useForm({ initialValues: { phone: '', languages: [] as string[], timezone: '' } });
  useEffect(() => {
    if (profile.data) form.setValues({ phone: profile.data.phone ?? '', languages: profile.data.languages, timezone: profile.data.timezone ?? '' });
    // Reset when a new version arrives, not on every keystroke.
  }, [profile.data?.version]);
  const save = useAction((v: typeof form.values) => call(api.PATCH('/api/v1/patients/{id}', { params: { path: { id } }, body: { phone: v.phone || undefined, languages: v.languages, timezone: v.timezone, version: profile.data?.version ?? undefined } })), { success: t('profile.saved') });

  if (profile.isPending) return <Loader aria-label={t('common.loading')} />;
  if (profile.isError) return <Alert color="red">{describeProblem(profile.error)}</Alert>;
  return (
    <Stack maw={480}>
      <Title order={2}>{t('profile.title')}</Title>
      <Text>{profile.data.name} · {profile.data.email}</Text>
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in form.values).byField) }))}>
        <Stack>
          <TextInput label={t('profile.phone')} type="tel" {...form.getInputProps('phone')} />
          <TagsInput label={t('profile.languages')} description={t('profile.languagesHint')} {...form.getInputProps('languages')} />
          <Select label={t('profile.timezone')} searchable data={ZONES} {...form.getInputProps('timezone')} />
          <Button type="submit" loading={save.isPending} w="fit-content">{t('profile.save')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}
