import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { consolePath } from '../routes/routes';
import { useSession } from '../session/useSession';
import { Countdown, SlaBadge } from '../sla/SlaState';
import { DateTime } from '../time/DateTime';
import { personName, type Application } from './labels';
import { StatusBadge } from './StatusBadge';

/** A list of applications: reference (a link), patient, status, and the clock in colour and words. */
export function ApplicationTable({ items, caption }: { items: Application[]; caption: string }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  if (!items.length) return <Text c="dimmed">{t('common.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('queue.reference')}</Table.Th><Table.Th>{t('queue.patient')}</Table.Th><Table.Th>{t('queue.persons')}</Table.Th>
            <Table.Th>{t('queue.status')}</Table.Th><Table.Th>{t('queue.clock')}</Table.Th><Table.Th>{t('queue.timeLeft')}</Table.Th><Table.Th>{t('queue.due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => {
            const patient = a.persons.find((p) => p.role === 'patient') ?? a.persons[0];
            return (
              <Table.Tr key={a.id}>
                <Table.Td><Anchor component={Link} to={consolePath({ page: 'application', id: a.id }, user.role)}>{a.reference}</Anchor></Table.Td>
                <Table.Td>{patient ? personName(patient) : '—'}</Table.Td>
                <Table.Td>{a.persons.length}</Table.Td>
                <Table.Td><StatusBadge status={a.status} /></Table.Td>
                <Table.Td><SlaBadge state={a.sla?.state} /></Table.Td>
                <Table.Td>{a.sla && !['met', 'stopped'].includes(a.sla.state) ? <Countdown dueAt={a.dueAt} paused={a.sla.paused} /> : '—'}</Table.Td>
                <Table.Td><DateTime value={a.dueAt} /></Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
