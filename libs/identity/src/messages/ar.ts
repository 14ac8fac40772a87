import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const ar: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'حسابك في MedJourney',
  'accountCreated.text': 'مرحبًا {name}،\n\nأُنشئ لك حساب في MedJourney.\n',
  'accountDeactivated.subject': 'عُطّل حسابك في MedJourney',
  'accountDeactivated.text': 'مرحبًا {name}،\n\nعُطّل حسابك في MedJourney. تواصل مع المسؤول إذا لم تكن تتوقع ذلك.\n',
  'alreadyRegistered.subject': 'طلب أحدهم تسجيل عنوانك في MedJourney',
  'alreadyRegistered.text': 'مرحبًا {name}،\n\nطلب أحدهم، وربما أنت، تسجيل هذا العنوان في MedJourney. لهذا العنوان حساب بالفعل: سجّل الدخول من {signIn} بكلمة المرور الخاصة بك. إذا لم تكن أنت، فلم يتغير شيء ولا يلزمك فعل أي شيء.\n',
  'verifyEmail.subject': 'أكّد عنوان بريدك الإلكتروني في MedJourney',
  'verifyEmail.text': 'مرحبًا {name}،\n\nلإكمال التسجيل في MedJourney، افتح هذا الرابط خلال 24 ساعة:\n\n{link}\n\nإذا لم تسجّل، فتجاهل هذه الرسالة: لا يُنشأ أي حساب من دونه.\n',
  'passwordReset.subject': 'إعادة تعيين كلمة مرور MedJourney',
  'passwordReset.text': 'مرحبًا {name}،\n\nطلب أحدهم، وربما أنت، إعادة تعيين كلمة مرور حسابك في MedJourney. لاختيار كلمة مرور جديدة، افتح هذا الرابط خلال ساعة (يعمل مرة واحدة):\n\n{link}\n\nيؤدي اختيار كلمة مرور جديدة إلى تسجيل الخروج من كل جهاز مسجّل الدخول إلى حسابك. إذا لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.\n',
  'invitation.subject': 'أنت مدعو إلى MedJourney',
  'invitation.text': 'مرحبًا {name}،\n\nفُتح لك حساب في MedJourney. اختر كلمة المرور من خلال هذا الرابط (صالح 14 يومًا، لمرة واحدة):\n\n{link}\n\nلا تعِد توجيهه: يستطيع أي شخص يملكه تعيين كلمة مرورك.\n',
};
