import { Alert, Badge, Button, Card, Group, Loader, NumberInput, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { describeProblem, fieldErrors, useAction } from '../../features/problems/problems';
import { Dialog } from '../../features/dialog/Dialog';

type Hospital = Schemas['HospitalDto'];
// Buttons that name their hospital wrap rather than cut the name off.
const WRAP = { h: 'auto', py: 4, styles: { label: { whiteSpace: 'normal' as const, textAlign: 'left' as const } } };

/** The hospitals: K-Healthcare marks awarded and withdrawn, designations suspended, reinstated or cancelled. */
export function MinistryHospitals() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['hospitals'], queryFn: () => call(api.GET('/api/v1/hospitals', { params: { query: { limit: 100 } } })) });
  if (list.isPending) return <Loader aria-label={t('common.loading')} />;
  if (list.isError) return <Alert color="red">{describeProblem(list.error)}</Alert>;
  return (
    <Stack>
      <Title order={2}>{t('hospitals.title')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {list.data.items.map((h) => <HospitalCard key={h.id} hospital={h} />)}
      </SimpleGrid>
    </Stack>
  );
}

function HospitalCard({ hospital: h }: { hospital: Hospital }) {
  const { t } = useTranslation();
  const path = { params: { path: { id: h.id } } };
  const award = useAction(() => call(api.POST('/api/v1/hospitals/{id}/k-healthcare-mark', path)), { success: t('hospitals.markAwarded') });
  const withdraw = useAction(() => call(api.DELETE('/api/v1/hospitals/{id}/k-healthcare-mark', path)), { success: t('hospitals.markWithdrawn') });
  const designations = useQuery({ queryKey: ['designations', h.id], queryFn: () => call(api.GET('/api/v1/hospitals/{id}/designations', path)) });
  const current = designations.data?.find((d) => d.year === h.designation?.year);
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600}>{h.name}</Text>
        {h.kHealthcareMark && <Badge color="indigo.9" variant="filled">{t('hospitals.kMark')}</Badge>}
      </Group>
      <Text size="sm">{t(`hospitals.type.${h.type}`, h.type)} · {h.region}</Text>
      <Text size="sm">{h.designation ? t('designation.current', { year: h.designation.year, status: t(`designation.dstatus.${h.designation.status}`), until: h.designation.validUntil }) : t('designation.noneCurrent')}</Text>
      {current && current.sanctionLevel > 0 && <Text size="sm" c="red.9">{t('hospitals.sanctionLevel', { level: current.sanctionLevel })}</Text>}
      <Group mt="sm" gap="xs">
        {h.kHealthcareMark
          ? <Button {...WRAP} size="xs" variant="light" color="red" onClick={() => withdraw.mutate(undefined)} loading={withdraw.isPending}>{t('hospitals.withdrawMark', { name: h.name })}</Button>
          : <Button {...WRAP} size="xs" variant="light" onClick={() => award.mutate(undefined)} loading={award.isPending}>{t('hospitals.awardMark', { name: h.name })}</Button>}
        {current && current.status === 'active' && <Sanction id={current.id} action="suspend" label={t('hospitals.suspend', { name: h.name })} />}
        {current && current.status === 'suspended' && <Sanction id={current.id} action="reinstate" label={t('hospitals.reinstate', { name: h.name })} />}
        {current && (current.status === 'active' || current.status === 'suspended') && <Sanction id={current.id} action="cancel" label={t('hospitals.cancel', { name: h.name })} />}
      </Group>
    </Card>
  );
}

function Sanction({ id, action, label }: { id: string; action: 'suspend' | 'reinstate' | 'cancel'; label: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure();
  const form = useForm<{ note: string; months: number | string }>({ initialValues: { note: '', months: 3 } });
  const path = { params: { path: { id } } };
  const run = useAction((v: typeof form.values) => call(
    action === 'suspend' ? api.POST('/api/v1/designations/{id}/suspend', { ...path, body: { note: v.note, months: Number(v.months) } })
      : action === 'reinstate' ? api.POST('/api/v1/designations/{id}/reinstate', { ...path, body: { note: v.note } })
        : api.POST('/api/v1/designations/{id}/cancel', { ...path, body: { note: v.note } }),
  ), { success: label, onSuccess: close });
  return (
    <>
      <Button {...WRAP} size="xs" variant="light" color={action === 'reinstate' ? undefined : 'orange'} onClick={open}>{label}</Button>
      <Dialog opened={opened} onClose={close} title={label}>
        <form onSubmit={form.onSubmit((v) => run.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in form.values).byField) }))}>
          <Stack>
            {action === 'suspend' && <NumberInput label={t('hospitals.months')} min={1} max={12} {...form.getInputProps('months')} />}
            <Textarea label={t('designation.note')} required {...form.getInputProps('note')} />
            <Button type="submit" loading={run.isPending}>{label}</Button>
          </Stack>
        </form>
      </Dialog>
    </>
  );
}
