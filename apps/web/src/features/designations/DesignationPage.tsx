import { Alert, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { describeProblem, fieldErrors, useAction } from '../problems/problems';
import { useSession } from '../session/useSession';
import { DateTime } from '../time/DateTime';
import { HospitalName } from './HospitalName';

type DesignationApplication = Schemas['DesignationApplicationDto'];
const STATUS_COLOURS: Record<DesignationApplication['status'], string> = { pending: 'orange.9', ineligible: 'gray.7', approved: 'green.9', rejected: 'red.9' };

export function DesignationStatus({ status }: { status: DesignationApplication['status'] }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOURS[status]} variant="filled">{t(`designation.status.${status}`)}</Badge>;
}

/** One designation application: figures, eligibility, the score and its breakdown; the reviewer decides. */
export function DesignationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession()!;
  const q = useQuery({ queryKey: ['designation-application', id], queryFn: () => call(api.GET('/api/v1/designation-applications/{id}', { params: { path: { id } } })) });
  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.isError) return <Alert color="red">{describeProblem(q.error)}</Alert>;
  const a = q.data;
  return (
    <Stack>
      <Title order={2}>{t('designation.applicationTitle', { year: a.year })}</Title>
      <Group><HospitalName id={a.hospitalId} /><DesignationStatus status={a.status} /><Text size="sm">{t(`designation.route.${a.route}`)}</Text></Group>
      <ScoreBreakdown application={a} />
      {a.eligibilityFailures.length > 0 && (
        <Alert color="orange" title={t('designation.ineligible')}>
          <ul style={{ margin: 0 }}>{a.eligibilityFailures.map((f) => <li key={f.code}>{f.reason}</li>)}</ul>
        </Alert>
      )}
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">{t('designation.figures')}</Title>
        <Table.ScrollContainer minWidth={500}>
          <Table>
            <Table.Thead><Table.Tr><Table.Th><VisuallyHidden>{t('designation.figures')}</VisuallyHidden></Table.Th><Table.Th>{t('designation.system')}</Table.Th><Table.Th>{t('designation.declared')}</Table.Th><Table.Th>{t('designation.used')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {(['applications', 'persons', 'refusals', 'overstays', 'entryRefusals'] as const).map((k) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row">{t(`designation.figure.${k}`)}</Table.Th>
                  <Table.Td>{a.systemFigures[k]}</Table.Td>
                  <Table.Td>{a.declaredFigures?.[k] ?? '—'}</Table.Td>
                  <Table.Td>{a.figures[k]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm" mt="xs">{t('designation.problemRate', { rate: (a.problemRate * 100).toFixed(1) })}</Text>
      </Card>
      <Text size="sm">{t('designation.submitted')}: <DateTime value={a.submittedAt} />{a.decidedAt && <> · {t('designation.decided')}: <DateTime value={a.decidedAt} /></>}</Text>
      {a.decisionNote && <Text size="sm">{t('designation.note')}: {a.decisionNote}</Text>}
      {user.role === 'ministry_reviewer' && a.status === 'pending' && <Decide id={a.id} />}
    </Stack>
  );
}

export function ScoreBreakdown({ application: a }: { application: DesignationApplication }) {
  const { t } = useTranslation();
  const b = a.scoreBreakdown;
  return (
    <Card withBorder>
      <Title order={3} size="h4">{t('designation.score', { score: a.score })}</Title>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mt="xs">
        {(['persons', 'problemRate', 'interpreters', 'koiha', 'largeGeneralHospitalBonus', 'regionalBonus'] as const).map((k) => (
          <div key={k}><Text size="xs" c="dimmed">{t(`designation.part.${k}`)}</Text><Text fw={600}>{b[k]}</Text></div>
        ))}
      </SimpleGrid>
    </Card>
  );
}

function Decide({ id }: { id: string }) {
  const { t } = useTranslation();
  const form = useForm<{ note: string }>({ initialValues: { note: '' } });
  const decide = useAction((v: { outcome: 'approve' | 'reject'; note: string }) => call(api.POST('/api/v1/designation-applications/{id}/decision', { params: { path: { id } }, body: v })), { success: t('designation.decidedOk') });
  const run = (outcome: 'approve' | 'reject') => form.onSubmit((v) => decide.mutate({ outcome, note: v.note }, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p === 'note').byField) }))();
  return (
    <Card withBorder>
      <Stack>
        <Textarea label={t('designation.decisionNote')} required {...form.getInputProps('note')} />
        <Group>
          <Button color="green.9" onClick={() => run('approve')} loading={decide.isPending}>{t('designation.approve')}</Button>
          <Button color="red" variant="light" onClick={() => run('reject')} loading={decide.isPending}>{t('designation.reject')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
