import type { EntityManager } from 'typeorm';
import { designationYearBounds, designationYearOf } from '../domain/designation-year.js';
import type { HospitalType, Region, Specialty } from '../domain/vocabulary.js';

interface DemoHospital {
  id: string;
  name: string;
  nameLocal: string;
  type: HospitalType;
  beds: number;
  region: Region;
  address: string;
  specialties: Specialty[];
  languages: string[];
  kahf?: boolean;
  koiha?: boolean;
  mark?: boolean;
  designation?: { route: 'fast_track' | 'reviewed'; score: number };
}

const id = (n: number) => `8a1c2d3e-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A dozen realistic hospitals; the first is the demo coordinator's and clinician's. */
export const DEMO_HOSPITALS: DemoHospital[] = [
  { id: id(1), name: 'Seoul Riverside University Hospital', nameLocal: '서울리버사이드대학교병원', type: 'tertiary_general', beds: 1800, region: 'Seoul', address: '101 Daehak-ro, Jongno-gu, Seoul', specialties: ['oncology', 'cardiology', 'organ_transplant', 'health_screening', 'neurology'], languages: ['en', 'ru', 'zh', 'ar', 'mn'], kahf: true, koiha: true, mark: true, designation: { route: 'fast_track', score: 92.5 } },
  { id: id(2), name: 'Hangang Medical Center', nameLocal: '한강의료원', type: 'tertiary_general', beds: 2100, region: 'Seoul', address: '81 Irwon-ro, Gangnam-gu, Seoul', specialties: ['oncology', 'orthopedics', 'fertility', 'pediatrics', 'health_screening'], languages: ['en', 'zh', 'ja', 'vi'], kahf: true, koiha: true, mark: true, designation: { route: 'fast_track', score: 95 } },
  { id: id(3), name: 'Busan Haeundae General Hospital', nameLocal: '부산해운대종합병원', type: 'general', beds: 300, region: 'Busan', address: '875 Haeun-daero, Haeundae-gu, Busan', specialties: ['internal_medicine', 'orthopedics', 'health_screening', 'rehabilitation'], languages: ['en', 'ru', 'ja'], koiha: true, designation: { route: 'reviewed', score: 74.2 } },
  { id: id(4), name: 'Gangnam Line Plastic Surgery Clinic', nameLocal: '강남라인성형외과의원', type: 'clinic', beds: 12, region: 'Seoul', address: '412 Gangnam-daero, Gangnam-gu, Seoul', specialties: ['plastic_surgery'], languages: ['en', 'zh', 'ja', 'th'], mark: true, designation: { route: 'reviewed', score: 68.4 } },
  { id: id(5), name: 'Apgujeong Glow Dermatology Clinic', nameLocal: '압구정글로우피부과의원', type: 'clinic', beds: 0, region: 'Seoul', address: '30 Apgujeong-ro, Gangnam-gu, Seoul', specialties: ['dermatology'], languages: ['en', 'zh', 'ja'], designation: { route: 'reviewed', score: 63.1 } },
  { id: id(6), name: 'Cheongdam V Plastic Surgery', nameLocal: '청담브이성형외과의원', type: 'clinic', beds: 20, region: 'Seoul', address: '15 Dosan-daero 81-gil, Gangnam-gu, Seoul', specialties: ['plastic_surgery', 'dermatology'], languages: ['en', 'zh', 'ru', 'kk'], designation: { route: 'reviewed', score: 66.8 } },
  { id: id(7), name: 'Gangnam Harmony Korean Medicine Hospital', nameLocal: '강남하모니한방병원', type: 'korean_medicine', beds: 120, region: 'Seoul', address: '536 Gangnam-daero, Gangnam-gu, Seoul', specialties: ['korean_medicine', 'rehabilitation'], languages: ['en', 'ru', 'mn'], kahf: true, designation: { route: 'fast_track', score: 61 } },
  { id: id(8), name: 'Smile Seoul Dental Clinic', nameLocal: '스마일서울치과의원', type: 'dental', beds: 0, region: 'Seoul', address: '12 Teheran-ro, Gangnam-gu, Seoul', specialties: ['dentistry'], languages: ['en', 'zh', 'vi'], designation: { route: 'reviewed', score: 62.5 } },
  { id: id(9), name: 'Daegu Sunrise General Hospital', nameLocal: '대구선라이즈종합병원', type: 'general', beds: 450, region: 'Daegu', address: '56 Dalgubeol-daero, Jung-gu, Daegu', specialties: ['internal_medicine', 'cardiology', 'ophthalmology'], languages: ['en', 'ru', 'uz'], koiha: true, designation: { route: 'reviewed', score: 78.9 } },
  { id: id(10), name: 'Incheon Airport Medical Center', nameLocal: '인천공항의료센터', type: 'hospital', beds: 150, region: 'Incheon', address: '272 Gonghang-ro, Jung-gu, Incheon', specialties: ['health_screening', 'internal_medicine'], languages: ['en', 'zh', 'ja', 'ru'], designation: { route: 'reviewed', score: 64 } },
  { id: id(11), name: 'Jeju Wellness Rehabilitation Hospital', nameLocal: '제주웰니스재활병원', type: 'hospital', beds: 90, region: 'Jeju', address: '45 Yeondong-ro, Jeju-si, Jeju', specialties: ['rehabilitation', 'orthopedics'], languages: ['en', 'zh'] },
  { id: id(12), name: 'Sinsa Bloom Clinic', nameLocal: '신사블룸의원', type: 'clinic', beds: 0, region: 'Seoul', address: '20 Dosan-daero 13-gil, Gangnam-gu, Seoul', specialties: ['dermatology', 'plastic_surgery'], languages: ['en', 'th'] },
];

/** Registers the demo hospitals and designates most of them for the current year. */
export async function seedDemoHospitals(m: EntityManager, now: Date, yearStart: string): Promise<number> {
  const year = designationYearOf(now, yearStart);
  const { validFrom, validUntil } = designationYearBounds(year, yearStart);
  const later = (years: number) => `${now.getUTCFullYear() + years}-12-31`;
  for (const [i, h] of DEMO_HOSPITALS.entries()) {
    await m.query(
      `INSERT INTO hospitals (id, name, name_local, license_number, type, bed_count, region, address, specialties, languages,
                              registration_number, registration_valid_until, kahf_number, kahf_valid_until, koiha_number, koiha_valid_until, k_healthcare_mark_awarded_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
      [
        h.id, h.name, h.nameLocal, `1110${String(i + 1).padStart(4, '0')}`, h.type, h.beds, h.region, h.address, h.specialties, h.languages,
        `FPA-${now.getUTCFullYear() - 1}-${String(i + 1).padStart(4, '0')}`, later(2),
        h.kahf ? `KAHF-${String(i + 1).padStart(3, '0')}` : null, h.kahf ? later(3) : null,
        h.koiha ? `KOIHA-${String(i + 1).padStart(3, '0')}` : null, h.koiha ? later(2) : null,
        h.mark ? now : null,
      ],
    );
    if (h.designation) {
      await m.query(
        `INSERT INTO designations (hospital_id, year, status, valid_from, valid_until, score, route) VALUES ($1, $2, 'active', $3, $4, $5, $6)`,
        [h.id, year, validFrom, validUntil, h.designation.score, h.designation.route],
      );
    }
  }
  return DEMO_HOSPITALS.length;
}
