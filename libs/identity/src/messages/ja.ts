import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const ja: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'MedJourney アカウントのお知らせ',
  'accountCreated.text': '{name} 様\n\nMedJourney のアカウントが作成されました。\n',
  'accountDeactivated.subject': 'MedJourney アカウントが無効になりました',
  'accountDeactivated.text': '{name} 様\n\nあなたの MedJourney アカウントは無効になりました。心当たりがない場合は管理者にお問い合わせください。\n',
  'alreadyRegistered.subject': 'このアドレスで MedJourney への登録が申し込まれました',
  'alreadyRegistered.text': '{name} 様\n\nどなたか（あなたご自身かもしれません）が、このアドレスで MedJourney への登録を申し込みました。このアドレスにはすでにアカウントがあります。{signIn} からパスワードでサインインしてください。お心当たりがない場合、何も変更されていませんので、対応は不要です。\n',
  'verifyEmail.subject': 'MedJourney のメールアドレスを確認してください',
  'verifyEmail.text': '{name} 様\n\nMedJourney への登録を完了するには、24 時間以内に次のリンクを開いてください。\n\n{link}\n\n登録していない場合は、このメールを無視してください。リンクを開かない限りアカウントは作成されません。\n',
  'passwordReset.subject': 'MedJourney のパスワードの再設定',
  'passwordReset.text': '{name} 様\n\nどなたか（あなたご自身かもしれません）が、MedJourney アカウントのパスワードの再設定を申し込みました。新しいパスワードを設定するには、1 時間以内に次のリンクを開いてください（1 回のみ有効）。\n\n{link}\n\n新しいパスワードを設定すると、アカウントにサインインしているすべての端末からサインアウトされます。お心当たりがない場合は、このメールを無視してください。パスワードは変わりません。\n',
  'invitation.subject': 'MedJourney へのご招待',
  'invitation.text': '{name} 様\n\nMedJourney のアカウントが開設されました。次のリンクからパスワードを設定してください（14 日間、1 回のみ有効）。\n\n{link}\n\nこのリンクを転送しないでください。リンクを持つ人は誰でもパスワードを設定できます。\n',
};
