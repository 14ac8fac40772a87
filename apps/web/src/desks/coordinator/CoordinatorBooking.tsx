import { Card, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { SlotBooking } from '../../features/appointments/SlotBooking';
import { useTimeZone } from '../../features/time/time';
import { useHospitalPatients } from './useHospitalPatients';

/**
 * A follow-up video appointment booked by the hospital for one of its patients (the patient
 * books the next ones themselves): one of the hospital's clinicians, an interpreter in one of
 * the patient's languages if needed, a free slot shown in the coordinator's zone.
 */
export function CoordinatorBooking() {
  const { t, i18n } = useTranslation();
  const zone = useTimeZone();
  const patients = useHospitalPatients();
  const clinicians = useQuery({ queryKey: ['users', 'clinician'], queryFn: () => call(api.GET('/api/v1/users', { params: { query: { role: 'clinician', limit: 100 } } })) });
  const [patientId, setPatientId] = useState<string | null>(null);
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const profile = useQuery({ queryKey: ['patient', patientId], queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id: patientId! } } })), enabled: !!patientId });
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const languages = (profile.data?.languages ?? []).filter((l) => l !== 'ko');

  return (
    <Stack maw={760}>
      <Title order={2}>{t('booking.title')}</Title>
      <Text size="sm">{t('booking.staffZone', { zone })}</Text>
      <Card withBorder>
        <Stack gap="sm">
          <Select label={t('matching.patient')} data={patients} searchable value={patientId} onChange={(v) => { setPatientId(v); setLanguage(null); }} />
          <Select label={t('booking.clinician')} data={(clinicians.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} searchable value={clinicianId} onChange={setClinicianId} />
          <Select label={t('booking.interpreter')} description={t('booking.interpreterHelp')} placeholder={t('booking.noInterpreter')} data={languages.map((l) => ({ value: l, label: names.of(l) ?? l }))} value={language} onChange={setLanguage} clearable disabled={!patientId} />
        </Stack>
      </Card>
      {patientId && clinicianId && <SlotBooking key={`${patientId}:${clinicianId}:${language}`} clinicianId={clinicianId} patientId={patientId} language={language} />}
    </Stack>
  );
}
