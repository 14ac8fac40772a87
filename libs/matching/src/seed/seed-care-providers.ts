import { DEMO_HOSPITALS } from '@medjourney/hospitals';
import { DEMO_CARE_PROVIDER_ID } from '@medjourney/identity';
import type { EntityManager } from 'typeorm';
import type { WeeklyHours } from '../domain/availability.js';
import type { CertificationType, LanguageLevel, ProviderKind } from '../domain/vocabulary.js';
import type { CareProvidersService } from '../services/care-providers.service.js';

interface DemoProvider {
  kind: ProviderKind;
  name: string;
  languages: [string, LanguageLevel][];
  timezone: string;
  weekly: WeeklyHours[];
  specialties?: string[];
  regions: string[];
  hospitals: number[];
  certified: boolean;
  maxHoursPerWeek?: number;
}

const days = (weekdays: number[], start: string, end: string): WeeklyHours[] => weekdays.map((weekday) => ({ weekday, start, end }));
const OFFICE = days([1, 2, 3, 4, 5], '09:00', '18:00');
const LONG = days([1, 2, 3, 4, 5, 6], '08:00', '20:00');
/** Overnight care: 20:00 to 08:00, written as two entries across midnight. */
const NIGHTS = [...days([1, 2, 3, 4, 5], '20:00', '24:00'), ...days([2, 3, 4, 5, 6], '00:00', '08:00')];
const WEEKENDS = days([6, 7], '10:00', '19:00');

