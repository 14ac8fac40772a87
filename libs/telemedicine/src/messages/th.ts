import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const th: Catalogue<LetterKey> = {
  'what.patient': 'นัดติดตามผลทางวิดีโอของคุณกับ {clinician} แห่ง {hospital}',
  'what.clinician': 'การปรึกษาติดตามผลทางวิดีโอของคุณกับ {patient}',
  'what.interpreter': 'นัดติดตามผลทางวิดีโอของ {patient} กับ {clinician} แห่ง {hospital} ซึ่งคุณเป็นล่าม',
  'what.local_clinician': 'การปรึกษาทางวิดีโอกับ {clinician} แห่ง {hospital} เกี่ยวกับผู้ป่วยของคุณ {patient}',
  join: 'โปรดเข้าห้องวิดีโอก่อนเวลาสักสองสามนาที: {room}',
  'booked.subject': 'นัดติดตามผลทางวิดีโอ {when}',
  'booked.text': 'เรียน คุณ{name}\n\n{what} ได้รับการจองไว้ในวันที่ {when}\n\n{join}\n\nคำเชิญที่แนบมาจะเพิ่มนัดนี้ลงในปฏิทินของคุณ\n',
  'rescheduled.subject': 'นัดติดตามผลทางวิดีโอเลื่อนเป็น {when}',
  'rescheduled.text': 'เรียน คุณ{name}\n\n{what} เลื่อนจาก {previous} เป็น {when}\n\n{join}\n\nคำเชิญที่แนบมาจะปรับปรุงปฏิทินของคุณ\n',
  'rescheduled.textWithoutPrevious': 'เรียน คุณ{name}\n\n{what} เลื่อนเป็น {when}\n\n{join}\n\nคำเชิญที่แนบมาจะปรับปรุงปฏิทินของคุณ\n',
  'cancelled.subject': 'ยกเลิกแล้ว: นัดติดตามผลทางวิดีโอ {when}',
  'cancelled.text': 'เรียน คุณ{name}\n\n{what} ในวันที่ {when} ถูกยกเลิกแล้ว\n\nการยกเลิกที่แนบมาจะลบนัดนี้ออกจากปฏิทินของคุณ\n',
  'reminder.subject': 'การปรึกษาติดตามผลทางวิดีโอ{lead, select, day {ในอีก 24 ชั่วโมง} other {ในอีก 1 ชั่วโมง}}: {when}',
  'reminder.text': 'เรียน คุณ{name}\n\n{what} จะเริ่ม{lead, select, day {ในอีก 24 ชั่วโมง} other {ในอีก 1 ชั่วโมง}} เวลา {when}\n\n{join}\n',
};
