/**
 * The source catalogue of the notices patients and care providers receive (ICU MessageFormat);
 * every other language says the same keys with the same arguments (messages.spec.ts). Times
 * arrive formatted in the reader's zone and language.
 */
export const en = {
  'consent.title': 'A hospital filed visa application {reference} for you',
  'consent.body': 'A hospital filed visa application {reference} in your name. If you want this hospital to sponsor your visa and follow your treatment, open the application and accept its sponsorship; until you do, the hospital sees only this application and cannot submit it. If you do not know this hospital, withdraw the application.',
  'declined.title': 'The hospital declined to sponsor your visa application {reference}',
  'declined.body': 'The hospital you asked declined to sponsor visa application {reference}. Your draft is kept: you can change it and ask the hospital again, or ask another hospital.',
  'declined.bodyWithReason': 'The hospital you asked declined to sponsor visa application {reference}, giving this reason: "{reason}". Your draft is kept: you can change it and ask the hospital again, or ask another hospital.',
  'supplement.title': 'Documents requested for visa application {reference}',
  'supplement.body': 'The immigration officer asks for: {documents}. Reason: {reason}. Upload them and resubmit the application by {respondBy}; otherwise it is withdrawn automatically. The processing clock is paused until then.',
  'document.passport_copy': 'a copy of the passport',
  'document.medical_confirmation': 'the medical confirmation letter',
  'document.diagnosis': 'the diagnosis',
  'document.treatment_plan': 'the treatment plan',
  'document.proof_of_funds': 'proof of funds',
  'document.relationship_proof': 'proof of the relationship to the patient',
  'document.caregiver_letter': "the caregiver's letter",
  'document.forPerson': '{document} for {name}',
  'document.separator': '; ',
  'decision.title': 'Decision on visa application {reference}',
  'decision.approved': '{name}: visa approved',
  'decision.refused': '{name}: visa refused',
  'decision.refusedWithReason': '{name}: visa refused (reason {reasonCode})',
  'decision.separator': '. ',
  'decision.body': '{outcomes}. {next}',
  'decision.nextApproved': 'Download the visa grant notice from the application and keep it with the passport for the journey.',
  'decision.nextRefused': 'A new application can be filed once the reason for the refusal has been addressed.',
  'lapsed.title': 'Visa application {reference} was withdrawn: the requested documents did not arrive in time',
  'lapsed.body': 'Visa application {reference} was withdrawn automatically because the documents the officer asked for were not submitted in time. If the patient still needs to travel, file a new application with every requested document.',
  'reminder.title': 'Follow-up video appointment {lead, select, day {in 24 hours} other {in 1 hour}}',
  'reminder.body': '{role, select, patient {Your follow-up video appointment} clinician {Your follow-up video consultation} other {The follow-up video appointment you interpret}} starts {lead, select, day {in 24 hours} other {in 1 hour}}, on {start}. Open the appointment to join the video room a few minutes early.',
  'offered.title': 'New assignment: {kind, select, interpreter {interpreter} other {caregiver}} at {hospital}, {start}',
  'offered.body': '{hospital} has booked you as {kind, select, interpreter {an interpreter} other {a caregiver}} from {start} to {end}. The time is held for you: accept or decline by {respondBy}. Without an answer by then the assignment expires and is offered to someone else.',
  'cancelled.title': 'Assignment cancelled: {start} at {hospital}',
  'cancelled.body': '{hospital} cancelled your booking as {kind, select, interpreter {an interpreter} other {a caregiver}} from {start} to {end}. The time is free again; nothing to do.',
};

export type NoticeKey = keyof typeof en;
