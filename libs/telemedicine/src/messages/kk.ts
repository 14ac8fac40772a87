import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const kk: Catalogue<LetterKey> = {
  'what.patient': 'Сіздің {hospital} ауруханасының дәрігері {clinician} қабылдауындағы қайталама бейнеқабылдауыңыз',
  'what.clinician': 'Сіздің {patient} науқаспен қайталама бейнекеңесіңіз',
  'what.interpreter': 'Сіз аударма жасайтын {patient} науқастың {hospital} ауруханасының дәрігері {clinician} қабылдауындағы қайталама бейнеқабылдауы',
  'what.local_clinician': 'Сіздің {patient} науқасыңыз бойынша {hospital} ауруханасының дәрігері {clinician} бейнекеңесі',
  join: 'Бейнебөлмеге бірнеше минут ерте кіріңіз: {room}',
  'booked.subject': 'Қайталама бейнеқабылдау: {when}',
  'booked.text': 'Сәлеметсіз бе, {name}!\n\n{what} {when} уақытына жазылды.\n\n{join}\n\nҚоса берілген шақыру оны күнтізбеңізге қосады.\n',
  'rescheduled.subject': 'Қайталама бейнеқабылдау {when} уақытына ауыстырылды',
  'rescheduled.text': 'Сәлеметсіз бе, {name}!\n\n{what} {previous} уақытынан {when} уақытына ауыстырылды.\n\n{join}\n\nҚоса берілген шақыру күнтізбеңізді жаңартады.\n',
  'rescheduled.textWithoutPrevious': 'Сәлеметсіз бе, {name}!\n\n{what} {when} уақытына ауыстырылды.\n\n{join}\n\nҚоса берілген шақыру күнтізбеңізді жаңартады.\n',
  'cancelled.subject': 'Жойылды: {when} қайталама бейнеқабылдау',
  'cancelled.text': 'Сәлеметсіз бе, {name}!\n\n{when} уақытындағы {what} жойылды.\n\nҚоса берілген хабарлама оны күнтізбеңізден алып тастайды.\n',
  'reminder.subject': 'Қайталама бейнекеңес {lead, select, day {24 сағаттан кейін} other {1 сағаттан кейін}}: {when}',
  'reminder.text': 'Сәлеметсіз бе, {name}!\n\n{what} {lead, select, day {24 сағаттан кейін} other {1 сағаттан кейін}}, {when} басталады.\n\n{join}\n',
};
