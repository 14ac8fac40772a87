import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('shell.language')}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(v) => v && void i18n.changeLanguage(v)}
      allowDeselect={false}
      w={110}
      size="xs"
    />
  );
}
