import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const vi: Catalogue<LetterKey> = {
  'what.patient': 'Buổi tái khám qua video của bạn với {clinician} của {hospital}',
  'what.clinician': 'Buổi hội chẩn tái khám qua video của bạn với {patient}',
  'what.interpreter': 'Buổi tái khám qua video của {patient} với {clinician} của {hospital} mà bạn phiên dịch',
  'what.local_clinician': 'Buổi hội chẩn qua video với {clinician} của {hospital} về bệnh nhân {patient} của bạn',
  join: 'Hãy vào phòng video sớm vài phút: {room}',
  'booked.subject': 'Buổi tái khám qua video vào {when}',
  'booked.text': 'Xin chào {name},\n\n{what} đã được đặt vào {when}.\n\n{join}\n\nLời mời đính kèm sẽ thêm buổi hẹn vào lịch của bạn.\n',
  'rescheduled.subject': 'Buổi tái khám qua video đã dời sang {when}',
  'rescheduled.text': 'Xin chào {name},\n\n{what} đã được dời từ {previous} sang {when}.\n\n{join}\n\nLời mời đính kèm sẽ cập nhật lịch của bạn.\n',
  'rescheduled.textWithoutPrevious': 'Xin chào {name},\n\n{what} đã được dời sang {when}.\n\n{join}\n\nLời mời đính kèm sẽ cập nhật lịch của bạn.\n',
  'cancelled.subject': 'Đã hủy: buổi tái khám qua video vào {when}',
  'cancelled.text': 'Xin chào {name},\n\n{what} vào {when} đã bị hủy.\n\nThông báo hủy đính kèm sẽ xóa buổi hẹn khỏi lịch của bạn.\n',
  'reminder.subject': 'Buổi hội chẩn tái khám qua video {lead, select, day {sau 24 giờ nữa} other {sau 1 giờ nữa}}: {when}',
  'reminder.text': 'Xin chào {name},\n\n{what} sẽ bắt đầu {lead, select, day {sau 24 giờ nữa} other {sau 1 giờ nữa}}, vào {when}.\n\n{join}\n',
};
