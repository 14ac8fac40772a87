import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const zhHans: Catalogue<LetterKey> = {
  'what.patient': '您与{hospital}的{clinician}医生的复诊视频预约',
  'what.clinician': '您与{patient}的复诊视频会诊',
  'what.interpreter': '由您担任翻译的{patient}与{hospital}的{clinician}医生的复诊视频预约',
  'what.local_clinician': '与{hospital}的{clinician}医生就您的患者{patient}进行的视频会诊',
  join: '请提前几分钟进入视频诊室：{room}',
  'booked.subject': '复诊视频预约：{when}',
  'booked.text': '{name}，您好：\n\n{what}已预约在 {when}。\n\n{join}\n\n附件中的邀请可将其添加到您的日历。\n',
  'rescheduled.subject': '复诊视频预约已改到 {when}',
  'rescheduled.text': '{name}，您好：\n\n{what}已从 {previous} 改到 {when}。\n\n{join}\n\n附件中的邀请会更新您的日历。\n',
  'rescheduled.textWithoutPrevious': '{name}，您好：\n\n{what}已改到 {when}。\n\n{join}\n\n附件中的邀请会更新您的日历。\n',
  'cancelled.subject': '已取消：{when} 的复诊视频预约',
  'cancelled.text': '{name}，您好：\n\n{when} 的{what}已取消。\n\n附件中的取消通知会将其从您的日历中删除。\n',
  'reminder.subject': '{lead, select, day {24 小时后} other {1 小时后}}有复诊视频会诊：{when}',
  'reminder.text': '{name}，您好：\n\n{what}将于{lead, select, day {24 小时后} other {1 小时后}}，即 {when} 开始。\n\n{join}\n',
};
