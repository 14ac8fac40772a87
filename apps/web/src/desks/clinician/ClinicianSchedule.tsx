import { Alert, Button, Card, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Schemas } from '../../api/client';
import { describeProblem, fieldErrors, flat, useAction } from '../../features/problems/problems';
import { useSession } from '../../features/session/useSession';
import { fromZonedInput, toZonedInput } from '../../features/time/time';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const SLOT_MINUTES = [15, 20, 30, 60] as const;
const ZONES = Intl.supportedValuesOf('timeZone');
interface Values { timezone: string; slotMinutes: string; weekly: { weekday: string; start: string; end: string }[]; exceptions: { from: string; to: string }[] }

/** The clinician's telemedicine hours: their zone, slot length, weekly windows and days off. */
export function ClinicianSchedule() {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const id = user.id;
  const schedule = useQuery({
    queryKey: ['schedule', id],
    // No schedule yet (404) is an empty form, not an error.
    queryFn: () => call(api.GET('/api/v1/clinicians/{id}/schedule', { params: { path: { id } } })).catch((e: unknown) => {
      if (e instanceof ApiProblem && e.status === 404) return null;
      throw e;
    }),
  });
  const [rest, setRest] = useState<string[]>([]);
  const form = useForm<Values>({ initialValues: { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, slotMinutes: '30', weekly: [], exceptions: [] } });
  useEffect(() => {
    const s = schedule.data;
    if (s) form.setValues({
      timezone: s.timezone,
      slotMinutes: String(s.slotMinutes),
      weekly: s.weekly.map((w) => ({ weekday: String(w.weekday), start: w.start, end: w.end })),
      exceptions: s.exceptions.map((e) => ({ from: toZonedInput(e.from, s.timezone), to: toZonedInput(e.to, s.timezone) })),
    });
  }, [schedule.data]);
  const save = useAction((v: Values) => call(api.PUT('/api/v1/clinicians/{id}/schedule', {
    params: { path: { id } },
    body: {
      timezone: v.timezone,
      slotMinutes: Number(v.slotMinutes) as Schemas['ScheduleBody']['slotMinutes'],
      weekly: v.weekly.map((w) => ({ weekday: Number(w.weekday), start: w.start, end: w.end })),
      // Days off are read on the schedule's own wall clock, like the weekly hours.
      exceptions: v.exceptions.map((e) => ({ from: e.from && fromZonedInput(e.from, v.timezone), to: e.to && fromZonedInput(e.to, v.timezone) })),
    },
  })), { success: t('schedule.saved'), onSuccess: () => setRest([]) });
  if (schedule.isPending) return <Loader aria-label={t('common.loading')} />;
  if (schedule.isError) return <Alert color="red">{describeProblem(schedule.error)}</Alert>;
  const days = WEEKDAYS.map((d) => ({ value: String(d), label: t(`availability.day.${d}`) }));
  const submit = (v: Values) => save.mutate(v, {
    onError: (e) => {
      const errors = fieldErrors(e, (p) => p in flat(form.values));
      form.setErrors(errors.byField);
      setRest(errors.rest);
    },
  });
  return (
    <Stack maw={760}>
      <Title order={2}>{t('schedule.title')}</Title>
      {schedule.data === null && <Text size="sm">{t('schedule.none')}</Text>}
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          {rest.length > 0 && <Alert color="red" title={t('problems.failed')}>{rest.join('\n')}</Alert>}
          <Card withBorder>
            <Group align="flex-start">
              <Select label={t('schedule.timezone')} description={t('schedule.timezoneHelp')} data={ZONES} searchable allowDeselect={false} w={280} {...form.getInputProps('timezone')} />
              <Select label={t('schedule.slotMinutes')} data={SLOT_MINUTES.map((m) => ({ value: String(m), label: t('schedule.minutes', { m }) }))} allowDeselect={false} w={160} {...form.getInputProps('slotMinutes')} />
            </Group>
          </Card>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">{t('availability.weekly')}</Title>
            <Text size="sm" c="dimmed" mb="xs">{t('schedule.wallClock', { zone: form.values.timezone })}</Text>
            {form.values.weekly.map((_, i) => (
              <Group key={i} align="flex-start" mb="xs">
                <Select label={t('availability.weekday', { n: i + 1 })} data={days} allowDeselect={false} w={160} {...form.getInputProps(`weekly.${i}.weekday`)} />
                <TextInput type="time" label={t('availability.start', { n: i + 1 })} {...form.getInputProps(`weekly.${i}.start`)} />
                <TextInput type="time" label={t('availability.end', { n: i + 1 })} {...form.getInputProps(`weekly.${i}.end`)} />
                <Button variant="subtle" color="red" mt={24} onClick={() => form.removeListItem('weekly', i)}>{t('availability.remove', { n: i + 1 })}</Button>
              </Group>
            ))}
            <Button variant="light" w="fit-content" onClick={() => form.insertListItem('weekly', { weekday: '1', start: '09:00', end: '17:00' })}>{t('availability.addHours')}</Button>
          </Card>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">{t('schedule.exceptions')}</Title>
            {form.values.exceptions.map((_, i) => (
              <Group key={i} align="flex-start" mb="xs">
                <TextInput type="datetime-local" label={t('schedule.from', { n: i + 1 })} {...form.getInputProps(`exceptions.${i}.from`)} />
                <TextInput type="datetime-local" label={t('schedule.to', { n: i + 1 })} {...form.getInputProps(`exceptions.${i}.to`)} />
                <Button variant="subtle" color="red" mt={24} onClick={() => form.removeListItem('exceptions', i)}>{t('schedule.removeException', { n: i + 1 })}</Button>
              </Group>
            ))}
            <Button variant="light" w="fit-content" onClick={() => form.insertListItem('exceptions', { from: '', to: '' })}>{t('schedule.addException')}</Button>
          </Card>
          <Button type="submit" loading={save.isPending} w="fit-content">{t('schedule.save')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}
