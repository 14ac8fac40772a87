export const HOSPITAL_TYPES = ['tertiary_general', 'general', 'hospital', 'clinic', 'dental', 'korean_medicine'] as const;
export type HospitalType = (typeof HOSPITAL_TYPES)[number];

/** Korea's 17 provinces and metropolitan cities, as the spec spells them. */
export const REGIONS = [
  'Seoul', 'Busan', 'Daegu', 'Incheon', 'Gwangju', 'Daejeon', 'Ulsan', 'Sejong', 'Gyeonggi',
  'Gangwon', 'Chungbuk', 'Chungnam', 'Jeonbuk', 'Jeonnam', 'Gyeongbuk', 'Gyeongnam', 'Jeju',
] as const;
export type Region = (typeof REGIONS)[number];

export const CAPITAL_AREA: readonly Region[] = ['Seoul', 'Incheon', 'Gyeonggi'];

export const SPECIALTIES = [
  'plastic_surgery', 'dermatology', 'internal_medicine', 'health_screening', 'oncology', 'cardiology',
  'orthopedics', 'neurology', 'obstetrics_gynecology', 'ophthalmology', 'dentistry', 'korean_medicine',
  'organ_transplant', 'fertility', 'rehabilitation', 'pediatrics',
] as const;
export type Specialty = (typeof SPECIALTIES)[number];

export const DESIGNATION_STATUSES = ['active', 'suspended', 'expired', 'cancelled'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];

export const APPLICATION_STATUSES = ['pending', 'ineligible', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type DesignationRoute = 'fast_track' | 'reviewed';
