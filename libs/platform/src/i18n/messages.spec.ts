import { describe, expect, it } from '@jest/globals';
import { catalogueProblems, instantIn, localeOf, MESSAGE_LOCALES, MessageCatalogue, messageArguments, type Catalogues } from './messages.js';

describe('localeOf', () => {
  it.each([
    [['ru', 'kk'], null, 'ru'],
    [['kk', 'ru'], 'Asia/Almaty', 'kk'],
    [['uz', 'ru'], null, 'ru'],
    [['uz'], null, 'en'],
    [[], null, 'en'],
    [['zh'], 'Asia/Shanghai', 'zh-Hans'],
    [['zh'], 'Asia/Taipei', 'zh-Hant'],
    [['zh'], null, 'zh-Hans'],
    [['AR'], null, 'ar'],
  ] as const)('%j in %s reads %s', (languages, zone, locale) => {
    expect(localeOf(languages, zone)).toBe(locale);
  });
});

describe('instantIn', () => {
  const at = '2026-11-24T01:00:00.000Z';
  it('keeps the English house forms', () => {
    expect(instantIn(at, { locale: 'en', zone: 'Asia/Seoul' })).toBe('24 Nov 2026, 10:00 KST');
    expect(instantIn(at, { locale: 'en', zone: 'Asia/Almaty' })).toBe('24 Nov 2026, 06:00 (Asia/Almaty)');
    expect(instantIn(at, { locale: 'en', zone: 'America/New_York' }, 'long')).toBe('23 November 2026 at 20:00 (America/New_York)');
  });
  it("names the time in the reader's zone and language", () => {
    expect(instantIn(at, { locale: 'ru', zone: 'Asia/Almaty' })).toMatch(/^24 нояб\.? 2026.*06:00 \(Asia\/Almaty\)$/);
    expect(instantIn(at, { locale: 'ja', zone: 'Asia/Tokyo' }, 'long')).toBe('2026年11月24日 10:00 (Asia/Tokyo)');
  });
});

describe('MessageCatalogue', () => {
  const en = { hello: 'Hello {name}, {n, plural, one {# day} other {# days}} left' };
  const catalogues = Object.fromEntries(MESSAGE_LOCALES.map((l) => [l, en])) as unknown as Catalogues<'hello'>;
  it('formats a message with its plural rules', () => {
    const c = new MessageCatalogue({ ...catalogues, ru: { hello: 'Здравствуйте, {name}: {n, plural, one {остался # день} few {осталось # дня} many {осталось # дней} other {осталось # дня}}' } });
    expect(c.format('en', 'hello', { name: 'Ana', n: 1 })).toBe('Hello Ana, 1 day left');
    expect(c.format('ru', 'hello', { name: 'Аня', n: 5 })).toBe('Здравствуйте, Аня: осталось 5 дней');
  });

  it('finds the arguments a message takes, inside plurals and selects', () => {
    expect([...messageArguments('{a} {b, select, x {{c}} other {}} {n, plural, other {# {d}}}', 'en').keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'n']);
  });

  it('reports missing and extra keys, wrong arguments and messages that do not parse', () => {
    const broken = { ...catalogues, ja: { hello: '{name} {n}' , extra: 'x' }, ko: {}, th: { hello: '{name' } } as unknown as Record<string, Record<string, string>>;
    expect(catalogueProblems(broken).sort()).toEqual([
      'ja.extra: not in English',
      'ja.hello: takes {n,name}, English takes {n:plural,name}',
      'ko.hello: missing',
      'th.hello: does not parse (EXPECT_ARGUMENT_CLOSING_BRACE)',
    ]);
    expect(catalogueProblems(catalogues as unknown as Record<string, Record<string, string>>)).toEqual([]);
  });
});
