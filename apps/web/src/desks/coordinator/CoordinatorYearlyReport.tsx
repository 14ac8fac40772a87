import { Alert, Badge, Button, Card, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, ApiProblem, call, type Schemas } from '../../api/client';
import { describeProblem, fieldErrors, flat, useAction } from '../../features/problems/problems';
import { consolePath } from '../../features/routes/routes';
import { useSession } from '../../features/session/useSession';
import { DateTime } from '../../features/time/DateTime';
import { formatDate, koreanYear } from '../../features/time/time';

type Report = Schemas['YearlyReportDto'];
type Reported = Schemas['ReportedViewDto'];
const OWN = ['inpatients', 'outpatients', 'revenueKrw'] as const;
const COMPUTED = ['patientsInvited', 'patientsArrived', 'applicationsSubmitted', 'applicationsGranted', 'applicationsRefused', 'overstays', 'entryRefusals'] as const;
const STATUS_COLOURS: Record<string, string> = { draft: 'gray', overdue: 'red', submitted: 'green' };

type OwnValues = Record<(typeof OWN)[number], number | string>;

const toForm = (r: Reported): OwnValues => ({ inpatients: r.inpatients ?? '', outpatients: r.outpatients ?? '', revenueKrw: r.revenueKrw ?? '' });
const fromForm = (v: OwnValues) => Object.fromEntries(OWN.map((k) => [k, v[k] === '' || v[k] === undefined ? null : Number(v[k])])) as Reported;

/**
 * The hospital's yearly report (spec/statistics.md): what MedJourney counted, read-only, beside
 * the fields only the hospital knows; saved as a draft, submitted once the year has ended, then
 * changed only by amendments, each a version of its own.
 */
