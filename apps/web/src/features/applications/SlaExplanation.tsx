import { Alert, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { formatDuration } from '../time/time';
import { DateTime } from '../time/DateTime';
import { useSlaExplanation } from './queries';

/** The processing clock explained (GET …/sla): when it ran, when it stood and why, and its stages. */
export function SlaExplanation({ id }: { id: string }) {
  const { t } = useTranslation();
  const sla = useSlaExplanation(id, true);
  if (sla.isError) return sla.error instanceof ApiProblem && sla.error.status === 403 ? null : <Alert color="red">{sla.error.message}</Alert>;
  if (!sla.data) return null;
  const x = sla.data;
  return (
    <section aria-labelledby="sla-heading">
      <Title order={3} id="sla-heading" mb="xs">{t('sla.explained')}</Title>
      <Text size="sm" mb="xs">
        {t('sla.summary', { target: x.target, calendar: t(`sla.calendar.${x.calendar}`), zone: x.timeZone, counted: formatDuration(x.sla?.countedSeconds ?? 0, t), remaining: formatDuration(x.sla?.remainingSeconds ?? 0, t) })}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('sla.segment')}</Table.Th><Table.Th>{t('sla.from')}</Table.Th><Table.Th>{t('sla.to')}</Table.Th><Table.Th>{t('sla.counted')}</Table.Th><Table.Th>{t('sla.cause')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {x.segments.map((s, i) => (
              <Table.Tr key={i}>
                <Table.Td>{t(`sla.kind.${s.kind}`)}</Table.Td>
                <Table.Td><DateTime value={s.from} /></Table.Td>
                <Table.Td>{s.to ? <DateTime value={s.to} /> : t('sla.now')}</Table.Td>
                <Table.Td>{formatDuration(s.countedSeconds, t)}</Table.Td>
                <Table.Td>{[s.startedBy?.action, s.endedBy?.action].filter(Boolean).join(' → ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Table.ScrollContainer minWidth={500}>
        <Table mt="sm">
          <Table.Thead><Table.Tr><Table.Th>{t('sla.stage')}</Table.Th><Table.Th>{t('sla.share')}</Table.Th><Table.Th>{t('sla.stageStatus')}</Table.Th><Table.Th>{t('sla.due')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {x.stages.map((s) => (
              <Table.Tr key={s.stage}>
                <Table.Td>{t(`sla.stages.${s.stage}`)}</Table.Td>
                <Table.Td>{Math.round(s.share * 100)} %</Table.Td>
                <Table.Td>{t(`sla.stageStatuses.${s.status}`)}{s.firedAt ? ' · ' : ''}{s.firedAt && <DateTime value={s.firedAt} />}</Table.Td>
                <Table.Td><DateTime value={s.dueAt} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
