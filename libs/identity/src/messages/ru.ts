import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const ru: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'Ваша учётная запись MedJourney',
  'accountCreated.text': 'Здравствуйте, {name}!\n\nДля вас создана учётная запись MedJourney.\n',
  'accountDeactivated.subject': 'Ваша учётная запись MedJourney отключена',
  'accountDeactivated.text': 'Здравствуйте, {name}!\n\nВаша учётная запись MedJourney отключена. Если вы этого не ожидали, обратитесь к администратору.\n',
  'alreadyRegistered.subject': 'Кто-то попросил зарегистрировать ваш адрес в MedJourney',
  'alreadyRegistered.text': 'Здравствуйте, {name}!\n\nКто-то, возможно вы, попросил зарегистрировать этот адрес в MedJourney. У него уже есть учётная запись: войдите на {signIn} со своим паролем. Если это были не вы, ничего не изменилось и делать ничего не нужно.\n',
  'verifyEmail.subject': 'Подтвердите адрес электронной почты для MedJourney',
  'verifyEmail.text': 'Здравствуйте, {name}!\n\nЧтобы завершить регистрацию в MedJourney, откройте эту ссылку в течение 24 часов:\n\n{link}\n\nЕсли вы не регистрировались, не обращайте внимания на это письмо: без ссылки учётная запись не создаётся.\n',
  'passwordReset.subject': 'Сброс пароля MedJourney',
  'passwordReset.text': 'Здравствуйте, {name}!\n\nКто-то, возможно вы, попросил сбросить пароль вашей учётной записи MedJourney. Чтобы задать новый, откройте эту ссылку в течение часа (она действует один раз):\n\n{link}\n\nПосле смены пароля все устройства, на которых выполнен вход в вашу учётную запись, будут отключены. Если вы не просили, не обращайте внимания на это письмо: ваш пароль останется прежним.\n',
  'invitation.subject': 'Приглашение в MedJourney',
  'invitation.text': 'Здравствуйте, {name}!\n\nДля вас открыта учётная запись MedJourney. Задайте пароль по этой ссылке (действует 14 дней, один раз):\n\n{link}\n\nНе пересылайте её: любой, у кого она есть, может задать ваш пароль.\n',
};
