import { MessageCatalogue } from '@medjourney/platform';
import { ar } from './ar.js';
import { en, type LetterKey } from './en.js';
import { ja } from './ja.js';
import { kk } from './kk.js';
import { ko } from './ko.js';
import { mn } from './mn.js';
import { ru } from './ru.js';
import { th } from './th.js';
import { vi } from './vi.js';
import { zhHans } from './zh-Hans.js';
import { zhHant } from './zh-Hant.js';

export type { LetterKey };

/** The appointment e-mails' catalogues, one per language of MESSAGE_LOCALES. */
export const APPOINTMENT_LETTERS = new MessageCatalogue<LetterKey>({ en, ko, ja, 'zh-Hans': zhHans, 'zh-Hant': zhHant, ru, mn, kk, vi, th, ar });
