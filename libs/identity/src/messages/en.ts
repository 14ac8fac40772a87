/** The source catalogue of the account e-mails (ICU MessageFormat); every language says the same keys with the same arguments. */
export const en = {
  'accountCreated.subject': 'Your MedJourney account',
  'accountCreated.text': 'Hello {name},\n\nA MedJourney account has been created for you.\n',
  'accountDeactivated.subject': 'Your MedJourney account was deactivated',
  'accountDeactivated.text': 'Hello {name},\n\nYour MedJourney account has been deactivated. Contact your administrator if this is unexpected.\n',
  'alreadyRegistered.subject': 'Someone asked to register your address with MedJourney',
  'alreadyRegistered.text': 'Hello {name},\n\nSomeone, perhaps you, asked to register this address with MedJourney. It already has an account: sign in at {signIn} with your password. If it was not you, nothing has changed and you need not do anything.\n',
  'verifyEmail.subject': 'Confirm your e-mail address for MedJourney',
  'verifyEmail.text': 'Hello {name},\n\nTo finish registering with MedJourney, open this link within 24 hours:\n\n{link}\n\nIf you did not register, ignore this message: no account is made without it.\n',
  'passwordReset.subject': 'Reset your MedJourney password',
  'passwordReset.text': 'Hello {name},\n\nSomeone, perhaps you, asked to reset the password of your MedJourney account. To choose a new one, open this link within an hour (it works once):\n\n{link}\n\nChoosing a new password signs out every device signed in to your account. If you did not ask, ignore this message: your password stays as it is.\n',
  'invitation.subject': 'You are invited to MedJourney',
  'invitation.text': 'Hello {name},\n\nA MedJourney account has been opened for you. Choose your password with this link (valid 14 days, once):\n\n{link}\n\nDo not forward it: whoever holds it can set your password.\n',
};

export type AccountLetterKey = keyof typeof en;
