import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call, idempotencyKey, type Schemas } from '../../api/client';
import { mrzLines, readMrz } from '../../features/mrz/mrz';
import { fieldErrors, flat, useAction } from '../../features/problems/problems';
import { SPECIALTIES } from '../../features/hospitals/vocabulary';
import { consolePath } from '../../features/routes/routes';

type Relationship = Schemas['CompanionInputDto']['relationship'];
interface PersonValues { surname: string; givenNames: string; sex: 'M' | 'F' | 'X' | ''; dateOfBirth: string; nationality: string; passportNumber: string; passportExpiry: string; mrz: string }
interface Values {
  category: 'C-3-3' | 'G-1-10';
  entries: 'single' | 'double' | 'multiple';
  stayFrom: string; stayUntil: string;
  treatment: { specialty: string; summary: string; plannedStart: string; plannedEnd: string };
  patient: PersonValues & { email: string };
  companions: (PersonValues & { relationship: Relationship | '' })[];
}
const RELATIONSHIPS: Relationship[] = ['spouse', 'child', 'parent', 'sibling', 'caregiver', 'guardian'];
const blankPerson = (): PersonValues => ({ surname: '', givenNames: '', sex: '', dateOfBirth: '', nationality: '', passportNumber: '', passportExpiry: '', mrz: '' });

/**
 * A new application, guided: the stay and treatment, then each person, whose fields a pasted
 * passport MRZ fills. Saved as a draft; its page then asks for each person's documents and submits.
 */
export function NewApplication() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [key] = useState(idempotencyKey);
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: {
      category: 'C-3-3', entries: 'single', stayFrom: '', stayUntil: '',
      treatment: { specialty: '', summary: '', plannedStart: '', plannedEnd: '' },
      patient: { ...blankPerson(), email: '' },
      companions: [],
    },
  });
  const create = useAction((v: Values) => {
    const person = ({ mrz, ...p }: PersonValues) => ({ ...p, sex: p.sex as 'M' | 'F' | 'X', mrz: mrz.trim() ? mrzLines(mrz) : undefined });
    return call(api.POST('/api/v1/visa-applications', {
      params: { header: { 'Idempotency-Key': key } },
      body: {
        category: v.category, entries: v.entries, stayFrom: v.stayFrom, stayUntil: v.stayUntil, treatment: v.treatment,
        patient: { ...person(v.patient), email: v.patient.email },
        companions: v.companions.map((c) => ({ ...person(c), relationship: c.relationship as Relationship })),
      },
    }));
  }, { success: t('newApp.created'), onSuccess: (a) => navigate(consolePath({ page: 'application', id: a.id }, 'hospital_coordinator')) });

  const submit = form.onSubmit((v) => {
    setGeneral([]);
    create.mutate(v, { onError: (e) => { const { byField, rest } = fieldErrors(e, (p) => p in flat(form.values)); form.setErrors(byField); setGeneral(rest); } });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={960}>
        <Title order={2}>{t('newApp.title')}</Title>
        <Text size="sm">{t('newApp.intro')}</Text>
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">{t('newApp.stay')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('application.category')} data={[{ value: 'C-3-3', label: t('newApp.c33') }, { value: 'G-1-10', label: t('newApp.g110') }]} allowDeselect={false} {...form.getInputProps('category')} />
            <Select label={t('newApp.entries')} data={(['single', 'double', 'multiple'] as const).map((e) => ({ value: e, label: t(`application.entries.${e}`) }))} allowDeselect={false} {...form.getInputProps('entries')} />
            <TextInput type="date" label={t('newApp.stayFrom')} required {...form.getInputProps('stayFrom')} />
            <TextInput type="date" label={t('newApp.stayUntil')} required {...form.getInputProps('stayUntil')} />
            <Select label={t('newApp.specialty')} required searchable data={SPECIALTIES.map((s) => ({ value: s, label: t(`specialty.${s}`) }))} {...form.getInputProps('treatment.specialty')} />
            <Textarea label={t('newApp.summary')} required {...form.getInputProps('treatment.summary')} />
            <TextInput type="date" label={t('newApp.plannedStart')} required {...form.getInputProps('treatment.plannedStart')} />
            <TextInput type="date" label={t('newApp.plannedEnd')} required {...form.getInputProps('treatment.plannedEnd')} />
          </SimpleGrid>
        </Card>
        <PersonFields form={form} path="patient" title={t('newApp.patient')} />
        {form.values.companions.map((_, i) => (
          <PersonFields key={i} form={form} path={`companions.${i}`} title={t('newApp.companion', { n: i + 1 })} onRemove={() => form.removeListItem('companions', i)} />
        ))}
        <Button variant="light" w="fit-content" onClick={() => form.insertListItem('companions', { ...blankPerson(), relationship: '' })}>{t('newApp.addCompanion')}</Button>
        {general.length > 0 && <Alert color="red" role="alert" title={t('problems.failed')}>{general.map((g, i) => <div key={i}>{g}</div>)}</Alert>}
        <Button type="submit" loading={create.isPending} w="fit-content">{t('newApp.save')}</Button>
      </Stack>
    </form>
  );
}

function PersonFields({ form, path, title, onRemove }: { form: UseFormReturnType<Values>; path: string; title: string; onRemove?: () => void }) {
  const { t } = useTranslation();
  const [mrzNote, setMrzNote] = useState<string | null>(null);
  const companion = path.startsWith('companions');
  const fill = (text: string) => {
    const read = readMrz(text);
    if (!read) { setMrzNote(text.trim() ? t('newApp.mrzUnreadable') : null); return; }
    for (const [k, v] of Object.entries(read)) if (v) form.setFieldValue(`${path}.${k}`, v);
    setMrzNote(t('newApp.mrzFilled'));
  };
  const input = (field: string) => form.getInputProps(`${path}.${field}`);
  return (
    <Card withBorder component="fieldset" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">{title}</Title>
        {onRemove && <Button variant="subtle" color="red" size="compact-sm" onClick={onRemove}>{t('newApp.removeCompanion', { title })}</Button>}
      </Group>
      <Textarea
        label={t('newApp.mrz')}
        description={t('newApp.mrzHint')}
        autosize minRows={2}
        styles={{ input: { fontFamily: 'monospace' } }}
        {...input('mrz')}
        onChange={(e) => { form.setFieldValue(`${path}.mrz`, e.currentTarget.value); fill(e.currentTarget.value); }}
      />
      {mrzNote && <Text size="sm" mt={4} role="status">{mrzNote}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <TextInput label={t('person.surname')} required {...input('surname')} />
        <TextInput label={t('person.givenNames')} required {...input('givenNames')} />
        <Select label={t('person.sex')} required data={[{ value: 'M', label: t('person.male') }, { value: 'F', label: t('person.female') }, { value: 'X', label: t('person.unspecified') }]} {...input('sex')} />
        <TextInput type="date" label={t('person.dateOfBirth')} required {...input('dateOfBirth')} />
        <TextInput label={t('person.nationality')} description={t('person.nationalityHint')} required maxLength={3} {...input('nationality')} />
        <TextInput label={t('person.passport')} required {...input('passportNumber')} />
        <TextInput type="date" label={t('person.passportExpiry')} required {...input('passportExpiry')} />
        {companion
          ? <Select label={t('person.relationship')} required data={RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationship.${r}`) }))} {...input('relationship')} />
          : <TextInput type="email" label={t('person.email')} required {...input('email')} />}
      </SimpleGrid>
    </Card>
  );
}
