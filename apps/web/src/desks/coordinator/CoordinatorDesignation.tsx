import { Alert, Anchor, Button, Card, Loader, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, idempotencyKey } from '../../api/client';
import { DesignationStatus } from '../../features/designations/DesignationPage';
import { useHospital } from '../../features/designations/HospitalName';
import { describeProblem, fieldErrors, flat, useAction } from '../../features/problems/problems';
import { consolePath } from '../../features/routes/routes';
import { useSession } from '../../features/session/useSession';

const FIGURES = ['applications', 'persons', 'refusals', 'overstays', 'entryRefusals', 'interpreters'] as const;

/** The hospital's designation: the current one, its applications with their scores, and a new application. */
export function CoordinatorDesignation() {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const hospitalId = user.hospitalId ?? '';
  const hospital = useHospital(hospitalId);
  const apps = useQuery({ queryKey: ['hospital-designation-applications', hospitalId], queryFn: () => call(api.GET('/api/v1/hospitals/{id}/designation-applications', { params: { path: { id: hospitalId } } })) });
  const [key] = useState(idempotencyKey);
  const form = useForm<{ year: number; declared: Partial<Record<(typeof FIGURES)[number], number | string>> }>({ initialValues: { year: new Date().getFullYear() + 1, declared: {} } });
  const apply = useAction((v: typeof form.values) => call(api.POST('/api/v1/hospitals/{id}/designation-applications', {
    params: { path: { id: hospitalId }, header: { 'Idempotency-Key': key } },
    // Declared figures go together or not at all: without them the system's own count is used.
    body: { year: Number(v.year), declared: FIGURES.every((f) => v.declared[f] !== undefined && v.declared[f] !== '') ? Object.fromEntries(FIGURES.map((f) => [f, Number(v.declared[f])])) as Record<(typeof FIGURES)[number], number> : undefined },
  })), { success: t('designation.applied') });
  const d = hospital.data?.designation;
  return (
    <Stack>
      <Title order={2}>{t('designation.title')}</Title>
      <Card withBorder>
        <Text fw={600}>{hospital.data?.name}</Text>
        <Text size="sm">{d ? t('designation.current', { year: d.year, status: t(`designation.dstatus.${d.status}`), until: d.validUntil }) : t('designation.noneCurrent')}</Text>
        {hospital.data?.kHealthcareMark && <Text size="sm">{t('designation.kMarkHeld')}</Text>}
      </Card>
      <Title order={3}>{t('designation.applications')}</Title>
      {apps.isPending && <Loader aria-label={t('common.loading')} />}
      {apps.isError && <Alert color="red">{describeProblem(apps.error)}</Alert>}
      {apps.data && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('designation.year')}</Table.Th><Table.Th>{t('queue.status')}</Table.Th><Table.Th>{t('designation.scoreShort')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {apps.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td><Anchor component={Link} to={consolePath({ page: 'designation', id: a.id }, 'hospital_coordinator')}>{t('designation.applicationTitle', { year: a.year })}</Anchor></Table.Td>
                  <Table.Td><DesignationStatus status={a.status} /></Table.Td>
                  <Table.Td>{a.score}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">{t('designation.apply')}</Title>
        <Text size="sm" mb="sm">{t('designation.applyHint')}</Text>
        <form onSubmit={form.onSubmit((v) => apply.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in flat(form.values) || p.startsWith('declared.')).byField) }))}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('designation.year')} required {...form.getInputProps('year')} />
            {FIGURES.map((f) => <NumberInput key={f} label={t(`designation.declare.${f}`)} min={0} {...form.getInputProps(`declared.${f}`)} />)}
          </SimpleGrid>
          <Button type="submit" mt="md" loading={apply.isPending}>{t('designation.applyButton')}</Button>
        </form>
      </Card>
    </Stack>
  );
}
