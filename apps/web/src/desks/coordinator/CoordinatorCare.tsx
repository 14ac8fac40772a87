import { Alert, Button, Card, List, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, idempotencyKey, type Schemas } from '../../api/client';
import { CareActions } from '../../features/care/CareActions';
import { CareAssignmentList } from '../../features/care/CareAssignmentList';
import { SPECIALTIES } from '../../features/hospitals/vocabulary';
import { fieldErrors, flat, useAction } from '../../features/problems/problems';
import { useSession } from '../../features/session/useSession';
import { fromLocalInput, useTimeZone } from '../../features/time/time';
import { useHospitalPatients } from './useHospitalPatients';

type Match = Schemas['MatchDto'];
type Kind = 'interpreter' | 'caregiver';
const EXCLUSIONS = ['inactive', 'language', 'certification', 'availability', 'booked', 'weeklyHours'] as const;

/** Care matching: ask for the best providers, see why the others were left out, book one; the bookings and their answers. */
export function CoordinatorCare() {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const zone = useTimeZone();
  const [match, setMatch] = useState<{ result: Match; request: { patientId: string; kind: Kind; start: string; end: string; language?: string } } | null>(null);
  const patientOptions = useHospitalPatients();
  const form = useForm<{ patientId: string; kind: Kind; language: string; specialty: string; start: string; end: string; requireCertified: boolean }>({
    initialValues: { patientId: '', kind: 'interpreter', language: '', specialty: '', start: '', end: '', requireCertified: false },
  });
  const find = useAction((v: typeof form.values) => call(api.POST('/api/v1/matches', { body: {
    kind: v.kind, patientId: v.patientId || undefined, language: v.language || undefined, specialty: (v.specialty || undefined) as Schemas['MatchRequestDto']['specialty'],
    hospitalId: user.hospitalId ?? undefined, start: fromLocalInput(v.start), end: fromLocalInput(v.end), requireCertified: v.requireCertified,
  } })), {
    onSuccess: (result) => setMatch({ result, request: { patientId: form.values.patientId, kind: form.values.kind, start: fromLocalInput(form.values.start), end: fromLocalInput(form.values.end), language: form.values.language || undefined } }),
  });

  return (
    <Stack>
      <Title order={2}>{t('matching.title')}</Title>
      <Card withBorder>
        <form onSubmit={form.onSubmit((v) => find.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in flat(form.values)).byField) }))}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Select label={t('matching.patient')} data={patientOptions} searchable required {...form.getInputProps('patientId')} />
            <Select label={t('matching.kind')} data={(['interpreter', 'caregiver'] as const).map((k) => ({ value: k, label: t(`care.kind.${k}`) }))} allowDeselect={false} {...form.getInputProps('kind')} />
            <TextInput label={t('matching.language')} description={t('matching.languageHint')} {...form.getInputProps('language')} />
            <Select label={t('newApp.specialty')} clearable data={SPECIALTIES.map((s) => ({ value: s, label: t(`specialty.${s}`) }))} {...form.getInputProps('specialty')} />
            <TextInput type="datetime-local" label={t('matching.start', { zone })} required {...form.getInputProps('start')} />
            <TextInput type="datetime-local" label={t('matching.end', { zone })} required {...form.getInputProps('end')} />
            <Switch label={t('matching.certified')} {...form.getInputProps('requireCertified', { type: 'checkbox' })} />
          </SimpleGrid>
          <Button type="submit" mt="md" loading={find.isPending}>{t('matching.find')}</Button>
        </form>
      </Card>
      {match && <MatchResult match={match.result} request={match.request} />}
      <Title order={3}>{t('matching.bookings')}</Title>
      <CareAssignmentList actions={(a) => <CareActions assignment={a} />} />
    </Stack>
  );
}

function MatchResult({ match, request }: { match: Match; request: { patientId: string; kind: Kind; start: string; end: string; language?: string } }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const [key] = useState(idempotencyKey);
  const book = useAction((providerId: string) => call(api.POST('/api/v1/care-assignments', {
    params: { header: { 'Idempotency-Key': `${key}-${providerId}` } },
    body: { providerId, patientId: request.patientId, hospitalId: user.hospitalId!, start: request.start, end: request.end, kind: request.kind, matchId: match.matchId, language: request.language },
  })), { success: t('matching.booked') });
  const excluded = EXCLUSIONS.filter((k) => match.excluded[k] > 0);
  return (
    <Card withBorder>
      <Title order={3} size="h4">{t('matching.candidates', { count: match.candidates.length })}</Title>
      {match.candidates.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped mt="xs">
            <Table.Thead><Table.Tr><Table.Th>{t('matching.name')}</Table.Th><Table.Th>{t('matching.score')}</Table.Th><Table.Th>{t('matching.breakdown')}</Table.Th><Table.Th>{t('actions.group')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {match.candidates.map((c) => (
                <Table.Tr key={c.providerId}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{c.score}</Table.Td>
                  <Table.Td><Text size="xs">{Object.entries(c.breakdown).map(([k, v]) => `${t(`matching.part.${k}`, k)} ${v}`).join(' · ')}</Text></Table.Td>
                  <Table.Td><Button size="xs" onClick={() => book.mutate(c.providerId)} loading={book.isPending && book.variables === c.providerId}>{t('matching.book', { name: c.name })}</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={4} size="h5" mt="md">{t('matching.excludedTitle')}</Title>
      {excluded.length === 0 ? <Text size="sm">{t('matching.noneExcluded')}</Text> : (
        <List size="sm" aria-label={t('matching.excludedTitle')}>
          {excluded.map((k) => <List.Item key={k}>{t(`matching.excluded.${k}`, { count: match.excluded[k] })}</List.Item>)}
        </List>
      )}
      {book.isError && <Alert color="red" mt="sm">{t('problems.failed')}</Alert>}
    </Card>
  );
}
