import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const mn: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'Таны MedJourney бүртгэл',
  'accountCreated.text': 'Сайн байна уу, {name}.\n\nТанд зориулж MedJourney бүртгэл үүсгэлээ.\n',
  'accountDeactivated.subject': 'Таны MedJourney бүртгэлийг идэвхгүй болголоо',
  'accountDeactivated.text': 'Сайн байна уу, {name}.\n\nТаны MedJourney бүртгэлийг идэвхгүй болголоо. Хэрэв та үүнийг хүлээгээгүй бол админтайгаа холбогдоно уу.\n',
  'alreadyRegistered.subject': 'Хэн нэгэн таны хаягаар MedJourney-д бүртгүүлэх хүсэлт гаргалаа',
  'alreadyRegistered.text': 'Сайн байна уу, {name}.\n\nХэн нэгэн, магадгүй та өөрөө, энэ хаягаар MedJourney-д бүртгүүлэх хүсэлт гаргалаа. Энэ хаяг аль хэдийн бүртгэлтэй: {signIn} хаягаар нууц үгээрээ нэвтэрнэ үү. Хэрэв энэ та биш бол юу ч өөрчлөгдөөгүй, та юу ч хийх шаардлагагүй.\n',
  'verifyEmail.subject': 'MedJourney-ийн имэйл хаягаа баталгаажуулна уу',
  'verifyEmail.text': 'Сайн байна уу, {name}.\n\nMedJourney-д бүртгүүлж дуусгахын тулд энэ холбоосыг 24 цагийн дотор нээнэ үү:\n\n{link}\n\nХэрэв та бүртгүүлээгүй бол энэ захиаг үл тоомсорлоно уу: холбоосгүйгээр бүртгэл үүсэхгүй.\n',
  'passwordReset.subject': 'MedJourney нууц үгээ шинэчлэх',
  'passwordReset.text': 'Сайн байна уу, {name}.\n\nХэн нэгэн, магадгүй та өөрөө, таны MedJourney бүртгэлийн нууц үгийг шинэчлэх хүсэлт гаргалаа. Шинэ нууц үг сонгохын тулд энэ холбоосыг нэг цагийн дотор нээнэ үү (нэг удаа ажиллана):\n\n{link}\n\nШинэ нууц үг сонгоход таны бүртгэлд нэвтэрсэн бүх төхөөрөмж гарна. Хэрэв та хүсээгүй бол энэ захиаг үл тоомсорлоно уу: таны нууц үг хэвээр үлдэнэ.\n',
  'invitation.subject': 'Таныг MedJourney-д урьж байна',
  'invitation.text': 'Сайн байна уу, {name}.\n\nТанд MedJourney бүртгэл нээлээ. Энэ холбоосоор нууц үгээ сонгоно уу (14 хоног, нэг удаа хүчинтэй):\n\n{link}\n\nҮүнийг бусдад бүү дамжуулаарай: холбоостой хэн ч таны нууц үгийг тохируулж чадна.\n',
};
