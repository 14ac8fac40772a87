import { IntlMessageFormat } from 'intl-messageformat';
import { DateTime } from 'luxon';

/**
 * The languages patients and care providers read their notifications and e-mails in
 * (spec/web.md "Languages"): English, the source, Korean, the staff desks' second language, and
 * the nine languages of the programme's patients. Tags are BCP 47, as Intl and luxon take them.
 */
export const MESSAGE_LOCALES = ['en', 'ko', 'ja', 'zh-Hans', 'zh-Hant', 'ru', 'mn', 'kk', 'vi', 'th', 'ar'] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];
export const SOURCE_LOCALE: MessageLocale = 'en';

/** Zones whose Chinese readers write traditional characters; ISO 639-1 has one code, `zh`, for both. */
const TRADITIONAL_CHINESE_ZONES = new Set(['Asia/Taipei', 'Asia/Hong_Kong', 'Asia/Macau']);

/**
 * The locale of a reader who prefers these languages (ISO 639-1, preferred first): the first of
 * them that has a catalogue, else English. Chinese is simplified unless the reader lives where
 * traditional characters are written (their zone says so).
 */
export function localeOf(languages: readonly string[] | null | undefined, timezone?: string | null): MessageLocale {
  for (const code of languages ?? []) {
    const tag = code.toLowerCase();
    if (tag === 'zh') return timezone && TRADITIONAL_CHINESE_ZONES.has(timezone) ? 'zh-Hant' : 'zh-Hans';
    const known = MESSAGE_LOCALES.find((l) => l === tag);
    if (known) return known;
  }
  return SOURCE_LOCALE;
}

/** Arabic is written right to left. */
export const directionOf = (locale: MessageLocale): 'ltr' | 'rtl' => (locale === 'ar' ? 'rtl' : 'ltr');

/** Who reads a text: the language it is written in and the zone its times are named in. */
export interface Reader {
  locale: MessageLocale;
  zone: string;
}

/** Staff read English in Korea's time (the staff desks' Korean is the console's, not their mail's). */
export const STAFF_READER: Reader = { locale: 'en', zone: 'Asia/Seoul' };

/**
 * An instant as its reader reads it, in their zone and language. English keeps the house forms:
 * short "24 Nov 2026, 10:00 KST" (elsewhere "24 Nov 2026, 10:00 (Asia/Almaty)"), long
 * "12 March 2027 at 20:00 (America/New_York)"; other languages take their own date order and
 * words from Intl, with the zone's IANA name.
 */
export function instantIn(at: Date | string, reader: Reader, style: 'short' | 'long' = 'short'): string {
  const dt = (typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at)).setZone(reader.zone).setLocale(reader.locale);
  if (reader.locale === 'en') {
    if (style === 'long') return `${dt.toFormat('d LLLL yyyy')} at ${dt.toFormat('HH:mm')} (${reader.zone})`;
    return reader.zone === 'Asia/Seoul' ? dt.toFormat("d LLL yyyy, HH:mm 'KST'") : `${dt.toFormat('d LLL yyyy, HH:mm')} (${reader.zone})`;
  }
  return `${dt.toLocaleString({ year: 'numeric', month: style === 'long' ? 'long' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} (${reader.zone})`;
}

/** A calendar date ("2027-12-31") in the reader's language. */
export function dateIn(isoDate: string, reader: Reader): string {
  const dt = DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale(reader.locale);
  return reader.locale === 'en' ? isoDate : dt.toLocaleString(DateTime.DATE_MED);
}

export type Catalogue<K extends string> = Readonly<Record<K, string>>;
export type Catalogues<K extends string> = Readonly<Record<MessageLocale, Catalogue<K>>>;
export type MessageArgs = Record<string, string | number>;

/**
 * ICU MessageFormat catalogues of one module, English the source: `format(locale, key, args)`
 * renders a message, each parsed once. A key missing from a catalogue falls back to English
 * (the catalogue test keeps that from happening).
 */
export class MessageCatalogue<K extends string> {
  private readonly parsed = new Map<string, IntlMessageFormat>();

  constructor(readonly catalogues: Catalogues<K>) {}

  format(locale: MessageLocale, key: K, args: MessageArgs = {}): string {
    const id = `${locale}\u0000${key}`;
    let message = this.parsed.get(id);
    if (!message) {
      const source = this.catalogues[locale]?.[key] ?? this.catalogues.en[key];
      message = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
      this.parsed.set(id, message);
    }
    return String(message.format(args));
  }

  /** The same, bound to one reader's language. */
  for(locale: MessageLocale): (key: K, args?: MessageArgs) => string {
    return (key, args) => this.format(locale, key, args);
  }
}

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** The names a message takes, with the kind of each (argument, number, date, select, plural…), from its parsed form. */
export function messageArguments(source: string, locale: MessageLocale): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (nodes: AstNode[]) => {
    for (const n of nodes) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (@formatjs/icu-messageformat-parser's TYPE).
      if (n.type >= 1 && n.type <= 6 && typeof n.value === 'string') found.set(n.value, n.type);
      for (const option of Object.values(n.options ?? {})) walk(option.value);
      if (n.children) walk(n.children);
    }
  };
  walk(new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }).getAst() as unknown as AstNode[]);
  return found;
}

const KINDS = ['', '', 'number', 'date', 'time', 'select', 'plural'];
const signature = (args: Map<string, number>) => [...args].map(([name, kind]) => (KINDS[kind] ? `${name}:${KINDS[kind]}` : name)).sort().join(',');

/**
 * What is wrong with a module's catalogues: a language missing, a key missing or extra, a
 * message that does not parse, or one that takes other arguments than its English source.
 * Empty when every language says every message with the same arguments.
 */
export function catalogueProblems(catalogues: Partial<Record<MessageLocale, Record<string, string>>>): string[] {
  const problems: string[] = [];
  const en = catalogues.en ?? {};
  for (const locale of MESSAGE_LOCALES) {
    const c = catalogues[locale];
    if (!c) {
      problems.push(`${locale}: no catalogue`);
      continue;
    }
    for (const key of Object.keys(c)) if (!(key in en)) problems.push(`${locale}.${key}: not in English`);
    for (const key of Object.keys(en)) {
      if (!(key in c)) {
        problems.push(`${locale}.${key}: missing`);
        continue;
      }
      try {
        const want = signature(messageArguments(en[key], 'en'));
        const got = signature(messageArguments(c[key], locale));
        if (want !== got) problems.push(`${locale}.${key}: takes {${got}}, English takes {${want}}`);
        if (c[key] === '') problems.push(`${locale}.${key}: empty`);
      } catch (e) {
        problems.push(`${locale}.${key}: does not parse (${(e as Error).message})`);
      }
    }
  }
  return problems;
}
