import { Alert, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../session/useSession';
import { fieldErrors, flat, useAction } from '../problems/problems';
import { AssignOfficer } from './AssignOfficer';
import { DOCUMENT_TYPES, personName, REASON_CODES, type Application, type DocumentType, type ReasonCode } from './labels';
import { Dialog } from '../dialog/Dialog';

/** The buttons a role may press on an application in its current state, each with its form. */
export function ApplicationActions({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const id = a.id;
  const path = { params: { path: { id } } };
  const startReview = useAction(() => call(api.POST('/api/v1/visa-applications/{id}/start-review', path)), { success: t('actions.reviewStarted') });
  const submit = useAction(() => call(api.POST('/api/v1/visa-applications/{id}/submit', path)), { success: t('actions.submitted') });
  const resubmit = useAction(() => call(api.POST('/api/v1/visa-applications/{id}/resubmit', path)), { success: t('actions.resubmitted') });
  const acceptSponsorship = useAction(() => call(api.POST('/api/v1/visa-applications/{id}/accept-sponsorship', path)), { success: t('actions.sponsorshipAccepted') });
  const requestSponsorship = useAction(() => call(api.POST('/api/v1/visa-applications/{id}/request-sponsorship', path)), { success: t('actions.sponsorshipRequested') });

  const officer = user.role === 'officer' || user.role === 'supervisor';
  const sponsor = user.role === 'hospital_coordinator';
  const applicant = sponsor || user.role === 'patient';
  const buttons: React.ReactNode[] = [];
  if (officer && a.status === 'submitted') buttons.push(<Button key="start" onClick={() => startReview.mutate(undefined)} loading={startReview.isPending}>{t('actions.startReview')}</Button>);
  if (officer && a.status === 'in_review') {
    buttons.push(<SupplementButton key="supp" application={a} />, <DecideButton key="decide" application={a} />);
  }
  if (user.role === 'supervisor' && ['submitted', 'in_review', 'supplement_requested'].includes(a.status)) buttons.push(<AssignOfficer key="assign" applicationId={a.id} currentOfficerId={a.assignedOfficerId} />);
  if (sponsor && (a.status === 'draft' || a.status === 'sponsor_review')) buttons.push(<Button key="submit" onClick={() => submit.mutate(undefined)} loading={submit.isPending}>{t('actions.submit')}</Button>);
  if (sponsor && a.status === 'sponsor_review') buttons.push(<ReasonButton key="decline" label={t('actions.declineSponsorship')} action="decline-sponsorship" id={id} />);
  if (user.role === 'patient' && a.status === 'draft') buttons.push(<Button key="sponsor" onClick={() => requestSponsorship.mutate(undefined)} loading={requestSponsorship.isPending}>{t('actions.requestSponsorship')}</Button>);
  if (user.role === 'patient' && a.patientConsent === 'awaiting') buttons.push(<Button key="consent" onClick={() => acceptSponsorship.mutate(undefined)} loading={acceptSponsorship.isPending}>{t('actions.acceptSponsorship')}</Button>);
  if (applicant && a.status === 'supplement_requested') buttons.push(<Button key="resubmit" onClick={() => resubmit.mutate(undefined)} loading={resubmit.isPending}>{t('actions.resubmit')}</Button>);
  if (applicant && !['approved', 'rejected', 'withdrawn'].includes(a.status)) buttons.push(<ReasonButton key="withdraw" label={t('actions.withdraw')} action="withdraw" id={id} color="red" />);
  if (!buttons.length) return null;
  return <Group aria-label={t('actions.group')} role="group">{buttons}</Group>;
}

function ReasonButton({ label, action, id, color }: { label: string; action: 'withdraw' | 'decline-sponsorship'; id: string; color?: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure();
  const form = useForm({ initialValues: { reason: '' } });
  const run = useAction((reason: string) => call(action === 'withdraw'
    ? api.POST('/api/v1/visa-applications/{id}/withdraw', { params: { path: { id } }, body: { reason } })
    : api.POST('/api/v1/visa-applications/{id}/decline-sponsorship', { params: { path: { id } }, body: { reason } })), { success: label, onSuccess: close });
  return (
    <>
      <Button variant="light" color={color} onClick={open}>{label}</Button>
      <Dialog opened={opened} onClose={close} title={label}>
        <form onSubmit={form.onSubmit((v) => run.mutate(v.reason, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p === 'reason').byField) }))}>
          <Stack>
            <Textarea label={t('actions.reason')} required {...form.getInputProps('reason')} />
            <Button type="submit" color={color} loading={run.isPending}>{label}</Button>
          </Stack>
        </form>
      </Dialog>
    </>
  );
}

