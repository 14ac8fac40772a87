import { api, call } from '../../api/client';
import { SetPasswordPage } from './SetPasswordPage';

/** The invitation e-mail's link: the new user sets a password with the one-time token, then signs in. */
export function AcceptInvitePage() {
  return <SetPasswordPage texts="invite" send={(body) => call(api.POST('/api/v1/auth/accept-invite', { body }))} />;
}