export function CoordinatorYearlyReport() {
  const { t, i18n } = useTranslation();
  const { user } = useSession()!;
  const navigate = useNavigate();
  const hospitalId = user.hospitalId ?? '';
  const year = Number(useParams().id);
  const valid = Number.isInteger(year) && year >= 2000 && year <= koreanYear();
  const path = { params: { path: { id: hospitalId, year } } };
  const report = useQuery({ queryKey: ['yearly-report', hospitalId, year], queryFn: () => call(api.GET('/api/v1/hospitals/{id}/yearly-reports/{year}', path)), enabled: valid });
  const versions = useQuery({ queryKey: ['yearly-report-versions', hospitalId, year], queryFn: () => call(api.GET('/api/v1/hospitals/{id}/yearly-reports/{year}/versions', path)), enabled: valid });
  // This year's draft and the two before it, and whichever year the address names.
  const years = [...new Set([...Array.from({ length: 3 }, (_, i) => String(koreanYear() - i)), ...(valid ? [String(year)] : [])])];
  // The last day of February after the year.
  const dueOn = valid ? new Date(Date.UTC(year + 1, 2, 0)).toISOString().slice(0, 10) : null;

  return (
    <Stack>
      <Title order={2}>{t('yearlyReport.title', { year })}</Title>
      <Group align="flex-end">
        <Select label={t('yearlyReport.year')} allowDeselect={false} w={140} data={years} value={valid ? String(year) : null}
          onChange={(y) => y && navigate(consolePath({ page: 'yearlyReport', id: y }, 'hospital_coordinator'))} />
        {report.data && (
          <Group gap="xs" pb={6}>
            <Badge color={STATUS_COLOURS[report.data.status]} variant="filled">{t(`yearlyReport.statuses.${report.data.status}`)}</Badge>
            <Text size="sm">{t('yearlyReport.version', { version: report.data.version })}</Text>
            {report.data.submittedAt && <Text size="sm">{t('yearlyReport.submittedAt')} <DateTime value={report.data.submittedAt} /></Text>}
          </Group>
        )}
      </Group>
      {valid && <Text size="sm">{t('yearlyReport.intro', { year, dueOn: formatDate(dueOn, i18n.language) })}</Text>}
      {!valid && <Alert color="gray">{t('noDesk.body')}</Alert>}
      {report.isPending && valid && <Loader aria-label={t('common.loading')} />}
      {report.isError && <Alert color="red">{describeProblem(report.error)}</Alert>}
      {report.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Computed report={report.data} />
          {report.data.status === 'submitted' ? <Amend report={report.data} /> : <OwnFields report={report.data} />}
        </SimpleGrid>
      )}
      {versions.data && (
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">{t('yearlyReport.versions')}</Title>
          {versions.data.items.length === 0 ? <Text size="sm">{t('yearlyReport.noVersions')}</Text> : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Caption>{t('yearlyReport.versionsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('yearlyReport.versionNo')}</Table.Th><Table.Th>{t('yearlyReport.when')}</Table.Th><Table.Th>{t('yearlyReport.reason')}</Table.Th>
                    {OWN.map((k) => <Table.Th key={k}>{t(`yearlyReport.${k}`)}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {versions.data.items.map((v) => (
                    <Table.Tr key={v.version}>
                      <Table.Td>{v.version}</Table.Td><Table.Td><DateTime value={v.submittedAt} /></Table.Td><Table.Td>{v.reason ?? t('yearlyReport.firstSubmission')}</Table.Td>
                      {OWN.map((k) => <Table.Td key={k}>{v.reported[k]?.toLocaleString(i18n.language) ?? '—'}</Table.Td>)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      )}
    </Stack>
  );
}

/** The figures MedJourney computed: read-only. */
function Computed({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Title order={3} size="h4">{t('yearlyReport.computed')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('yearlyReport.computedHint')}</Text>
      <Table>
        <Table.Tbody>
          {COMPUTED.map((k) => (
            <Table.Tr key={k}><Table.Th scope="row">{t(`yearlyReport.prefilled.${k}`)}</Table.Th><Table.Td>{report.prefilled[k].toLocaleString(i18n.language)}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4} size="h5" mt="sm" mb="xs">{t('yearlyReport.byNationality')}</Title>
      {report.prefilled.byNationality.length === 0 ? <Text size="sm">{t('yearlyReport.noArrivals')}</Text> : (
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('yearlyReport.nationality')}</Table.Th><Table.Th>{t('yearlyReport.arrived')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {report.prefilled.byNationality.map((n) => <Table.Tr key={n.key}><Table.Td>{n.key}</Table.Td><Table.Td>{n.patientsArrived}</Table.Td></Table.Tr>)}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** Puts a refusal beside its field: validation errors by path, REPORT_INCOMPLETE on each empty field. */
function showBeside(error: unknown, form: { values: object; setErrors: (e: Record<string, string>) => void }, own: OwnValues, prefix: string, needed: string) {
  const byField = fieldErrors(error, (p) => p in flat(form.values)).byField;
  if (error instanceof ApiProblem && error.code === 'REPORT_INCOMPLETE') for (const k of OWN) if (own[k] === '') byField[`${prefix}${k}`] = needed;
  form.setErrors(byField);
}

/** The hospital's own fields of a draft or overdue report: save, or save and submit. */
function OwnFields({ report }: { report: Report }) {
  const { t } = useTranslation();
  const path = { params: { path: { id: report.hospitalId, year: report.year } } };
  const form = useForm<{ reported: OwnValues }>({ initialValues: { reported: toForm(report.reported) } });
  // The stored report is the truth after a save, a refused conflict or another tab's change.
  useEffect(() => {
    form.setValues({ reported: toForm(report.reported) });
    form.resetDirty({ reported: toForm(report.reported) });
  }, [report]);
  const put = (v: typeof form.values) => call(api.PUT('/api/v1/hospitals/{id}/yearly-reports/{year}', { ...path, body: { reported: fromForm(v.reported) } }));
  const save = useAction(put, { success: t('yearlyReport.saved') });
  const submit = useAction(async (v: typeof form.values) => {
    await put(v);
    return call(api.POST('/api/v1/hospitals/{id}/yearly-reports/{year}/submit', path));
  }, { success: t('yearlyReport.submitted') });
  const ended = report.year < koreanYear();
  const onError = (e: unknown) => showBeside(e, form, form.values.reported, 'reported.', t('yearlyReport.required'));
  return (
    <Card withBorder>
      <Title order={3} size="h4">{t('yearlyReport.own')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('yearlyReport.ownHint')}</Text>
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError }))}>
        <Stack gap="sm">
          {OWN.map((k) => <NumberInput key={k} label={t(`yearlyReport.${k}`)} min={0} allowDecimal={false} thousandSeparator="," {...form.getInputProps(`reported.${k}`)} />)}
          {!ended && <Alert color="gray">{t('yearlyReport.notEnded', { year: report.year, next: report.year + 1 })}</Alert>}
          <Group>
            <Button type="submit" variant="light" loading={save.isPending}>{t('yearlyReport.save')}</Button>
            <Button disabled={!ended} loading={submit.isPending} onClick={() => submit.mutate(form.values, { onError })}>{t('yearlyReport.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A submitted report: its fields as submitted, and an amendment with its reason. */
function Amend({ report }: { report: Report }) {
  const { t } = useTranslation();
  const form = useForm<{ reason: string; reported: OwnValues }>({ initialValues: { reason: '', reported: toForm(report.reported) } });
  useEffect(() => {
    form.setValues({ reason: '', reported: toForm(report.reported) });
    form.resetDirty({ reason: '', reported: toForm(report.reported) });
  }, [report]);
  const amend = useAction((v: typeof form.values) => call(api.POST('/api/v1/hospitals/{id}/yearly-reports/{year}/amend', {
    params: { path: { id: report.hospitalId, year: report.year } },
    body: { reason: v.reason, reported: fromForm(v.reported) },
  })), { success: t('yearlyReport.amended') });
  return (
    <Card withBorder>
      <Title order={3} size="h4">{t('yearlyReport.amendTitle')}</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('yearlyReport.amendHint')}</Text>
      <form onSubmit={form.onSubmit((v) => amend.mutate(v, { onError: (e) => showBeside(e, form, v.reported, 'reported.', t('yearlyReport.required')) }))}>
        <Stack gap="sm">
          {OWN.map((k) => <NumberInput key={k} label={t(`yearlyReport.${k}`)} min={0} allowDecimal={false} thousandSeparator="," {...form.getInputProps(`reported.${k}`)} />)}
          <Textarea label={t('yearlyReport.reason')} required autosize minRows={2} {...form.getInputProps('reason')} />
          <Button type="submit" w="fit-content" loading={amend.isPending}>{t('yearlyReport.amend')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
