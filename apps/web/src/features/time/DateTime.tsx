import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, useTimeZone } from './time';

/** An instant in the viewer's zone, with the zone's name; the machine-readable value in <time>. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const zone = useTimeZone();
  const { i18n } = useTranslation();
  return value ? <time dateTime={value}>{formatDateTime(value, zone, i18n.language)}</time> : <>—</>;
}

export function CalendarDate({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  return value ? <time dateTime={value}>{formatDate(value, i18n.language)}</time> : <>—</>;
}

/** The zone every time on the page is shown in, said once. */
export function ZoneNote() {
  const zone = useTimeZone();
  const { t } = useTranslation();
  return <>{t('time.zoneNote', { zone })}</>;
}
