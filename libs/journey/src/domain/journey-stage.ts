import { DateTime } from 'luxon';

/** spec/journey.md: the stages of a journey, in order. */
export const STAGES = ['planning', 'visa_pending', 'visa_issued', 'in_korea', 'in_treatment', 'discharged', 'returned', 'follow_up'] as const;
export type Stage = (typeof STAGES)[number];

/** What the journey knows, as plain facts (the latest application not withdrawn, the patient's own visa, stay and admission). */
export interface JourneyFacts {
  now: Date;
  /** The patient's IANA time zone; instants are named in it. */
  timezone: string;
  application: {
    reference: string;
    status: string;
    supplement: { items: { documentType: string; name?: string }[]; respondBy: string | null } | null;
  } | null;
  visa: { number: string; enterBy: string; entryRefusal: 'cancelled' | 'expired' | 'entries_used' | null } | null;
  stay: { arrivedAt: Date; endsOn: string; departedAt: Date | null } | null;
  admission: { hospitalName: string; admittedAt: Date; dischargedAt: Date | null } | null;
  overstay: { endedOn: string } | null;
  /** Follow-up video appointments booked (telemedicine's events): the next one still to come, if any. */
  followUp: { next: Date | null } | null;
}

export interface StageAndSteps {
  stage: Stage;
  nextSteps: string[];
}

const DOCUMENTS: Record<string, string> = {
  passport_copy: 'a copy of the passport',
  medical_confirmation: 'the medical confirmation letter',
  diagnosis: 'the diagnosis from the home-country doctor',
  treatment_plan: 'the treatment plan',
  proof_of_funds: 'proof of funds',
  relationship_proof: 'proof of the relationship to the patient',
  caregiver_letter: "the caregiver's letter",
};

/** A date (YYYY-MM-DD) in words: "12 March 2027". */
export const dateInWords = (date: string): string => DateTime.fromISO(date).toFormat('d LLLL yyyy');

/** An instant in the patient's time zone: "12 March 2027 at 20:00 your time". */
export function instantInWords(iso: string | Date, zone: string): string {
  const dt = typeof iso === 'string' ? DateTime.fromISO(iso, { zone }) : DateTime.fromJSDate(iso, { zone });
  return `${dt.toFormat('d LLLL yyyy')} at ${dt.toFormat('HH:mm')} your time`;
}

function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Once a follow-up is booked: the next appointment, in the patient's own time zone. */
function followUp(f: { next: Date | null }, zone: string, steps: string[]): StageAndSteps {
  if (f.next) return { stage: 'follow_up', nextSteps: [...steps, `Your follow-up video appointment is on ${instantInWords(f.next, zone)}; join the video room from the appointment a few minutes early.`] };
  return { stage: 'follow_up', nextSteps: [...steps, 'No follow-up video appointment is booked now; book another with your doctor when you need one.'] };
}

/**
 * The stage of a journey and what the patient must do next, in plain English. Physical
 * events decide once the patient has arrived; before that, the application's status does.
 */
export function journeyStage(f: JourneyFacts): StageAndSteps {
  const steps: string[] = [];
  if (f.overstay) steps.push(`Your permitted stay ended on ${dateInWords(f.overstay.endedOn)}: leave Korea now and contact your hospital.`);
  const stayEnd = f.stay ? `Your permitted stay in Korea ends on ${dateInWords(f.stay.endsOn)}.` : '';

  if (f.stay && !f.stay.departedAt) {
    const admission = f.admission && f.admission.admittedAt >= f.stay.arrivedAt ? f.admission : null;
    if (admission && !admission.dischargedAt) {
      return { stage: 'in_treatment', nextSteps: [...steps, `Follow your treatment at ${admission.hospitalName}.`, ...(f.overstay ? [] : [stayEnd])] };
    }
    // Treated (discharged, or as an outpatient) and a follow-up booked: the last leg has begun.
    if (f.followUp) return followUp(f.followUp, f.timezone, steps);
    if (admission?.dischargedAt) {
      return { stage: 'discharged', nextSteps: f.overstay ? steps : [`Leave Korea by ${dateInWords(f.stay.endsOn)}, the last day of your permitted stay.`] };
    }
    return { stage: 'in_korea', nextSteps: [...steps, 'Go to your hospital to be admitted for your treatment.', ...(f.overstay ? [] : [stayEnd])] };
  }
  if (f.followUp) return followUp(f.followUp, f.timezone, steps);
  if (f.stay?.departedAt) {
    return { stage: 'returned', nextSteps: ['Tell your hospital how your recovery goes; follow-up care can continue by video appointment.'] };
  }

  const a = f.application;
  if (!a) return { stage: 'planning', nextSteps: ['Choose a hospital in the directory and start your visa application.'] };
  switch (a.status) {
    case 'draft':
      return { stage: 'planning', nextSteps: [`Complete application ${a.reference} with every document, then ask your hospital to sponsor it.`] };
    case 'sponsor_review':
      return { stage: 'planning', nextSteps: [`Wait for your hospital to review application ${a.reference} and submit it to immigration.`] };
    case 'rejected':
      return { stage: 'planning', nextSteps: [`Your visa application ${a.reference} was denied; contact your hospital about what to do next.`] };
    case 'submitted':
    case 'in_review':
      return { stage: 'visa_pending', nextSteps: [`Wait for the immigration officer's decision on application ${a.reference}.`] };
    case 'supplement_requested': {
      const items = (a.supplement?.items ?? []).map((i) => `${DOCUMENTS[i.documentType] ?? i.documentType.replace(/_/g, ' ')}${i.name ? ` for ${i.name}` : ''}`);
      const by = a.supplement?.respondBy ? `, by ${instantInWords(a.supplement.respondBy, f.timezone)}` : '';
      return { stage: 'visa_pending', nextSteps: [`Upload ${listInWords(items) || 'the documents'} requested by the officer for application ${a.reference}${by}.`] };
    }
    case 'approved': {
      if (!f.visa) return { stage: 'visa_issued', nextSteps: [`Your visa for application ${a.reference} is approved; download your visa grant notice.`] };
      if (f.visa.entryRefusal) {
        const why = f.visa.entryRefusal === 'cancelled' ? 'was cancelled' : f.visa.entryRefusal === 'expired' ? 'has expired' : 'allows no further entry';
        return { stage: 'visa_issued', nextSteps: [`Your visa ${f.visa.number} ${why}; contact your hospital about a new application.`] };
      }
      return { stage: 'visa_issued', nextSteps: [`Enter Korea by ${dateInWords(f.visa.enterBy)} and show your visa grant notice (visa ${f.visa.number}) at the border.`] };
    }
    default:
      return { stage: 'planning', nextSteps: ['Choose a hospital in the directory and start your visa application.'] };
  }
}
