import { Alert, Badge, Card, List, Loader, Stack, Stepper, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { describeProblem } from '../problems/problems';
import { DateTime, ZoneNote } from '../time/DateTime';

const STAGES = ['planning', 'visa_pending', 'visa_issued', 'in_korea', 'in_treatment', 'discharged', 'returned', 'follow_up'] as const;

export function useJourney(patientId: string | null | undefined) {
  return useQuery({
    queryKey: ['journey', patientId],
    queryFn: () => call(api.GET('/api/v1/patients/{id}/journey', { params: { path: { id: patientId! } } })),
    enabled: !!patientId,
  });
}

/** A patient's journey: where they are, what comes next, and what has happened. */
export function JourneyView({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const journey = useJourney(patientId);
  if (journey.isPending) return <Loader aria-label={t('common.loading')} />;
  if (journey.isError) return <Alert color="red">{describeProblem(journey.error)}</Alert>;
  const j = journey.data;
  const at = STAGES.indexOf(j.stage);
  return (
    <Stack>
      <Card withBorder>
        <Text size="sm" c="dimmed">{t('journey.stage')}</Text>
        <Title order={3}><Badge size="lg" variant="filled" color="indigo.9">{t(`journey.stages.${j.stage}`)}</Badge></Title>
        <Stepper active={at} size="xs" mt="sm" orientation="vertical" aria-label={t('journey.stages.label')} allowNextStepsSelect={false}>
          {STAGES.map((s) => <Stepper.Step key={s} label={t(`journey.stages.${s}`)} />)}
        </Stepper>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4">{t('journey.nextSteps')}</Title>
        {j.nextSteps.length ? <List mt="xs">{j.nextSteps.map((s, i) => <List.Item key={i}>{s}</List.Item>)}</List> : <Text c="dimmed">{t('common.none')}</Text>}
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">{t('journey.timeline')}</Title>
        <Timeline active={j.entries.length - 1} bulletSize={14} lineWidth={2}>
          {j.entries.map((e, i) => (
            <Timeline.Item key={i} title={t(`journey.type.${e.type}`, e.type)}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{e.summary}</Text>
              <Text size="xs" c="dimmed"><DateTime value={e.at} /></Text>
            </Timeline.Item>
          ))}
        </Timeline>
        <Text size="xs" c="dimmed" mt="sm"><ZoneNote /></Text>
      </Card>
    </Stack>
  );
}
