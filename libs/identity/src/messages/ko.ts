import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const ko: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'MedJourney 계정 안내',
  'accountCreated.text': '{name}님, 안녕하세요.\n\n회원님의 MedJourney 계정이 만들어졌습니다.\n',
  'accountDeactivated.subject': 'MedJourney 계정이 비활성화되었습니다',
  'accountDeactivated.text': '{name}님, 안녕하세요.\n\n회원님의 MedJourney 계정이 비활성화되었습니다. 예상하지 못한 일이라면 관리자에게 문의하세요.\n',
  'alreadyRegistered.subject': '누군가 이 주소로 MedJourney 가입을 요청했습니다',
  'alreadyRegistered.text': '{name}님, 안녕하세요.\n\n누군가(회원님일 수도 있습니다) 이 주소로 MedJourney 가입을 요청했습니다. 이 주소에는 이미 계정이 있습니다. {signIn}에서 비밀번호로 로그인하세요. 본인이 요청한 것이 아니라면 아무것도 바뀌지 않았으니 하실 일은 없습니다.\n',
  'verifyEmail.subject': 'MedJourney 이메일 주소를 확인해 주세요',
  'verifyEmail.text': '{name}님, 안녕하세요.\n\nMedJourney 가입을 마치려면 24시간 안에 다음 링크를 여세요.\n\n{link}\n\n가입하지 않으셨다면 이 메일을 무시하세요. 링크를 열지 않으면 계정은 만들어지지 않습니다.\n',
  'passwordReset.subject': 'MedJourney 비밀번호 재설정',
  'passwordReset.text': '{name}님, 안녕하세요.\n\n누군가(회원님일 수도 있습니다) MedJourney 계정의 비밀번호 재설정을 요청했습니다. 새 비밀번호를 정하려면 한 시간 안에 다음 링크를 여세요(한 번만 쓸 수 있습니다).\n\n{link}\n\n새 비밀번호를 정하면 계정에 로그인된 모든 기기에서 로그아웃됩니다. 요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 그대로 유지됩니다.\n',
  'invitation.subject': 'MedJourney에 초대되었습니다',
  'invitation.text': '{name}님, 안녕하세요.\n\n회원님의 MedJourney 계정이 개설되었습니다. 다음 링크에서 비밀번호를 정하세요(14일 동안 한 번만 유효합니다).\n\n{link}\n\n이 링크를 다른 사람에게 전달하지 마세요. 링크를 가진 사람은 누구나 비밀번호를 정할 수 있습니다.\n',
};
