import { Card, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';

export interface LocalClinicianValues { name: string; country: string; email: string; licenseNumber: string }
export const blankLocalClinician = (): LocalClinicianValues => ({ name: '', country: '', email: '', licenseNumber: '' });

/** The policy in force (GET /telemedicine/policy): whether a booking must name the patient's doctor at home. */
export function useTelemedicinePolicy() {
  return useQuery({ queryKey: ['telemedicine-policy'], queryFn: () => call(api.GET('/api/v1/telemedicine/policy')), staleTime: 5 * 60_000 });
}

/** The body's `localClinician` from the form: trimmed, the country in capitals, an empty licence left out (the API validates the rest). */
export function localClinicianBody(v: LocalClinicianValues): Schemas['LocalClinicianDto'] {
  const licenseNumber = v.licenseNumber.trim();
  return { name: v.name.trim(), country: v.country.trim().toUpperCase(), email: v.email.trim(), ...(licenseNumber ? { licenseNumber } : {}) };
}

/**
 * The patient's doctor at home, asked for when the doctor_to_doctor policy is in force: the
 * follow-up is then their consultation with the Korean clinician, and they are e-mailed the
 * invitation and reminders. The API's field errors land beside each field.
 */
export function LocalClinicianFields({ form }: { form: UseFormReturnType<{ localClinician: LocalClinicianValues }> }) {
  const { t } = useTranslation();
  const input = (k: keyof LocalClinicianValues) => form.getInputProps(`localClinician.${k}`);
  return (
    <Card withBorder component="section" aria-labelledby="local-clinician-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="local-clinician-title">{t('booking.local.title')}</Title>
        <Text size="sm">{t('booking.local.help')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('booking.local.name')} required autoComplete="off" {...input('name')} />
          <TextInput label={t('booking.local.email')} type="email" required autoComplete="off" {...input('email')} />
          <TextInput label={t('booking.local.country')} description={t('booking.local.countryHint')} required maxLength={3} autoComplete="off" {...input('country')} />
          <TextInput label={t('booking.local.license')} autoComplete="off" {...input('licenseNumber')} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
