import { CreateVisaApplications1763900005000 } from './1763900005000-CreateVisaApplications.js';
import { VisasInUse1764800000500 } from './1764800000500-VisasInUse.js';
import { SponsorshipConsent1765200000000 } from './1765200000000-SponsorshipConsent.js';
import { IndexDecidedApplications1765550001000 } from './1765550001000-IndexDecidedApplications.js';
import { StorePassportNumberMasked1765700001000 } from './1765700001000-StorePassportNumberMasked.js';

/** The tables visas owns: patients, applications, persons, documents, their history, and visas. */
export const VISAS_MIGRATIONS = [CreateVisaApplications1763900005000, VisasInUse1764800000500, SponsorshipConsent1765200000000, IndexDecidedApplications1765550001000, StorePassportNumberMasked1765700001000];
