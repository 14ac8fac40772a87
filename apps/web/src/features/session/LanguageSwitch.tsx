import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, languagesFor, type LanguageCode } from '../../i18n';
import { useSession } from './useSession';

/** On every page: staff choose English or Korean; patients, care providers and the signed-out every language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const offered = languagesFor(session?.user.role ?? null);
  return (
    <Select
      aria-label={t('shell.language')}
      data={offered.map((l) => ({ value: l.code, label: l.label }))}
      value={offered.find((l) => l.code === i18n.resolvedLanguage)?.code ?? 'en'}
      onChange={(v) => v && chooseLanguage(v as LanguageCode)}
      allowDeselect={false}
      w={130}
      size="xs"
    />
  );
}
