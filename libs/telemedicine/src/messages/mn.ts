import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const mn: Catalogue<LetterKey> = {
  'what.patient': 'Таны {hospital}-ийн эмч {clinician}-д үзүүлэх давтан видео үзлэг',
  'what.clinician': 'Таны {patient} өвчтөнтэй хийх давтан видео зөвлөгөө',
  'what.interpreter': 'Таны орчуулах, {patient} өвчтөний {hospital}-ийн эмч {clinician}-д үзүүлэх давтан видео үзлэг',
  'what.local_clinician': 'Таны өвчтөн {patient}-ийн талаар {hospital}-ийн эмч {clinician}-тэй хийх видео зөвлөгөө',
  join: 'Видео өрөөнд хэдэн минутын өмнө орно уу: {room}',
  'booked.subject': 'Давтан видео үзлэг: {when}',
  'booked.text': 'Сайн байна уу, {name}.\n\n{what} {when}-д товлогдлоо.\n\n{join}\n\nХавсаргасан урилга үүнийг таны хуанлид нэмнэ.\n',
  'rescheduled.subject': 'Давтан видео үзлэгийг {when} болгож өөрчиллөө',
  'rescheduled.text': 'Сайн байна уу, {name}.\n\n{what} {previous}-с {when} болж өөрчлөгдлөө.\n\n{join}\n\nХавсаргасан урилга таны хуанлийг шинэчилнэ.\n',
  'rescheduled.textWithoutPrevious': 'Сайн байна уу, {name}.\n\n{what} {when} болж өөрчлөгдлөө.\n\n{join}\n\nХавсаргасан урилга таны хуанлийг шинэчилнэ.\n',
  'cancelled.subject': 'Цуцлагдсан: {when}-ийн давтан видео үзлэг',
  'cancelled.text': 'Сайн байна уу, {name}.\n\n{when}-ийн {what} цуцлагдлаа.\n\nХавсаргасан цуцлалт үүнийг таны хуанлиас хасна.\n',
  'reminder.subject': 'Давтан видео зөвлөгөө {lead, select, day {24 цагийн дараа} other {1 цагийн дараа}}: {when}',
  'reminder.text': 'Сайн байна уу, {name}.\n\n{what} {lead, select, day {24 цагийн дараа} other {1 цагийн дараа}}, {when}-д эхэлнэ.\n\n{join}\n',
};
