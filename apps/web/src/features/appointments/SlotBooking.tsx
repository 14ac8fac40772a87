import { Alert, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem, api, call, idempotencyKey, type Schemas } from '../../api/client';
import { describeProblem, fieldErrors, flat } from '../problems/problems';
import { consolePath } from '../routes/routes';
import { useSession } from '../session/useSession';
import { blankLocalClinician, LocalClinicianFields, localClinicianBody, useTelemedicinePolicy } from './LocalClinicianFields';
import { daysOfPeriod, formatDate, formatDateTime, useTimeZone } from '../time/time';

type Slot = Schemas['SlotDto'];
const DAY = 86_400_000;
/** Two weeks a page: well inside the API's 31 days, short enough to read on a phone. */
const SPAN = 14 * DAY;

/**
 * A clinician's free slots, two weeks a page in the viewer's zone, and the booking of one for
 * the patient; a slot taken meanwhile (409 SLOT_TAKEN) is explained and the slots read again.
 * Give it a `key` of the clinician and language, so a change starts afresh.
 */
export function SlotBooking({ clinicianId, patientId, language }: { clinicianId: string; patientId: string; language: string | null }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession()!;
  const zone = useTimeZone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [first] = useState(() => Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const [from, setFrom] = useState(first);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [taken, setTaken] = useState(false);
  const [key, setKey] = useState(idempotencyKey);
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const policy = useTelemedicinePolicy();
  const needsLocal = policy.data?.localClinicianRequired === true;
  const local = useForm({ initialValues: { localClinician: blankLocalClinician() } });

  const slots = useQuery({
    queryKey: ['slots', clinicianId, from, zone, language],
    queryFn: () => call(api.GET('/api/v1/telemedicine/slots', { params: { query: { clinicianId, from: new Date(from).toISOString(), to: new Date(from + SPAN).toISOString(), timezone: zone, interpreterLanguage: language ?? undefined } } })),
  });
  const book = useMutation({
    mutationFn: (s: Slot) => call(api.POST('/api/v1/telemedicine/appointments', {
      params: { header: { 'Idempotency-Key': key } },
      body: { clinicianId, patientId, start: s.start, interpreterLanguage: language ?? undefined, localClinician: needsLocal ? localClinicianBody(local.values.localClinician) : undefined },
    })),
    onSuccess: (created) => {
      notifications.show({ color: 'teal', message: t('booking.booked'), closeButtonProps: { 'aria-label': t('common.close') } });
      void queryClient.invalidateQueries();
      navigate(consolePath({ page: 'appointment', id: created.id }, user.role));
    },
    onError: (error) => {
      setKey(idempotencyKey());
      // The doctor at home's fields get the API's words beside them.
      local.setErrors(fieldErrors(error, (p) => p in flat(local.values)).byField);
      // The policy changed since the page read it: read it again, and its fields appear.
      if (error instanceof ApiProblem && error.code === 'LOCAL_CLINICIAN_REQUIRED') void queryClient.invalidateQueries({ queryKey: ['telemedicine-policy'] });
      if (error instanceof ApiProblem && error.code === 'SLOT_TAKEN') {
        // Someone took it between the listing and the click: say so, and show what is free now.
        setTaken(true);
        setSlot(null);
        void queryClient.invalidateQueries({ queryKey: ['slots'] });
      }
    },
  });

  // The days the page's slots fall on, in the viewer's zone (the slots' own), its end excluded.
  const days = daysOfPeriod(from, from + SPAN, zone);
  const byDay = new Map<string, Slot[]>();
  for (const s of slots.data?.items ?? []) byDay.set(s.localStart.slice(0, 10), [...(byDay.get(s.localStart.slice(0, 10)) ?? []), s]);
  const choose = (s: Slot) => { setSlot(s); setTaken(false); book.reset(); };

  return (
    <>
      {needsLocal && <LocalClinicianFields form={local} />}
      {taken && <Alert color="orange" title={t('booking.takenTitle')}>{t('booking.taken')}</Alert>}
      {book.isError && !taken && <Alert color="red" title={t('problems.failed')}>{describeProblem(book.error)}</Alert>}
      <Group justify="space-between" wrap="nowrap">
        <Button variant="light" disabled={from <= first} onClick={() => setFrom(Math.max(from - SPAN, first))}>{t('booking.earlier')}</Button>
        <Button variant="light" onClick={() => setFrom(from + SPAN)}>{t('booking.later')}</Button>
      </Group>
      <Text size="sm" c="dimmed">{t('booking.range', { from: formatDate(days.first, i18n.language), to: formatDate(days.last, i18n.language) })}</Text>
      {slots.isPending && <Loader aria-label={t('common.loading')} />}
      {slots.isError && <Alert color="red">{describeProblem(slots.error)}</Alert>}
      {slots.data && byDay.size === 0 && <Text c="dimmed">{t('booking.noSlots')}</Text>}
      {[...byDay].map(([day, list]) => (
        <section key={day} aria-label={formatDate(day, i18n.language)}>
          <Title order={3} size="h5" mb={4}>{formatDate(day, i18n.language)}</Title>
          <SimpleGrid cols={{ base: 3, xs: 4, sm: 6 }} spacing="xs">
            {list.map((s) => (
              // The name holds the time as shown (the 24-hour clock of the zone), then its day.
              <Button key={s.start} size="sm" px={4} variant={slot?.start === s.start ? 'filled' : s.unsocial ? 'light' : 'default'} color={s.unsocial ? (slot?.start === s.start ? 'orange.9' : 'orange') : undefined} aria-pressed={slot?.start === s.start}
                aria-label={t(s.unsocial ? 'booking.slotUnsocial' : 'booking.slot', { time: s.localStart.slice(11, 16), day: formatDate(day, i18n.language) })} onClick={() => choose(s)}>
                {s.localStart.slice(11, 16)}
              </Button>
            ))}
          </SimpleGrid>
        </section>
      ))}
      {byDay.size > 0 && <Text size="xs" c="dimmed">{t('booking.unsocialNote')}</Text>}
      {slot && (
        <Card withBorder pos="sticky" bottom={8} shadow="md">
          <Stack gap="xs">
            <Text fw={600}>{formatDateTime(slot.start, zone, i18n.language)}</Text>
            {language && <Text size="sm">{t('appointments.interpreter', { language: names.of(language) ?? language })}</Text>}
            <Button loading={book.isPending} onClick={() => book.mutate(slot)}>{t('booking.confirm')}</Button>
          </Stack>
        </Card>
      )}
    </>
  );
}
