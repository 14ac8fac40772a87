import { Alert, Anchor, Badge, Breadcrumbs, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { download } from '../../api/upload';
import { useSession } from '../session/useSession';
import { Countdown, SlaBadge } from '../sla/SlaState';
import { CalendarDate, DateTime, ZoneNote } from '../time/DateTime';
import { describeProblem } from '../problems/problems';
import { ApplicationActions } from './ApplicationActions';
import { DocumentsPanel } from './DocumentsPanel';
import { HistoryList } from './HistoryList';
import { personName } from './labels';
import { useApplication } from './queries';
import { SlaExplanation } from './SlaExplanation';
import { StatusBadge } from './StatusBadge';

/** One visa application, for every role that may read it; what each may do is in ApplicationActions. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession()!;
  const role = session.user.role;
  const app = useApplication(id);

  if (app.isPending) return <Loader aria-label={t('common.loading')} />;
  if (app.isError) return <Alert color="red" title={t('application.unreadable')}>{describeProblem(app.error)}</Alert>;
  const a = app.data;
  const staff = role === 'officer' || role === 'supervisor' || role === 'hospital_coordinator' || role === 'admin';

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/">{t('application.back')}</Anchor>
        <Text span>{a.reference}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{t('application.title', { reference: a.reference })}</Title>
          <Group gap="xs">
            <StatusBadge status={a.status} />
            <Text size="sm">{a.publicStatus}</Text>
          </Group>
        </Stack>
        {a.sla && (
          <Card withBorder padding="sm">
            <Text size="xs" c="dimmed">{t('sla.clock')}</Text>
            <Group gap="xs"><SlaBadge state={a.sla.state} /><Countdown dueAt={a.sla.dueAt} paused={a.sla.paused} /></Group>
            <Text size="xs">{t('sla.due')}: <DateTime value={a.sla.dueAt} /></Text>
          </Card>
        )}
      </Group>

      <ApplicationActions application={a} />

      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Fact label={t('application.category')} value={`${a.category} · ${t(`application.entries.${a.entries}`)}`} />
        <Fact label={t('application.track')} value={a.track ? t(`application.tracks.${a.track}`) : '—'} />
        <Fact label={t('application.stay')} value={<><CalendarDate value={a.stayFrom} /> – <CalendarDate value={a.stayUntil} /></>} />
        <Fact label={t('application.treatment')} value={`${a.treatment.specialty}: ${a.treatment.summary}`} />
        <Fact label={t('application.submitted')} value={<DateTime value={a.submittedAt} />} />
        <Fact label={t('application.decided')} value={<DateTime value={a.decidedAt} />} />
      </SimpleGrid>
      <Text size="xs" c="dimmed"><ZoneNote /></Text>

      {a.supplement && (
        <Alert color="orange" title={t('application.supplementTitle')}>
          <SupplementText supplement={a.supplement as Record<string, unknown>} persons={a.persons} />
        </Alert>
      )}

      <section aria-labelledby="persons-heading">
        <Title order={3} id="persons-heading" mb="xs">{t('application.persons')}</Title>
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('person.name')}</Table.Th><Table.Th>{t('person.role')}</Table.Th><Table.Th>{t('person.dateOfBirth')}</Table.Th>
                <Table.Th>{t('person.nationality')}</Table.Th><Table.Th>{t('person.passport')}</Table.Th><Table.Th>{t('person.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.persons.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{personName(p)}</Table.Td>
                  <Table.Td>{p.role === 'patient' ? t('person.patient') : t(`relationship.${p.relationship}`)}</Table.Td>
                  <Table.Td>{p.dateOfBirth}</Table.Td>
                  <Table.Td>{p.nationality}</Table.Td>
                  <Table.Td>{p.passportNumber}</Table.Td>
                  <Table.Td>
                    {p.outcome ? (
                      <Group gap="xs">
                        <Badge color={p.outcome === 'approve' ? 'green.9' : 'red.9'} variant="filled">{t(`decision.${p.outcome}`)}</Badge>
                        {p.reasonCode && <Text size="xs">{t(`reason.${p.reasonCode}`)}</Text>}
                        {p.outcome === 'approve' && a.status === 'approved' && (
                          <Anchor component="button" type="button" size="sm" onClick={() => void download(`/api/v1/visa-applications/${a.id}/persons/${p.id}/visa.pdf`, `visa-${a.reference}-${p.surname}.pdf`)}>
                            {t('application.grantNotice', { name: personName(p) })}
                          </Anchor>
                        )}
                      </Group>
                    ) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>

      <DocumentsPanel application={a} />
      {staff && a.submittedAt && <SlaExplanation id={a.id} />}
      <HistoryList id={a.id} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function SupplementText({ supplement, persons }: { supplement: Record<string, unknown>; persons: { id: string; givenNames: string; surname: string }[] }) {
  const { t } = useTranslation();
  const items = (supplement.items as { personId?: string | null; documentType: string }[] | undefined) ?? [];
  return (
    <Stack gap={4}>
      {typeof supplement.reason === 'string' && <Text size="sm">{t('application.supplementReason')}: {supplement.reason}</Text>}
      <ul style={{ margin: 0 }}>
        {items.map((i, n) => {
          const person = persons.find((p) => p.id === i.personId);
          return <li key={n}><Text size="sm">{t(`document.${i.documentType}`)}{person ? ` — ${personName(person)}` : ''}</Text></li>;
        })}
      </ul>
      {typeof supplement.requestedAt === 'string' && <Text size="sm">{t('application.requestedAt')}: <DateTime value={supplement.requestedAt} /></Text>}
    </Stack>
  );
}
