import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CareActions } from '../../features/care/CareActions';
import { CareAssignmentList } from '../../features/care/CareAssignmentList';
import { ZoneNote } from '../../features/time/DateTime';

/** Offers waiting for an answer first, then the assignments confirmed and done. */
export function CareOffers() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('careDesk.offers')}</Title>
      <Text size="sm">{t('careDesk.offersHint')}</Text>
      <CareAssignmentList status="pending" actions={(a) => <CareActions assignment={a} />} />
      <Title order={2} mt="md">{t('careDesk.assignments')}</Title>
      <CareAssignmentList status="confirmed" />
      <Title order={3} mt="md">{t('care.status.completed')}</Title>
      <CareAssignmentList status="completed" />
      <Text size="xs" c="dimmed"><ZoneNote /></Text>
    </Stack>
  );
}
