import type { ApplicationFacts, DomainEventName, DomainEventPayloads } from '@medjourney/platform';
import type { Action } from '../domain/application-state-machine.js';
import type { VisaApplication } from '../entities/visa-application.entity.js';

/** The domain event each action of the life cycle publishes (docs/events.md). */
export const ACTION_EVENTS = {
  create: 'visa-application.created',
  edit: 'visa-application.edited',
  request_sponsorship: 'visa-application.sponsorship-requested',
  decline_sponsorship: 'visa-application.sponsorship-declined',
  accept_sponsorship: 'visa-application.sponsorship-accepted',
  submit: 'visa-application.submitted',
  start_review: 'visa-application.review-started',
  request_supplement: 'visa-application.supplement-requested',
  resubmit: 'visa-application.resubmitted',
  decide: 'visa-application.decided',
  withdraw: 'visa-application.withdrawn',
  assign: 'visa-application.assigned',
  lapse: 'visa-application.lapsed',
} as const satisfies Record<Action | 'create', DomainEventName>;

type Details = Record<string, unknown> | null;
type Named = { id: string; givenNames: string; surname: string };

/**
 * The event of one recorded action, with the facts its subscribers need: the people named by
 * id and passport name, never a passport number or date of birth.
 */
export function applicationDomainEvent(
  app: VisaApplication,
  action: Action | 'create',
  from: string | null,
  actorRole: string,
  details: Details,
  persons: readonly Named[],
  supplementLapseMs: number,
): { name: DomainEventName; payload: DomainEventPayloads[DomainEventName] } {
  const facts: ApplicationFacts = {
    applicationId: app.id,
    reference: app.reference,
    sponsorHospitalId: app.sponsorHospitalId,
    patientUserId: app.patientUserId ?? null,
    fromStatus: from,
    toStatus: app.status,
    actorRole,
  };
  const name = ACTION_EVENTS[action];
  const nameOf = (personId: string | null | undefined) => {
    const p = persons.find((x) => x.id === personId);
    return p ? `${p.givenNames} ${p.surname}` : undefined;
  };
  switch (action) {
    case 'decline_sponsorship':
      return { name, payload: { ...facts, reason: (details?.reason as string | undefined) ?? null } };
    case 'request_supplement': {
      const items = (details?.items as { personId: string | null; documentType: string }[]) ?? [];
      const requestedAt = new Date(app.supplement?.requestedAt ?? Date.now());
      return {
        name,
        payload: {
          ...facts,
          reason: String(details?.reason ?? ''),
          items: items.map((i) => (i.personId ? { personId: i.personId, name: nameOf(i.personId), documentType: i.documentType } : { documentType: i.documentType })),
          respondBy: new Date(requestedAt.getTime() + supplementLapseMs).toISOString(),
        },
      };
    }
    case 'decide': {
      const outcomes = (details?.outcomes as { personId: string; outcome: 'approve' | 'reject'; reasonCode: string | null }[]) ?? [];
      return { name, payload: { ...facts, outcomes: outcomes.map((o) => ({ ...o, name: nameOf(o.personId) ?? '' })) } };
    }
    case 'assign':
      return { name, payload: { ...facts, officerId: (details?.to as string | undefined) ?? app.assignedOfficerId } };
    default:
      return { name, payload: facts };
  }
}
