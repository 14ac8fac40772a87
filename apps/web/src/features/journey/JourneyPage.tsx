import { Alert, Button, Card, Group, Radio, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, call } from '../../api/client';
import { fieldErrors, useAction } from '../problems/problems';
import { useSession } from '../session/useSession';
import { fromLocalInput, useTimeZone } from '../time/time';
import { JourneyView } from './JourneyView';
import { Referrals } from './Referrals';

/** A patient's journey seen by their hospital, which records admissions and discharges on it and refers the patient on. */
export function JourneyPage() {
  const { patientId = '' } = useParams();
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('journey.patientTitle')}</Title>
      <HospitalEvents patientId={patientId} />
      <Referrals patientId={patientId} />
      <JourneyView patientId={patientId} />
    </Stack>
  );
}

function HospitalEvents({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const zone = useTimeZone();
  const form = useForm<{ type: 'admitted' | 'discharged'; at: string }>({ initialValues: { type: 'admitted', at: '' } });
  const record = useAction((v: typeof form.values) => call(api.POST('/api/v1/patients/{id}/journey-events', {
    params: { path: { id: patientId } },
    body: { type: v.type, hospitalId: user.hospitalId ?? undefined, at: v.at ? fromLocalInput(v.at) : undefined },
  })), { success: t('border.recorded') });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit((v) => record.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in form.values).byField) }))}>
        <Stack>
          <Radio.Group label={t('journey.hospitalEvent')} {...form.getInputProps('type')}>
            <Group mt={4}>{(['admitted', 'discharged'] as const).map((k) => <Radio key={k} value={k} label={t(`journey.type.${k}`)} />)}</Group>
          </Radio.Group>
          <TextInput type="datetime-local" label={t('border.at', { zone })} description={t('border.atHint')} {...form.getInputProps('at')} />
          {record.isError && <Alert color="red">{t('problems.seeFields')}</Alert>}
          <Button type="submit" loading={record.isPending} w="fit-content">{t('border.record')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
