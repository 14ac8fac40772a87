import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const ja: Catalogue<LetterKey> = {
  'what.patient': '{hospital} の {clinician} 先生とのフォローアップのビデオ診療',
  'what.clinician': '{patient} さんとのフォローアップのビデオ診察',
  'what.interpreter': 'あなたが通訳する、{patient} さんと {hospital} の {clinician} 先生とのフォローアップのビデオ診療',
  'what.local_clinician': 'あなたの患者 {patient} さんについての、{hospital} の {clinician} 先生とのビデオ診察',
  join: '数分前にビデオルームに入室してください：{room}',
  'booked.subject': 'フォローアップのビデオ診療：{when}',
  'booked.text': '{name} 様\n\n{what}は {when} に予約されました。\n\n{join}\n\n添付の招待状でカレンダーに追加できます。\n',
  'rescheduled.subject': 'フォローアップのビデオ診療の日時変更：{when}',
  'rescheduled.text': '{name} 様\n\n{what}は {previous} から {when} に変更されました。\n\n{join}\n\n添付の招待状でカレンダーが更新されます。\n',
  'rescheduled.textWithoutPrevious': '{name} 様\n\n{what}は {when} に変更されました。\n\n{join}\n\n添付の招待状でカレンダーが更新されます。\n',
  'cancelled.subject': '取り消し：{when} のフォローアップのビデオ診療',
  'cancelled.text': '{name} 様\n\n{when} の{what}は取り消されました。\n\n添付の取り消し通知でカレンダーから削除されます。\n',
  'reminder.subject': '{lead, select, day {24時間後} other {1時間後}}にフォローアップのビデオ診察：{when}',
  'reminder.text': '{name} 様\n\n{what}は{lead, select, day {24時間後} other {1時間後}}、{when} に始まります。\n\n{join}\n',
};