/** The demo care provider's login (caregiver@demo.medjourney.dev) belongs to the first. */
const PROVIDERS: DemoProvider[] = [
  { kind: 'caregiver', name: 'Yoon So-ra', languages: [['ko', 'native'], ['en', 'professional'], ['ru', 'professional']], timezone: 'Asia/Seoul', weekly: LONG, regions: ['Seoul', 'Gyeonggi'], hospitals: [0, 1], certified: true, maxHoursPerWeek: 52 },
  // Interpreters, in the languages of the programme's patients; some interpret remotely from home.
  { kind: 'interpreter', name: 'Anastasia Volkova', languages: [['ru', 'native'], ['ko', 'fluent'], ['en', 'professional']], timezone: 'Asia/Seoul', weekly: OFFICE, specialties: ['oncology', 'cardiology', 'organ_transplant'], regions: ['Seoul'], hospitals: [0], certified: true },
  { kind: 'interpreter', name: 'Dmitry Sokolov', languages: [['ru', 'native'], ['ko', 'professional']], timezone: 'Asia/Vladivostok', weekly: [...OFFICE, ...WEEKENDS], specialties: ['orthopedics', 'rehabilitation'], regions: ['Busan'], hospitals: [2], certified: true },
  { kind: 'interpreter', name: 'Kim Yelena', languages: [['ru', 'fluent'], ['ko', 'native'], ['kk', 'professional']], timezone: 'Asia/Seoul', weekly: days([1, 3, 5], '08:00', '20:00'), specialties: ['plastic_surgery', 'dermatology'], regions: ['Seoul', 'Incheon'], hospitals: [3, 5], certified: true },
  { kind: 'interpreter', name: 'Olga Petrenko', languages: [['ru', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: WEEKENDS, specialties: ['health_screening'], regions: ['Seoul', 'Gyeonggi'], hospitals: [], certified: false },
  { kind: 'interpreter', name: 'Bat-Erdene Gantulga', languages: [['mn', 'native'], ['ko', 'fluent'], ['ru', 'professional']], timezone: 'Asia/Ulaanbaatar', weekly: OFFICE, specialties: ['oncology', 'internal_medicine'], regions: ['Seoul'], hospitals: [0], certified: true },
  { kind: 'interpreter', name: 'Oyunchimeg Dorj', languages: [['mn', 'native'], ['ko', 'professional']], timezone: 'Asia/Seoul', weekly: LONG, specialties: ['organ_transplant', 'cardiology'], regions: ['Seoul', 'Gyeonggi'], hospitals: [0, 1], certified: true },
  { kind: 'interpreter', name: 'Enkhjargal Bold', languages: [['mn', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: days([2, 4, 6], '09:00', '17:00'), specialties: ['fertility'], regions: ['Seoul'], hospitals: [1], certified: false },
  { kind: 'interpreter', name: 'Wang Li', languages: [['zh', 'native'], ['ko', 'fluent'], ['en', 'professional']], timezone: 'Asia/Seoul', weekly: OFFICE, specialties: ['plastic_surgery', 'dermatology'], regions: ['Seoul'], hospitals: [3, 4], certified: true },
  { kind: 'interpreter', name: 'Chen Jing', languages: [['zh', 'native'], ['ko', 'fluent']], timezone: 'Asia/Shanghai', weekly: [...OFFICE, ...WEEKENDS], specialties: ['health_screening', 'oncology'], regions: ['Seoul', 'Jeju'], hospitals: [1], certified: true },
  { kind: 'interpreter', name: 'Park Mei', languages: [['zh', 'fluent'], ['ko', 'native']], timezone: 'Asia/Seoul', weekly: days([1, 2, 3, 4, 5], '13:00', '22:00'), specialties: ['fertility', 'obstetrics_gynecology'], regions: ['Seoul', 'Gyeonggi'], hospitals: [], certified: true },
  { kind: 'interpreter', name: 'Liu Yang', languages: [['zh', 'native'], ['ko', 'professional']], timezone: 'Asia/Seoul', weekly: WEEKENDS, specialties: ['korean_medicine'], regions: ['Busan', 'Jeju'], hospitals: [2], certified: false },
  { kind: 'interpreter', name: 'Sato Yuki', languages: [['ja', 'native'], ['ko', 'fluent']], timezone: 'Asia/Tokyo', weekly: OFFICE, specialties: ['dermatology', 'plastic_surgery'], regions: ['Seoul'], hospitals: [4], certified: true },
  { kind: 'interpreter', name: 'Tanaka Haruto', languages: [['ja', 'native'], ['ko', 'professional'], ['en', 'fluent']], timezone: 'Asia/Seoul', weekly: LONG, specialties: ['health_screening', 'orthopedics'], regions: ['Busan', 'Seoul'], hospitals: [2], certified: true },
  { kind: 'interpreter', name: 'Lee Akiko', languages: [['ja', 'fluent'], ['ko', 'native']], timezone: 'Asia/Seoul', weekly: days([6, 7], '09:00', '21:00'), specialties: ['dentistry'], regions: ['Seoul'], hospitals: [], certified: false },
  { kind: 'interpreter', name: 'Nguyen Thi Lan', languages: [['vi', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: OFFICE, specialties: ['fertility', 'pediatrics'], regions: ['Seoul', 'Gyeonggi'], hospitals: [1], certified: true },
  { kind: 'interpreter', name: 'Tran Van Minh', languages: [['vi', 'native'], ['ko', 'professional'], ['en', 'professional']], timezone: 'Asia/Ho_Chi_Minh', weekly: [...OFFICE, ...WEEKENDS], specialties: ['oncology'], regions: ['Seoul'], hospitals: [0], certified: true },
  { kind: 'interpreter', name: 'Pham Thu Ha', languages: [['vi', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: days([1, 2, 3], '10:00', '19:00'), specialties: ['dermatology'], regions: ['Incheon'], hospitals: [], certified: false },
  { kind: 'interpreter', name: 'Omar Al-Harbi', languages: [['ar', 'native'], ['ko', 'fluent'], ['en', 'fluent']], timezone: 'Asia/Seoul', weekly: days([7, 1, 2, 3, 4], '09:00', '18:00'), specialties: ['organ_transplant', 'oncology', 'cardiology'], regions: ['Seoul'], hospitals: [0, 1], certified: true },
  { kind: 'interpreter', name: 'Fatima Al-Mansouri', languages: [['ar', 'native'], ['ko', 'professional'], ['en', 'fluent']], timezone: 'Asia/Dubai', weekly: OFFICE, specialties: ['obstetrics_gynecology', 'fertility'], regions: ['Seoul'], hospitals: [1], certified: true },
  { kind: 'interpreter', name: 'Yousef Haddad', languages: [['ar', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: WEEKENDS, specialties: ['orthopedics'], regions: ['Seoul', 'Gyeonggi'], hospitals: [], certified: false },
  { kind: 'interpreter', name: 'Emily Carter', languages: [['en', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: OFFICE, specialties: ['neurology', 'cardiology'], regions: ['Seoul'], hospitals: [0], certified: true },
  { kind: 'interpreter', name: 'Jang Min-seo', languages: [['en', 'fluent'], ['ko', 'native']], timezone: 'Asia/Seoul', weekly: LONG, specialties: ['plastic_surgery', 'dermatology', 'health_screening'], regions: ['Seoul', 'Busan'], hospitals: [3, 5], certified: true },
  { kind: 'interpreter', name: 'Aidana Seitkali', languages: [['kk', 'native'], ['ru', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: OFFICE, specialties: ['oncology', 'organ_transplant'], regions: ['Seoul'], hospitals: [0], certified: true },
  { kind: 'interpreter', name: 'Nurlan Abenov', languages: [['kk', 'native'], ['ru', 'fluent'], ['ko', 'professional']], timezone: 'Asia/Almaty', weekly: [...OFFICE, ...WEEKENDS], specialties: ['cardiology', 'rehabilitation'], regions: ['Seoul', 'Daegu'], hospitals: [], certified: true },
  { kind: 'interpreter', name: 'Kim Dana', languages: [['kk', 'fluent'], ['ko', 'native'], ['ru', 'fluent']], timezone: 'Asia/Seoul', weekly: days([5, 6, 7], '09:00', '20:00'), specialties: ['plastic_surgery'], regions: ['Seoul'], hospitals: [5], certified: false },
  // Caregivers: long day shifts, nights and weekends near the hospitals.
  { kind: 'caregiver', name: 'Choi Eun-ji', languages: [['ko', 'native'], ['en', 'professional']], timezone: 'Asia/Seoul', weekly: LONG, regions: ['Seoul'], hospitals: [0], certified: true, maxHoursPerWeek: 52 },
  { kind: 'caregiver', name: 'Tatiana Kim', languages: [['ru', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: NIGHTS, regions: ['Seoul', 'Gyeonggi'], hospitals: [0, 1], certified: true, maxHoursPerWeek: 60 },
  { kind: 'caregiver', name: 'Munkhzul Tserendorj', languages: [['mn', 'native'], ['ko', 'fluent'], ['ru', 'professional']], timezone: 'Asia/Seoul', weekly: LONG, regions: ['Seoul'], hospitals: [0], certified: true },
  { kind: 'caregiver', name: 'Zhang Hui', languages: [['zh', 'native'], ['ko', 'professional']], timezone: 'Asia/Seoul', weekly: [...LONG, ...days([7], '08:00', '20:00')], regions: ['Seoul', 'Incheon'], hospitals: [1], certified: true, maxHoursPerWeek: 60 },
  { kind: 'caregiver', name: 'Hoang Thi Mai', languages: [['vi', 'native'], ['ko', 'fluent']], timezone: 'Asia/Seoul', weekly: NIGHTS, regions: ['Seoul', 'Gyeonggi'], hospitals: [], certified: true },
  { kind: 'caregiver', name: 'Gulnara Akhmetova', languages: [['kk', 'native'], ['ru', 'fluent'], ['ko', 'professional']], timezone: 'Asia/Seoul', weekly: LONG, regions: ['Seoul'], hospitals: [0, 5], certified: true },
  { kind: 'caregiver', name: 'Han Soo-jin', languages: [['ko', 'native'], ['ja', 'professional']], timezone: 'Asia/Seoul', weekly: WEEKENDS, regions: ['Busan'], hospitals: [2], certified: true },
  { kind: 'caregiver', name: 'Mariam Saleh', languages: [['ar', 'native'], ['ko', 'professional'], ['en', 'fluent']], timezone: 'Asia/Seoul', weekly: LONG, regions: ['Seoul'], hospitals: [0, 1], certified: false },
  { kind: 'caregiver', name: 'Kang Bo-ram', languages: [['ko', 'native'], ['zh', 'professional']], timezone: 'Asia/Seoul', weekly: NIGHTS, regions: ['Busan', 'Ulsan'], hospitals: [2], certified: true, maxHoursPerWeek: 48 },
];

const providerId = (i: number) => (i === 0 ? DEMO_CARE_PROVIDER_ID : `8a1c2d3e-0000-4000-8000-${String(200 + i).padStart(12, '0')}`);

/** The id the demo registry gives the provider of that name. */
export function demoProviderId(name: string): string {
  const i = PROVIDERS.findIndex((p) => p.name === name);
  if (i < 0) throw new Error(`no demo care provider named ${name}`);
  return providerId(i);
}
const CERT_OF: Record<ProviderKind, CertificationType> = { interpreter: 'medical_interpreter', caregiver: 'care_worker' };

/**
 * The demo registry: a few dozen verified interpreters and caregivers in the programme's
 * languages, with realistic weekly hours, some in their home time zone. The first is the demo
 * care-provider login's provider. Returns how many were created.
 */
export async function seedDemoCareProviders(m: EntityManager, providers: CareProvidersService, now: Date): Promise<number> {
  const year = now.getUTCFullYear();
  for (const [i, p] of PROVIDERS.entries()) {
    const id = providerId(i);
    await providers.createIn(m, {
      kind: p.kind,
      name: p.name,
      contact: { email: `provider${i + 1}@care.demo.medjourney.dev` },
      regions: p.regions,
      hospitalIds: p.hospitals.map((h) => DEMO_HOSPITALS[h].id),
      languages: p.languages.map(([code, level]) => ({ code, level })),
      specialties: p.specialties ?? [],
      maxHoursPerWeek: p.maxHoursPerWeek ?? 40,
      // Every fourth certificate has lapsed: such providers match only when certification is not required.
      certifications: p.certified ? [{ type: CERT_OF[p.kind], number: `${CERT_OF[p.kind] === 'care_worker' ? 'CW' : 'MI'}-${year - 2}-${String(i + 1).padStart(5, '0')}`, validUntil: `${year + (i % 4 === 3 ? -1 : 2)}-12-31` }] : [],
    }, id);
    await providers.verifyIn(m, id);
    await providers.setAvailabilityIn(m, id, { timezone: p.timezone, weekly: p.weekly, exceptions: [] });
  }
  return PROVIDERS.length;
}
