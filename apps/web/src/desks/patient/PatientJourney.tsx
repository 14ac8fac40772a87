import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { JourneyView } from '../../features/journey/JourneyView';
import { useSession } from '../../features/session/useSession';

export function PatientJourney() {
  const { t } = useTranslation();
  const { user } = useSession()!;
  return (
    <Stack>
      <Title order={2}>{t('journey.title')}</Title>
      {user.patientId && <JourneyView patientId={user.patientId} />}
    </Stack>
  );
}
