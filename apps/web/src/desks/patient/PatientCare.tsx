import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CareAssignmentList } from '../../features/care/CareAssignmentList';

export function PatientCare() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('patient.care')}</Title>
      <CareAssignmentList />
    </Stack>
  );
}
