import { Alert, Badge, Button, Card, Group, Loader, MultiSelect, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { REGIONS, SPECIALTIES } from '../../features/hospitals/vocabulary';
import { describeProblem, fieldErrors, flat, useAction } from '../../features/problems/problems';
import { useOwnProvider } from './useOwnProvider';

type Region = Schemas['UpdateCareProviderDto']['regions'];
type Specialty = Schemas['UpdateCareProviderDto']['specialties'];

/** The provider's own profile: contact, regions, specialties, weekly hours (certifications are the ministry's). */
export function CareProfile() {
  const { t } = useTranslation();
  const provider = useOwnProvider();
  const form = useForm({ initialValues: { email: '', phone: '', regions: [] as string[], specialties: [] as string[], maxHoursPerWeek: 40 as number | string } });
  useEffect(() => {
    const p = provider.data;
    if (p) form.setValues({ email: p.contact?.email ?? '', phone: p.contact?.phone ?? '', regions: p.regions, specialties: p.specialties, maxHoursPerWeek: p.maxHoursPerWeek });
  }, [provider.data?.version]);
  const save = useAction((v: typeof form.values) => call(api.PATCH('/api/v1/care-providers/{id}', {
    params: { path: { id: provider.data!.id } },
    body: { contact: { email: v.email || undefined, phone: v.phone || undefined }, regions: v.regions as Region, specialties: v.specialties as Specialty, maxHoursPerWeek: Number(v.maxHoursPerWeek), version: provider.data!.version },
  })), { success: t('profile.saved') });
  if (provider.isPending) return <Loader aria-label={t('common.loading')} />;
  if (provider.isError) return <Alert color="red">{describeProblem(provider.error)}</Alert>;
  const p = provider.data;
  return (
    <Stack maw={640}>
      <Title order={2}>{t('profile.title')}</Title>
      <Card withBorder>
        <Group><Text fw={600}>{p.name}</Text><Badge variant="filled" color={p.active ? 'green.9' : 'gray.7'}>{p.active ? t('careDesk.verified') : t('careDesk.unverified')}</Badge></Group>
        <Text size="sm">{t(`care.kind.${p.kind}`)} · {p.languages.map((l) => `${l.code} (${t(`careDesk.level.${l.level}`)})`).join(', ')}</Text>
        <Text size="sm">{t('care.rating')}: {p.rating ?? '—'} ({p.ratingCount})</Text>
      </Card>
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (x) => x in flat(form.values)).byField) }))}>
        <Stack>
          <TextInput label={t('careDesk.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('profile.phone')} type="tel" {...form.getInputProps('phone')} />
          <MultiSelect label={t('careDesk.regions')} data={REGIONS} {...form.getInputProps('regions')} />
          <MultiSelect label={t('careDesk.specialties')} data={SPECIALTIES.map((s) => ({ value: s, label: t(`specialty.${s}`) }))} {...form.getInputProps('specialties')} />
          <NumberInput label={t('careDesk.maxHours')} min={1} max={60} {...form.getInputProps('maxHoursPerWeek')} />
          <Button type="submit" loading={save.isPending} w="fit-content">{t('profile.save')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}
