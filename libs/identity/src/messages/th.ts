import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const th: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'บัญชี MedJourney ของคุณ',
  'accountCreated.text': 'เรียน คุณ{name}\n\nระบบได้สร้างบัญชี MedJourney ให้คุณแล้ว\n',
  'accountDeactivated.subject': 'บัญชี MedJourney ของคุณถูกปิดใช้งาน',
  'accountDeactivated.text': 'เรียน คุณ{name}\n\nบัญชี MedJourney ของคุณถูกปิดใช้งานแล้ว หากคุณไม่ได้คาดหมายเรื่องนี้ โปรดติดต่อผู้ดูแลระบบ\n',
  'alreadyRegistered.subject': 'มีผู้ขอลงทะเบียนที่อยู่อีเมลของคุณกับ MedJourney',
  'alreadyRegistered.text': 'เรียน คุณ{name}\n\nมีผู้ขอ ซึ่งอาจเป็นคุณเอง ลงทะเบียนที่อยู่นี้กับ MedJourney ที่อยู่นี้มีบัญชีอยู่แล้ว โปรดเข้าสู่ระบบที่ {signIn} ด้วยรหัสผ่านของคุณ หากไม่ใช่คุณ ไม่มีสิ่งใดเปลี่ยนแปลงและคุณไม่ต้องดำเนินการใด ๆ\n',
  'verifyEmail.subject': 'ยืนยันที่อยู่อีเมลของคุณสำหรับ MedJourney',
  'verifyEmail.text': 'เรียน คุณ{name}\n\nหากต้องการลงทะเบียนกับ MedJourney ให้เสร็จสมบูรณ์ โปรดเปิดลิงก์นี้ภายใน 24 ชั่วโมง:\n\n{link}\n\nหากคุณไม่ได้ลงทะเบียน โปรดเพิกเฉยต่อข้อความนี้ ระบบจะไม่สร้างบัญชีหากไม่มีการเปิดลิงก์\n',
  'passwordReset.subject': 'รีเซ็ตรหัสผ่าน MedJourney ของคุณ',
  'passwordReset.text': 'เรียน คุณ{name}\n\nมีผู้ขอ ซึ่งอาจเป็นคุณเอง รีเซ็ตรหัสผ่านของบัญชี MedJourney ของคุณ หากต้องการตั้งรหัสผ่านใหม่ โปรดเปิดลิงก์นี้ภายในหนึ่งชั่วโมง (ใช้ได้ครั้งเดียว):\n\n{link}\n\nการตั้งรหัสผ่านใหม่จะออกจากระบบในทุกอุปกรณ์ที่ลงชื่อเข้าใช้บัญชีของคุณ หากคุณไม่ได้ขอ โปรดเพิกเฉยต่อข้อความนี้ รหัสผ่านของคุณจะยังคงเหมือนเดิม\n',
  'invitation.subject': 'คุณได้รับเชิญเข้าใช้ MedJourney',
  'invitation.text': 'เรียน คุณ{name}\n\nระบบได้เปิดบัญชี MedJourney ให้คุณแล้ว โปรดตั้งรหัสผ่านผ่านลิงก์นี้ (ใช้ได้ 14 วัน ครั้งเดียว):\n\n{link}\n\nอย่าส่งต่อลิงก์นี้ ผู้ที่มีลิงก์สามารถตั้งรหัสผ่านของคุณได้\n',
};
