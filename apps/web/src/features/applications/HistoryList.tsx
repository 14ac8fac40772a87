import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../time/DateTime';
import { useHistory } from './queries';

export function HistoryList({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useHistory(id);
  return (
    <section aria-labelledby="history-heading">
      <Title order={3} id="history-heading" mb="xs">{t('history.title')}</Title>
      <Table.ScrollContainer minWidth={500}>
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('history.when')}</Table.Th><Table.Th>{t('history.action')}</Table.Th><Table.Th>{t('history.change')}</Table.Th><Table.Th>{t('history.by')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(history.data ?? []).map((h, i) => (
              <Table.Tr key={i}>
                <Table.Td><DateTime value={h.occurredAt} /></Table.Td>
                <Table.Td>{h.action}</Table.Td>
                <Table.Td>{h.fromStatus ? `${t(`status.${h.fromStatus}`, h.fromStatus)} → ` : ''}{t(`status.${h.toStatus}`, h.toStatus)}</Table.Td>
                <Table.Td>{t(`roles.${h.actorRole}`, h.actorRole ?? '')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
