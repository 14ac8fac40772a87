import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOURS, type Application } from './labels';

export function StatusBadge({ status }: { status: Application['status'] }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOURS[status]} variant="filled">{t(`status.${status}`)}</Badge>;
}