function SupplementButton({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure();
  const form = useForm<{ reason: string; items: { personId: string; documentType: DocumentType | '' }[] }>({ initialValues: { reason: '', items: [{ personId: a.persons[0]?.id ?? '', documentType: '' }] } });
  const run = useAction((v: typeof form.values) => call(api.POST('/api/v1/visa-applications/{id}/request-supplement', {
    params: { path: { id: a.id } },
    body: { reason: v.reason, items: v.items.map((i) => ({ personId: i.personId || undefined, documentType: i.documentType as DocumentType })) },
  })), { success: t('actions.supplementRequested'), onSuccess: close });
  const persons = a.persons.map((p) => ({ value: p.id, label: personName(p) }));
  return (
    <>
      <Button variant="light" color="orange" onClick={open}>{t('actions.requestSupplement')}</Button>
      <Dialog opened={opened} onClose={close} title={t('actions.requestSupplement')} size="lg">
        <form onSubmit={form.onSubmit((v) => run.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in flat(form.values)).byField) }))}>
          <Stack>
            <Textarea label={t('actions.reason')} required {...form.getInputProps('reason')} />
            {form.values.items.map((_, i) => (
              <Group key={i} align="flex-end" grow>
                <Select label={t('actions.itemPerson', { n: i + 1 })} data={persons} {...form.getInputProps(`items.${i}.personId`)} />
                <Select label={t('actions.itemDocument', { n: i + 1 })} required data={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`document.${d}`) }))} {...form.getInputProps(`items.${i}.documentType`)} />
              </Group>
            ))}
            <Group>
              <Button variant="subtle" onClick={() => form.insertListItem('items', { personId: a.persons[0]?.id ?? '', documentType: '' })}>{t('actions.addItem')}</Button>
              {form.values.items.length > 1 && <Button variant="subtle" color="red" onClick={() => form.removeListItem('items', form.values.items.length - 1)}>{t('actions.removeItem')}</Button>}
            </Group>
            <Button type="submit" loading={run.isPending}>{t('actions.sendSupplement')}</Button>
          </Stack>
        </form>
      </Dialog>
    </>
  );
}

function DecideButton({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure();
  const form = useForm<{ persons: { personId: string; outcome: 'approve' | 'reject' | ''; reasonCode: ReasonCode | '' }[] }>({
    initialValues: { persons: a.persons.map((p) => ({ personId: p.id, outcome: '', reasonCode: '' })) },
  });
  const run = useAction((v: typeof form.values) => call(api.POST('/api/v1/visa-applications/{id}/decision', {
    params: { path: { id: a.id } },
    body: { persons: v.persons.map((p) => ({ personId: p.personId, outcome: p.outcome as 'approve' | 'reject', reasonCode: p.outcome === 'reject' ? (p.reasonCode || undefined) : undefined })) },
  })), { success: t('actions.decided'), onSuccess: close });
  return (
    <>
      <Button color="green.9" onClick={open}>{t('actions.decide')}</Button>
      <Dialog opened={opened} onClose={close} title={t('actions.decide')} size="lg">
        <form onSubmit={form.onSubmit((v) => run.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in flat(form.values)).byField) }))}>
          <Stack>
            {a.persons.map((p, i) => (
              <Stack key={p.id} gap={4}>
                <Text fw={600}>{personName(p)}</Text>
                <Group grow align="flex-end">
                  <Select label={t('actions.outcomeFor', { name: personName(p) })} required data={[{ value: 'approve', label: t('decision.approve') }, { value: 'reject', label: t('decision.reject') }]} {...form.getInputProps(`persons.${i}.outcome`)} />
                  <Select label={t('actions.reasonFor', { name: personName(p) })} disabled={form.values.persons[i].outcome !== 'reject'} data={REASON_CODES.map((r) => ({ value: r, label: t(`reason.${r}`) }))} {...form.getInputProps(`persons.${i}.reasonCode`)} />
                </Group>
              </Stack>
            ))}
            {run.isError && <Alert color="red">{t('problems.seeFields')}</Alert>}
            <Button type="submit" loading={run.isPending}>{t('actions.recordDecision')}</Button>
          </Stack>
        </form>
      </Dialog>
    </>
  );
}
