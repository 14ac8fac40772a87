/**
 * The source catalogue of the appointment e-mails (ICU MessageFormat); every language says the
 * same keys with the same arguments. `what.*` name the appointment as it is to each participant,
 * at the start of a sentence; times arrive in the reader's zone and language.
 */
export const en = {
  'what.patient': 'Your follow-up video appointment with {clinician} of {hospital}',
  'what.clinician': 'Your follow-up video consultation with {patient}',
  'what.interpreter': 'The follow-up video appointment of {patient} with {clinician} of {hospital}, which you interpret',
  'what.local_clinician': 'The video consultation with {clinician} of {hospital} about your patient {patient}',
  join: 'Join the video room a few minutes early: {room}',
  'booked.subject': 'Follow-up video appointment on {when}',
  'booked.text': 'Hello {name},\n\n{what} is booked for {when}.\n\n{join}\n\nThe attached invitation adds it to your calendar.\n',
  'rescheduled.subject': 'Follow-up video appointment moved to {when}',
  'rescheduled.text': 'Hello {name},\n\n{what} has moved from {previous} to {when}.\n\n{join}\n\nThe attached invitation updates your calendar.\n',
  'rescheduled.textWithoutPrevious': 'Hello {name},\n\n{what} has moved to {when}.\n\n{join}\n\nThe attached invitation updates your calendar.\n',
  'cancelled.subject': 'Cancelled: follow-up video appointment on {when}',
  'cancelled.text': 'Hello {name},\n\n{what} on {when} is cancelled.\n\nThe attached cancellation removes it from your calendar.\n',
  'reminder.subject': 'Follow-up video consultation {lead, select, day {in 24 hours} other {in 1 hour}}: {when}',
  'reminder.text': 'Hello {name},\n\n{what} starts {lead, select, day {in 24 hours} other {in 1 hour}}, on {when}.\n\n{join}\n',
};

export type LetterKey = keyof typeof en;
