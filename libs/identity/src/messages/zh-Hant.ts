import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const zhHant: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': '您的 MedJourney 帳戶',
  'accountCreated.text': '{name}，您好：\n\n已為您建立 MedJourney 帳戶。\n',
  'accountDeactivated.subject': '您的 MedJourney 帳戶已停用',
  'accountDeactivated.text': '{name}，您好：\n\n您的 MedJourney 帳戶已被停用。如有疑問，請聯絡您的管理員。\n',
  'alreadyRegistered.subject': '有人要求以您的地址註冊 MedJourney',
  'alreadyRegistered.text': '{name}，您好：\n\n有人（也許是您本人）要求以此地址註冊 MedJourney。此地址已有帳戶：請在 {signIn} 以您的密碼登入。如果不是您本人，任何內容都沒有變更，您無需採取任何行動。\n',
  'verifyEmail.subject': '請確認您在 MedJourney 的電子郵件地址',
  'verifyEmail.text': '{name}，您好：\n\n要完成 MedJourney 註冊，請在 24 小時內開啟以下連結：\n\n{link}\n\n如果您沒有註冊，請忽略此郵件：不開啟連結就不會建立帳戶。\n',
  'passwordReset.subject': '重設您的 MedJourney 密碼',
  'passwordReset.text': '{name}，您好：\n\n有人（也許是您本人）要求重設您 MedJourney 帳戶的密碼。要設定新密碼，請在一小時內開啟以下連結（僅可使用一次）：\n\n{link}\n\n設定新密碼後，所有已登入您帳戶的裝置都將登出。如果不是您本人要求，請忽略此郵件：您的密碼保持不變。\n',
  'invitation.subject': '您受邀使用 MedJourney',
  'invitation.text': '{name}，您好：\n\n已為您開通 MedJourney 帳戶。請透過以下連結設定密碼（14 天內有效，僅限一次）：\n\n{link}\n\n請勿轉寄：任何持有此連結的人都可以設定您的密碼。\n',
};
