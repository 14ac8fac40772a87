import type { Catalogue } from '@medjourney/platform';
import type { LetterKey } from './en.js';

export const ko: Catalogue<LetterKey> = {
  'what.patient': '{hospital} {clinician} 선생님과의 후속 화상 진료',
  'what.clinician': '{patient} 환자와의 후속 화상 진료',
  'what.interpreter': '통역을 맡으신 {patient} 환자와 {hospital} {clinician} 선생님의 후속 화상 진료',
  'what.local_clinician': '선생님의 환자 {patient}에 관한 {hospital} {clinician} 선생님과의 화상 협진',
  join: '몇 분 일찍 화상 진료실에 입장하세요: {room}',
  'booked.subject': '후속 화상 진료 예약: {when}',
  'booked.text': '{name}님, 안녕하세요.\n\n{what}이(가) {when}에 예약되었습니다.\n\n{join}\n\n첨부된 초대장으로 일정을 캘린더에 추가할 수 있습니다.\n',
  'rescheduled.subject': '후속 화상 진료 일정 변경: {when}',
  'rescheduled.text': '{name}님, 안녕하세요.\n\n{what} 일정이 {previous}에서 {when}(으)로 변경되었습니다.\n\n{join}\n\n첨부된 초대장으로 캘린더 일정이 변경됩니다.\n',
  'rescheduled.textWithoutPrevious': '{name}님, 안녕하세요.\n\n{what} 일정이 {when}(으)로 변경되었습니다.\n\n{join}\n\n첨부된 초대장으로 캘린더 일정이 변경됩니다.\n',
  'cancelled.subject': '취소됨: {when} 후속 화상 진료',
  'cancelled.text': '{name}님, 안녕하세요.\n\n{when}의 {what}이(가) 취소되었습니다.\n\n첨부된 취소 안내로 캘린더에서 일정이 삭제됩니다.\n',
  'reminder.subject': '{lead, select, day {24시간 후} other {1시간 후}} 후속 화상 진료: {when}',
  'reminder.text': '{name}님, 안녕하세요.\n\n{what}이(가) {lead, select, day {24시간 후} other {1시간 후}}인 {when}에 시작됩니다.\n\n{join}\n',
};
