import { Alert, Button, Card, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, idempotencyKey } from '../../api/client';
import { HospitalName } from '../designations/HospitalName';
import { describeProblem, fieldErrors, useAction } from '../problems/problems';
import { useSession } from '../session/useSession';
import { DateTime } from '../time/DateTime';

/**
 * A patient's referrals to other hospitals, and a new one: the sponsoring hospital's coordinator
 * picks a registered hospital from the directory; it treats the patient from then on.
 */
export function Referrals({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const list = useQuery({
    queryKey: ['referrals', patientId],
    queryFn: () => call(api.GET('/api/v1/patients/{id}/referrals', { params: { path: { id: patientId }, query: { limit: 100 } } })),
  });
  const directory = useQuery({ queryKey: ['hospitals'], queryFn: () => call(api.GET('/api/v1/hospitals', { params: { query: { limit: 100 } } })), staleTime: 300_000 });
  // A fresh key for each referral sent, so a retried request is applied once.
  const [key, setKey] = useState(idempotencyKey);
  const form = useForm<{ hospitalId: string | null; reason: string }>({ initialValues: { hospitalId: null, reason: '' } });
  const refer = useAction((v: typeof form.values) => call(api.POST('/api/v1/patients/{id}/referrals', {
    params: { path: { id: patientId }, header: { 'Idempotency-Key': key } },
    body: { hospitalId: v.hospitalId ?? '', reason: v.reason.trim() || undefined },
  })), { success: t('referrals.sent'), onSuccess: () => { form.reset(); setKey(idempotencyKey()); } });
  const [general, setGeneral] = useState<string | null>(null);
  const hospitals = (directory.data?.items ?? []).filter((h) => h.id !== user.hospitalId).map((h) => ({ value: h.id, label: h.name }));

  return (
    <Card withBorder component="section" aria-labelledby="referrals-heading">
      <Title order={3} size="h4" id="referrals-heading" mb="sm">{t('referrals.title')}</Title>
      {list.isError && <Alert color="red">{describeProblem(list.error)}</Alert>}
      {list.data && (list.data.items.length ? (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Caption>{t('referrals.caption')}</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>{t('referrals.hospital')}</Table.Th><Table.Th>{t('referrals.from')}</Table.Th><Table.Th>{t('referrals.reason')}</Table.Th><Table.Th>{t('referrals.when')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td><HospitalName id={r.hospitalId} /></Table.Td>
                  <Table.Td><HospitalName id={r.referredByHospitalId} /></Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.reason ?? '—'}</Table.Td>
                  <Table.Td><DateTime value={r.createdAt} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : <Text c="dimmed" size="sm">{t('referrals.none')}</Text>)}
      <form noValidate onSubmit={form.onSubmit((v) => {
        setGeneral(null);
        refer.mutate(v, { onError: (e) => { const { byField, rest } = fieldErrors(e, (p) => p in form.values); form.setErrors(byField); setGeneral(rest.join('\n') || null); } });
      })}>
        <Stack mt="md">
          <Text size="sm">{t('referrals.intro')}</Text>
          <Select label={t('referrals.to')} required searchable data={hospitals} nothingFoundMessage={t('common.none')} {...form.getInputProps('hospitalId')} />
          <Textarea label={t('referrals.reason')} description={t('referrals.reasonHint')} maxLength={2000} autosize minRows={2} {...form.getInputProps('reason')} />
          {general && <Alert color="red" role="alert">{general}</Alert>}
          <Button type="submit" loading={refer.isPending} w="fit-content">{t('referrals.submit')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
