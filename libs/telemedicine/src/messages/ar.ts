import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const ar: Catalogue<LetterKey> = {
  'what.patient': 'موعد المتابعة بالفيديو الخاص بك مع {clinician} من {hospital}',
  'what.clinician': 'استشارة المتابعة بالفيديو الخاصة بك مع {patient}',
  'what.interpreter': 'موعد المتابعة بالفيديو لـ {patient} مع {clinician} من {hospital}، الذي تترجم فيه',
  'what.local_clinician': 'الاستشارة بالفيديو مع {clinician} من {hospital} بشأن مريضك {patient}',
  join: 'ادخل غرفة الفيديو قبل بضع دقائق: {room}',
  'booked.subject': 'موعد المتابعة بالفيديو في {when}',
  'booked.text': 'مرحبًا {name}،\n\n{what}: حُجز في {when}.\n\n{join}\n\nتضيف الدعوة المرفقة الموعد إلى تقويمك.\n',
  'rescheduled.subject': 'نُقل موعد المتابعة بالفيديو إلى {when}',
  'rescheduled.text': 'مرحبًا {name}،\n\n{what}: نُقل من {previous} إلى {when}.\n\n{join}\n\nتحدّث الدعوة المرفقة تقويمك.\n',
  'rescheduled.textWithoutPrevious': 'مرحبًا {name}،\n\n{what}: نُقل إلى {when}.\n\n{join}\n\nتحدّث الدعوة المرفقة تقويمك.\n',
  'cancelled.subject': 'أُلغي: موعد المتابعة بالفيديو في {when}',
  'cancelled.text': 'مرحبًا {name}،\n\n{what} في {when}: أُلغي.\n\nيزيل الإلغاء المرفق الموعد من تقويمك.\n',
  'reminder.subject': 'استشارة المتابعة بالفيديو {lead, select, day {بعد 24 ساعة} other {بعد ساعة واحدة}}: {when}',
  'reminder.text': 'مرحبًا {name}،\n\n{what}: يبدأ {lead, select, day {بعد 24 ساعة} other {بعد ساعة واحدة}}، في {when}.\n\n{join}\n',
};
