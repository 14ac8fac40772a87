import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const zhHant: Catalogue<LetterKey> = {
  'what.patient': '您與{hospital}的{clinician}醫師的回診視訊預約',
  'what.clinician': '您與{patient}的回診視訊會診',
  'what.interpreter': '由您擔任口譯的{patient}與{hospital}的{clinician}醫師的回診視訊預約',
  'what.local_clinician': '與{hospital}的{clinician}醫師就您的病患{patient}進行的視訊會診',
  join: '請提前幾分鐘進入視訊診間：{room}',
  'booked.subject': '回診視訊預約：{when}',
  'booked.text': '{name}，您好：\n\n{what}已預約在 {when}。\n\n{join}\n\n附件中的邀請可將其加入您的行事曆。\n',
  'rescheduled.subject': '回診視訊預約已改到 {when}',
  'rescheduled.text': '{name}，您好：\n\n{what}已從 {previous} 改到 {when}。\n\n{join}\n\n附件中的邀請會更新您的行事曆。\n',
  'rescheduled.textWithoutPrevious': '{name}，您好：\n\n{what}已改到 {when}。\n\n{join}\n\n附件中的邀請會更新您的行事曆。\n',
  'cancelled.subject': '已取消：{when} 的回診視訊預約',
  'cancelled.text': '{name}，您好：\n\n{when} 的{what}已取消。\n\n附件中的取消通知會將其從您的行事曆中刪除。\n',
  'reminder.subject': '{lead, select, day {24 小時後} other {1 小時後}}有回診視訊會診：{when}',
  'reminder.text': '{name}，您好：\n\n{what}將於{lead, select, day {24 小時後} other {1 小時後}}，即 {when} 開始。\n\n{join}\n',
};
