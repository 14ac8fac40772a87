import type { Schemas } from '../../api/client';

export type Specialty = Schemas['HospitalDto']['specialties'][number];
export type Region = Schemas['HospitalDto']['region'];

// Listed for pickers; typed against the API, so a value the API drops stops the build.
export const SPECIALTIES: Specialty[] = ['plastic_surgery','dermatology','internal_medicine','health_screening','oncology','cardiology','orthopedics','neurology','obstetrics_gynecology','ophthalmology','dentistry','korean_medicine','organ_transplant','fertility','rehabilitation','pediatrics'];
export const REGIONS: Region[] = ['Seoul','Busan','Daegu','Incheon','Gwangju','Daejeon','Ulsan','Sejong','Gyeonggi','Gangwon','Chungbuk','Chungnam','Jeonbuk','Jeonnam','Gyeongbuk','Gyeongnam','Jeju'];
