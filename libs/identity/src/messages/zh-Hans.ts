import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const zhHans: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': '您的 MedJourney 账户',
  'accountCreated.text': '{name}，您好：\n\n已为您创建了 MedJourney 账户。\n',
  'accountDeactivated.subject': '您的 MedJourney 账户已停用',
  'accountDeactivated.text': '{name}，您好：\n\n您的 MedJourney 账户已被停用。如有疑问，请联系您的管理员。\n',
  'alreadyRegistered.subject': '有人请求用您的地址注册 MedJourney',
  'alreadyRegistered.text': '{name}，您好：\n\n有人（也许是您本人）请求用此地址注册 MedJourney。该地址已有账户：请在 {signIn} 用您的密码登录。如果不是您本人，任何内容都没有改变，您无需采取任何行动。\n',
  'verifyEmail.subject': '请确认您在 MedJourney 的电子邮件地址',
  'verifyEmail.text': '{name}，您好：\n\n要完成 MedJourney 注册，请在 24 小时内打开以下链接：\n\n{link}\n\n如果您没有注册，请忽略此邮件：不打开链接就不会创建账户。\n',
  'passwordReset.subject': '重置您的 MedJourney 密码',
  'passwordReset.text': '{name}，您好：\n\n有人（也许是您本人）请求重置您 MedJourney 账户的密码。要设置新密码，请在一小时内打开以下链接（仅可使用一次）：\n\n{link}\n\n设置新密码后，所有已登录您账户的设备都将退出登录。如果不是您本人请求，请忽略此邮件：您的密码保持不变。\n',
  'invitation.subject': '您受邀使用 MedJourney',
  'invitation.text': '{name}，您好：\n\n已为您开通 MedJourney 账户。请通过以下链接设置密码（14 天内有效，仅限一次）：\n\n{link}\n\n请勿转发：任何持有此链接的人都可以设置您的密码。\n',
};
