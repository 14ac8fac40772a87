import { Alert, Card, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { SlotBooking } from '../../features/appointments/SlotBooking';
import { describeProblem } from '../../features/problems/problems';
import { useSession } from '../../features/session/useSession';
import { formatDate, useTimeZone } from '../../features/time/time';

/**
 * A follow-up video appointment, booked by the patient in their own zone. The API has no
 * clinician directory: the clinicians a patient may pick are those of their own appointments
 * (the first follow-up is booked by their hospital's coordinator).
 */
export function PatientBooking() {
  const { t, i18n } = useTranslation();
  const { user } = useSession()!;
  const zone = useTimeZone();
  const patientId = user.patientId ?? '';
  const appointments = useQuery({ queryKey: ['appointments'], queryFn: () => call(api.GET('/api/v1/telemedicine/appointments', { params: { query: { limit: 100 } } })) });
  const profile = useQuery({ queryKey: ['patient', patientId], queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id: patientId } } })), enabled: !!patientId });
  const [chosenClinician, setClinician] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);

  // The clinicians of the patient's own appointments, the newest first, each named by its last visit.
  const clinicians = new Map<string, string>();
  for (const a of [...(appointments.data?.items ?? [])].sort((x, y) => y.start.localeCompare(x.start))) {
    if (!clinicians.has(a.clinicianId)) clinicians.set(a.clinicianId, formatDate(a.start.slice(0, 10), i18n.language));
  }
  const clinicianId = chosenClinician ?? clinicians.keys().next().value ?? null;
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const languages = (profile.data?.languages ?? []).filter((l) => l !== 'ko');

  if (appointments.isPending) return <Loader aria-label={t('common.loading')} />;
  if (appointments.isError) return <Alert color="red">{describeProblem(appointments.error)}</Alert>;

  return (
    <Stack maw={760}>
      <Title order={2}>{t('booking.title')}</Title>
      <Text size="sm">{t('booking.zone', { zone })}</Text>
      {clinicians.size === 0 || !clinicianId ? (
        <Alert color="blue">{t('booking.noClinician')}</Alert>
      ) : (
        <>
          <Card withBorder>
            <Stack gap="sm">
              <Select label={t('booking.clinician')} data={[...clinicians].map(([id, last]) => ({ value: id, label: t('booking.clinicianOf', { date: last }) }))} value={clinicianId} onChange={setClinician} allowDeselect={false} />
              <Select label={t('booking.interpreter')} description={t('booking.interpreterHelp')} placeholder={t('booking.noInterpreter')} data={languages.map((l) => ({ value: l, label: names.of(l) ?? l }))} value={language} onChange={setLanguage} clearable />
            </Stack>
          </Card>
          <SlotBooking key={`${clinicianId}:${language}`} clinicianId={clinicianId} patientId={patientId} language={language} />
        </>
      )}
    </Stack>
  );
}
