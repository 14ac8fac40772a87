import type { AppConfig } from '@medjourney/platform';

/** The processing target of a track (spec/sla.md: SLA_TARGET, SLA_TARGET_CERTIFICATE). */
export function targetOf(sla: AppConfig['sla'], track: 'e_visa' | 'certificate'): string {
  return track === 'e_visa' ? sla.target : sla.targetCertificate;
}
