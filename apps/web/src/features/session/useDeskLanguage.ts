import { useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/session';
import { directionOf, explicitLanguage, languageFromIso, languagesFor } from '../../i18n';

/**
 * The language a desk opens in: the one chosen with the switch on this device, else the first of
 * `preferred` (ISO 639-1, the user's record's order) the role's desk offers, else the language
 * already shown when the desk offers it, else English.
 */
export function useDeskLanguage(role: Role, preferred: readonly string[] | undefined): void {
  const { i18n } = useTranslation();
  const key = preferred?.join() ?? '';
  useEffect(() => {
    const offered: readonly string[] = languagesFor(role).map((l) => l.code);
    const explicit = explicitLanguage();
    const fromRecord = (preferred ?? []).map(languageFromIso).find((c) => c !== null && offered.includes(c));
    const current = i18n.resolvedLanguage ?? 'en';
    const target = (explicit && offered.includes(explicit) ? explicit : null) ?? fromRecord ?? (offered.includes(current) ? current : 'en');
    if (target !== current) void i18n.changeLanguage(target);
  }, [role, key, i18n]); // `key` stands for `preferred`, whose array is new on every render.
}

/** Mantine's direction (its RTL styles) follows the language, as <html dir> does. */
export function useLanguageDirection(): void {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const dir = directionOf(i18n.resolvedLanguage ?? 'en');
  useEffect(() => setDirection(dir), [dir, setDirection]);
}
