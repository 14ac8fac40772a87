import type { DesignationApplicationDto, DesignationDto } from '../dto/designation.dto.js';
import type { CurrentDesignationSummaryDto, HospitalDto, ValidityDto } from '../dto/hospital.dto.js';
import { problemRate } from '../domain/designation-scoring.js';
import type { DesignationApplication } from '../entities/designation-application.entity.js';
import type { Designation } from '../entities/designation.entity.js';
import type { Hospital } from '../entities/hospital.entity.js';

/** A registration or certification is valid through its last day, in Korean dates. */
export const validOn = (validUntil: string | null, today: string): boolean => validUntil !== null && validUntil >= today;

const validity = (number: string | null, validUntil: string | null, today: string): ValidityDto | null =>
  number && validUntil ? { number, validUntil, valid: validOn(validUntil, today) } : null;

export function hospitalView(h: Hospital, today: string, designation: Designation | null): HospitalDto {
  const summary: CurrentDesignationSummaryDto | null = designation ? { year: designation.year, status: designation.status, validUntil: designation.validUntil } : null;
  return {
    id: h.id,
    name: h.name,
    nameLocal: h.nameLocal,
    licenseNumber: h.licenseNumber,
    type: h.type,
    bedCount: h.bedCount,
    region: h.region,
    address: h.address,
    specialties: h.specialties,
    languages: h.languages,
    registration: validity(h.registrationNumber, h.registrationValidUntil, today),
    certifications: { kahf: validity(h.kahfNumber, h.kahfValidUntil, today), koiha: validity(h.koihaNumber, h.koihaValidUntil, today) },
    kHealthcareMark: h.kHealthcareMarkAwardedAt !== null,
    kHealthcareMarkAwardedAt: h.kHealthcareMarkAwardedAt?.toISOString() ?? null,
    designation: summary,
    version: h.version,
  };
}

export function applicationView(a: DesignationApplication): DesignationApplicationDto {
  const d = a.declaredFigures;
  const s = a.systemFigures;
  const figures = {
    applications: s.applications + d.applications,
    persons: s.persons + d.persons,
    refusals: s.refusals + d.refusals,
    overstays: s.overstays + d.overstays,
    entryRefusals: s.entryRefusals + d.entryRefusals,
  };
  return {
    id: a.id,
    hospitalId: a.hospitalId,
    year: a.year,
    status: a.status,
    route: a.route,
    systemFigures: s,
    declaredFigures: d,
    figures,
    problemRate: Math.round(problemRate(figures) * 10000) / 10000,
    score: a.score ?? 0,
    scoreBreakdown: a.scoreBreakdown!,
    eligibilityFailures: a.eligibilityFailures,
    decisionNote: a.decisionNote,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    submittedAt: a.submittedAt.toISOString(),
    version: a.version,
  };
}

export function designationView(d: Designation): DesignationDto {
  return {
    id: d.id,
    hospitalId: d.hospitalId,
    year: d.year,
    status: d.status,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    score: d.score,
    route: d.route,
    sanctionLevel: d.sanctionLevel,
    suspendedUntil: d.suspendedUntil?.toISOString() ?? null,
    statusNote: d.statusNote,
    version: d.version,
  };
}
