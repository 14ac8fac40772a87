import { api, call } from '../../api/client';
import { SetPasswordPage } from './SetPasswordPage';

/** The reset e-mail's link: a new password with the one-time token, then sign in. */
export function ResetPasswordPage() {
  return <SetPasswordPage texts="reset" send={(body) => call(api.POST('/api/v1/auth/password-reset/confirm', { body }))} />;
}
