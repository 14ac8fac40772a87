/**
 * What officers and supervisors read of a journey (spec/journey.md): the visa and border
 * entries (applications, decisions, visas, arrivals, departures, entry refusals, overstays),
 * never care or follow-up entries, and only of applications that reached immigration (an
 * officer never sees a draft, security.md).
 */
export const IMMIGRATION_ENTRY_TYPES: ReadonlySet<string> = new Set([
  'application_created', 'application_submitted', 'review_started', 'supplement_requested', 'application_resubmitted',
  'application_approved', 'application_rejected', 'visa_issued', 'application_withdrawn',
  'arrived', 'departed', 'entry_refused', 'overstay_detected',
]);

interface Entry {
  type: string;
  refs: Record<string, unknown>;
}

export function immigrationEntries<E extends Entry>(entries: readonly E[]): E[] {
  const submitted = new Set(entries.filter((e) => e.type === 'application_submitted').map((e) => e.refs.applicationId));
  return entries.filter((e) => IMMIGRATION_ENTRY_TYPES.has(e.type) && (e.refs.applicationId === undefined || submitted.has(e.refs.applicationId)));
}
