import { Alert, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, call } from '../../api/client';
import { describeProblem } from '../problems/problems';
import { DateTime, ZoneNote } from '../time/DateTime';
import { CareActions } from './CareActions';
import { CareStatusBadge } from './CareAssignmentList';

/** One care assignment, where a notification's link lands. */
export function CareAssignmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const a = useQuery({ queryKey: ['care-assignment', id], queryFn: () => call(api.GET('/api/v1/care-assignments/{id}', { params: { path: { id } } })) });
  if (a.isPending) return <Loader aria-label={t('common.loading')} />;
  if (a.isError) return <Alert color="red">{describeProblem(a.error)}</Alert>;
  const x = a.data;
  return (
    <Stack>
      <Title order={2}>{t('care.assignment', { kind: t(`care.kind.${x.kind}`) })}</Title>
      <Card withBorder>
        <Group><CareStatusBadge status={x.status} /></Group>
        <Text mt="xs"><DateTime value={x.start} /> – <DateTime value={x.end} /></Text>
        {x.respondBy && <Text size="sm">{t('care.respondBy')}: <DateTime value={x.respondBy} /></Text>}
        {x.rating && <Text size="sm">{t('care.rating')}: {x.rating} / 5 {x.comment ? `· ${x.comment}` : ''}</Text>}
        <Stack mt="sm"><CareActions assignment={x} /></Stack>
      </Card>
      <ZoneNote />
    </Stack>
  );
}
