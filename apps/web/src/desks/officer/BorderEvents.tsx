import { Alert, Button, Card, Checkbox, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { personName } from '../../features/applications/labels';
import { StatusBadge } from '../../features/applications/StatusBadge';
import { fieldErrors, useAction } from '../../features/problems/problems';
import { fromLocalInput, useTimeZone } from '../../features/time/time';

type EventType = 'arrived' | 'departed' | 'entry_refused';

/** At the border: find the application by reference, then record an arrival, a departure or an entry refusal. */
export function BorderEvents() {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const [query, setQuery] = useState('');
  const found = useQuery({
    queryKey: ['border', query],
    queryFn: () => call(api.GET('/api/v1/visa-applications', { params: { query: { q: query, status: 'approved', limit: 10 } } })),
    enabled: query.length > 0,
  });
  return (
    <Stack>
      <Title order={2}>{t('border.title')}</Title>
      <form onSubmit={(e) => { e.preventDefault(); setQuery(reference.trim()); }}>
        <Group align="flex-end">
          <TextInput label={t('border.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
          <Button type="submit">{t('border.find')}</Button>
        </Group>
      </form>
      {found.data?.items.length === 0 && <Text c="dimmed">{t('border.noneFound')}</Text>}
      {found.data?.items.map((a) => <BorderCard key={a.id} application={a} />)}
    </Stack>
  );
}

function BorderCard({ application: a }: { application: Schemas['ApplicationViewDto'] }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const approved = a.persons.filter((p) => p.outcome === 'approve');
  const form = useForm<{ type: EventType; personIds: string[]; at: string }>({ initialValues: { type: 'arrived', personIds: approved.map((p) => p.id), at: '' } });
  const record = useAction((v: typeof form.values) => call(api.POST('/api/v1/patients/{id}/journey-events', {
    params: { path: { id: a.patientId ?? '' } },
    body: { type: v.type, personIds: v.personIds, at: v.at ? fromLocalInput(v.at) : undefined },
  })), { success: t('border.recorded') });
  return (
    <Card withBorder>
      <Group><Text fw={600}>{a.reference}</Text><StatusBadge status={a.status} /></Group>
      <form onSubmit={form.onSubmit((v) => record.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in form.values).byField) }))}>
        <Stack mt="sm">
          <Radio.Group label={t('border.event')} {...form.getInputProps('type')}>
            <Group mt={4}>
              {(['arrived', 'departed', 'entry_refused'] as const).map((k) => <Radio key={k} value={k} label={t(`journey.type.${k}`)} />)}
            </Group>
          </Radio.Group>
          <Checkbox.Group label={t('border.persons')} {...form.getInputProps('personIds')}>
            <Stack gap={4} mt={4}>{approved.map((p) => <Checkbox key={p.id} value={p.id} label={personName(p)} />)}</Stack>
          </Checkbox.Group>
          <TextInput type="datetime-local" label={t('border.at', { zone })} description={t('border.atHint')} {...form.getInputProps('at')} />
          {record.isError && <Alert color="red">{t('problems.seeFields')}</Alert>}
          <Button type="submit" loading={record.isPending} disabled={!a.patientId} w="fit-content">{t('border.record')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
