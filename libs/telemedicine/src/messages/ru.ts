import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const ru: Catalogue<LetterKey> = {
  'what.patient': 'Ваш повторный видеоприём у врача {clinician} ({hospital})',
  'what.clinician': 'Ваша повторная видеоконсультация с пациентом {patient}',
  'what.interpreter': 'Повторный видеоприём пациента {patient} у врача {clinician} ({hospital}), на котором вы переводите',
  'what.local_clinician': 'Видеоконсультация с врачом {clinician} ({hospital}) по вашему пациенту {patient}',
  join: 'Войдите в видеокомнату за несколько минут до начала: {room}',
  'booked.subject': 'Повторный видеоприём {when}',
  'booked.text': 'Здравствуйте, {name}!\n\n{what} — запись на {when}.\n\n{join}\n\nПриложенное приглашение добавит событие в ваш календарь.\n',
  'rescheduled.subject': 'Повторный видеоприём перенесён на {when}',
  'rescheduled.text': 'Здравствуйте, {name}!\n\n{what} — перенос с {previous} на {when}.\n\n{join}\n\nПриложенное приглашение обновит ваш календарь.\n',
  'rescheduled.textWithoutPrevious': 'Здравствуйте, {name}!\n\n{what} — перенос на {when}.\n\n{join}\n\nПриложенное приглашение обновит ваш календарь.\n',
  'cancelled.subject': 'Отменено: повторный видеоприём {when}',
  'cancelled.text': 'Здравствуйте, {name}!\n\n{what} ({when}) отменяется.\n\nПриложенная отмена удалит событие из вашего календаря.\n',
  'reminder.subject': 'Повторная видеоконсультация {lead, select, day {через 24 часа} other {через 1 час}}: {when}',
  'reminder.text': 'Здравствуйте, {name}!\n\n{what} — начало {lead, select, day {через 24 часа} other {через 1 час}}, {when}.\n\n{join}\n',
};
