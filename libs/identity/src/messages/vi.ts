import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const vi: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'Tài khoản MedJourney của bạn',
  'accountCreated.text': 'Xin chào {name},\n\nMột tài khoản MedJourney đã được tạo cho bạn.\n',
  'accountDeactivated.subject': 'Tài khoản MedJourney của bạn đã bị vô hiệu hóa',
  'accountDeactivated.text': 'Xin chào {name},\n\nTài khoản MedJourney của bạn đã bị vô hiệu hóa. Nếu điều này nằm ngoài dự kiến, hãy liên hệ quản trị viên của bạn.\n',
  'alreadyRegistered.subject': 'Có người yêu cầu đăng ký địa chỉ của bạn với MedJourney',
  'alreadyRegistered.text': 'Xin chào {name},\n\nCó người, có thể là bạn, đã yêu cầu đăng ký địa chỉ này với MedJourney. Địa chỉ này đã có tài khoản: hãy đăng nhập tại {signIn} bằng mật khẩu của bạn. Nếu không phải bạn, không có gì thay đổi và bạn không cần làm gì.\n',
  'verifyEmail.subject': 'Xác nhận địa chỉ e-mail của bạn cho MedJourney',
  'verifyEmail.text': 'Xin chào {name},\n\nĐể hoàn tất đăng ký MedJourney, hãy mở liên kết này trong vòng 24 giờ:\n\n{link}\n\nNếu bạn không đăng ký, hãy bỏ qua thư này: không có tài khoản nào được tạo nếu không mở liên kết.\n',
  'passwordReset.subject': 'Đặt lại mật khẩu MedJourney của bạn',
  'passwordReset.text': 'Xin chào {name},\n\nCó người, có thể là bạn, đã yêu cầu đặt lại mật khẩu tài khoản MedJourney của bạn. Để chọn mật khẩu mới, hãy mở liên kết này trong vòng một giờ (chỉ dùng được một lần):\n\n{link}\n\nKhi chọn mật khẩu mới, mọi thiết bị đang đăng nhập vào tài khoản của bạn sẽ bị đăng xuất. Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.\n',
  'invitation.subject': 'Bạn được mời tham gia MedJourney',
  'invitation.text': 'Xin chào {name},\n\nMột tài khoản MedJourney đã được mở cho bạn. Hãy chọn mật khẩu qua liên kết này (có hiệu lực 14 ngày, một lần):\n\n{link}\n\nĐừng chuyển tiếp liên kết: bất kỳ ai có nó đều có thể đặt mật khẩu của bạn.\n',
};
