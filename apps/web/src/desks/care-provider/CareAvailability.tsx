import { Alert, Button, Card, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { describeProblem, fieldErrors, flat, useAction } from '../../features/problems/problems';
import { fromLocalInput, toLocalInput } from '../../features/time/time';
import { useOwnProvider } from './useOwnProvider';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
interface Values { weekly: { weekday: string; start: string; end: string }[]; exceptions: { from: string; to: string }[] }

/** Weekly hours in the provider's own zone, and the days away. */
export function CareAvailability() {
  const { t } = useTranslation();
  const provider = useOwnProvider();
  const id = provider.data?.id ?? '';
  const availability = useQuery({ queryKey: ['availability', id], queryFn: () => call(api.GET('/api/v1/care-providers/{id}/availability', { params: { path: { id } } })), enabled: !!id });
  const form = useForm<Values>({ initialValues: { weekly: [], exceptions: [] } });
  useEffect(() => {
    const a = availability.data;
    if (a) form.setValues({ weekly: a.weekly.map((w) => ({ weekday: String(w.weekday), start: w.start, end: w.end })), exceptions: a.exceptions.map((e) => ({ from: toLocalInput(e.from), to: toLocalInput(e.to) })) });
  }, [availability.data]);
  const save = useAction((v: Values) => call(api.PUT('/api/v1/care-providers/{id}/availability', {
    params: { path: { id } },
    body: { timezone: availability.data!.timezone, weekly: v.weekly.map((w) => ({ weekday: Number(w.weekday), start: w.start, end: w.end })), exceptions: v.exceptions.map((e) => ({ from: fromLocalInput(e.from), to: fromLocalInput(e.to) })) },
  })), { success: t('availability.saved') });
  if (provider.isPending || availability.isPending) return <Loader aria-label={t('common.loading')} />;
  const error = provider.error ?? availability.error;
  if (error) return <Alert color="red">{describeProblem(error)}</Alert>;
  const days = WEEKDAYS.map((d) => ({ value: String(d), label: t(`availability.day.${d}`) }));
  return (
    <Stack maw={720}>
      <Title order={2}>{t('availability.title')}</Title>
      <Text size="sm">{t('availability.zone', { zone: availability.data?.timezone })}</Text>
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in flat(form.values)).byField) }))}>
        <Stack>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">{t('availability.weekly')}</Title>
            {form.values.weekly.map((_, i) => (
              <Group key={i} align="flex-end" mb="xs">
                <Select label={t('availability.weekday', { n: i + 1 })} data={days} allowDeselect={false} w={160} {...form.getInputProps(`weekly.${i}.weekday`)} />
                <TextInput type="time" label={t('availability.start', { n: i + 1 })} {...form.getInputProps(`weekly.${i}.start`)} />
                <TextInput type="time" label={t('availability.end', { n: i + 1 })} {...form.getInputProps(`weekly.${i}.end`)} />
                <Button variant="subtle" color="red" onClick={() => form.removeListItem('weekly', i)}>{t('availability.remove', { n: i + 1 })}</Button>
              </Group>
            ))}
            <Button variant="light" onClick={() => form.insertListItem('weekly', { weekday: '1', start: '09:00', end: '18:00' })}>{t('availability.addHours')}</Button>
          </Card>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">{t('availability.exceptions')}</Title>
            {form.values.exceptions.map((_, i) => (
              <Group key={i} align="flex-end" mb="xs">
                <TextInput type="datetime-local" label={t('availability.from', { n: i + 1 })} {...form.getInputProps(`exceptions.${i}.from`)} />
                <TextInput type="datetime-local" label={t('availability.to', { n: i + 1 })} {...form.getInputProps(`exceptions.${i}.to`)} />
                <Button variant="subtle" color="red" onClick={() => form.removeListItem('exceptions', i)}>{t('availability.removeException', { n: i + 1 })}</Button>
              </Group>
            ))}
            <Button variant="light" onClick={() => form.insertListItem('exceptions', { from: '', to: '' })}>{t('availability.addException')}</Button>
          </Card>
          <Button type="submit" loading={save.isPending} w="fit-content">{t('availability.save')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}
