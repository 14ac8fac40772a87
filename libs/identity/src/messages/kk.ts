import type { Catalogue } from '@medjourney/platform';
import type { AccountLetterKey } from './en.js';

export const kk: Catalogue<AccountLetterKey> = {
  'accountCreated.subject': 'Сіздің MedJourney тіркелгіңіз',
  'accountCreated.text': 'Сәлеметсіз бе, {name}!\n\nСізге MedJourney тіркелгісі жасалды.\n',
  'accountDeactivated.subject': 'Сіздің MedJourney тіркелгіңіз өшірілді',
  'accountDeactivated.text': 'Сәлеметсіз бе, {name}!\n\nСіздің MedJourney тіркелгіңіз өшірілді. Егер бұл күтпеген жағдай болса, әкімшіге хабарласыңыз.\n',
  'alreadyRegistered.subject': 'Біреу сіздің мекенжайыңызды MedJourney-де тіркеуді сұрады',
  'alreadyRegistered.text': 'Сәлеметсіз бе, {name}!\n\nБіреу, мүмкін сіз, осы мекенжайды MedJourney-де тіркеуді сұрады. Оның тіркелгісі бар: {signIn} мекенжайында құпиясөзіңізбен кіріңіз. Егер бұл сіз болмасаңыз, ештеңе өзгерген жоқ, ештеңе істеудің қажеті жоқ.\n',
  'verifyEmail.subject': 'MedJourney үшін электрондық пошта мекенжайыңызды растаңыз',
  'verifyEmail.text': 'Сәлеметсіз бе, {name}!\n\nMedJourney-де тіркелуді аяқтау үшін осы сілтемені 24 сағат ішінде ашыңыз:\n\n{link}\n\nЕгер сіз тіркелмеген болсаңыз, бұл хатқа мән бермеңіз: сілтемесіз тіркелгі жасалмайды.\n',
  'passwordReset.subject': 'MedJourney құпиясөзін қалпына келтіру',
  'passwordReset.text': 'Сәлеметсіз бе, {name}!\n\nБіреу, мүмкін сіз, MedJourney тіркелгіңіздің құпиясөзін қалпына келтіруді сұрады. Жаңасын таңдау үшін осы сілтемені бір сағат ішінде ашыңыз (ол бір рет жұмыс істейді):\n\n{link}\n\nЖаңа құпиясөз таңдалғанда, тіркелгіңізге кірген барлық құрылғылар шығарылады. Егер сіз сұрамаған болсаңыз, бұл хатқа мән бермеңіз: құпиясөзіңіз өзгермейді.\n',
  'invitation.subject': 'Сіз MedJourney-ге шақырылдыңыз',
  'invitation.text': 'Сәлеметсіз бе, {name}!\n\nСізге MedJourney тіркелгісі ашылды. Құпиясөзіңізді осы сілтеме арқылы таңдаңыз (14 күн, бір рет жарамды):\n\n{link}\n\nОны ешкімге жібермеңіз: сілтемесі бар кез келген адам құпиясөзіңізді орната алады.\n',
};
