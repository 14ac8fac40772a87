import { Alert, Button, Card, FileInput, Group, Image, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { download, objectUrl, uploadWithProgress } from '../../api/upload';
import { requiredDocuments } from '../../../../../libs/visas/src/domain/document-matrix';
import { useSession } from '../session/useSession';
import { describeProblem, useAction } from '../problems/problems';
import { DateTime } from '../time/DateTime';
import { DOCUMENT_TYPES, personName, type Application, type DocumentType, type DocumentView, type Person } from './labels';
import { useDocuments } from './queries';

/**
 * The documents person by person: what each needs (the API's own document matrix), what is
 * uploaded (images shown inline, PDFs opened), and an upload with progress while the
 * application takes documents.
 */
export function DocumentsPanel({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const docs = useDocuments(a.id);
  const open = a.status === 'draft' || a.status === 'sponsor_review' || a.status === 'supplement_requested';
  const mayUpload = open && (user.role === 'hospital_coordinator' || user.role === 'patient');
  // Before submission the track is not fixed; the e-visa track's list is the shorter, the certificate adds proof of funds.
  const required = requiredDocuments(a.track ?? 'e_visa', a.category, a.persons.map((p) => ({ id: p.id, role: p.role, relationship: p.relationship ?? null })));

  return (
    <section aria-labelledby="documents-heading">
      <Title order={3} id="documents-heading" mb="xs">{t('documents.title')}</Title>
      {docs.isError && <Alert color="red">{describeProblem(docs.error)}</Alert>}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {a.persons.map((p) => (
          <PersonDocuments key={p.id} application={a} person={p} documents={(docs.data ?? []).filter((d) => d.personId === p.id)}
            needed={required.filter((r) => r.personId === p.id).map((r) => r.type)} mayUpload={mayUpload} mayDelete={mayUpload} />
        ))}
      </SimpleGrid>
    </section>
  );
}

function PersonDocuments({ application: a, person, documents, needed, mayUpload, mayDelete }: { application: Application; person: Person; documents: DocumentView[]; needed: DocumentType[]; mayUpload: boolean; mayDelete: boolean }) {
  const { t } = useTranslation();
  const missing = needed.filter((n) => !documents.some((d) => d.type === n));
  return (
    <Card withBorder>
      <Text fw={600}>{personName(person)}</Text>
      <Text size="sm">{t('documents.needed')}: {needed.map((n) => t(`document.${n}`)).join(', ')}</Text>
      {missing.length > 0 && <Text size="sm" c="orange.9">{t('documents.missing')}: {missing.map((n) => t(`document.${n}`)).join(', ')}</Text>}
      <Stack gap="xs" mt="xs">
        {documents.map((d) => <DocumentRow key={d.id} applicationId={a.id} document={d} mayDelete={mayDelete} />)}
      </Stack>
      {mayUpload && <UploadForm application={a} person={person} suggested={missing[0]} />}
    </Card>
  );
}

function DocumentRow({ applicationId, document: d, mayDelete }: { applicationId: string; document: DocumentView; mayDelete: boolean }) {
  const { t } = useTranslation();
  const path = `/api/v1/visa-applications/${applicationId}/documents/${d.id}/content`;
  const [src, setSrc] = useState<string | null>(null);
  const image = d.contentType !== 'application/pdf';
  useEffect(() => {
    if (!image) return;
    let url: string | null = null;
    void objectUrl(path).then((u) => { url = u; setSrc(u); }).catch(() => setSrc(null));
    return () => { if (url) URL.revokeObjectURL(url); };
  }, [path, image]);
  const remove = useAction(() => call(api.DELETE('/api/v1/visa-applications/{id}/documents/{docId}', { params: { path: { id: applicationId, docId: d.id } } })), { success: t('documents.removed') });
  return (
    <Group wrap="nowrap" align="flex-start">
      {image && src && <Image src={src} alt={t('documents.preview', { type: t(`document.${d.type}`) })} w={96} h={96} fit="contain" />}
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500}>{t(`document.${d.type}`)}</Text>
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>{d.filename} · {Math.ceil(d.size / 1024)} KB · <DateTime value={d.uploadedAt} /></Text>
        <Group gap="xs">
          <Button size="compact-xs" variant="light" onClick={() => void download(path, d.filename)}>{t('documents.download', { name: d.filename })}</Button>
          {mayDelete && <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(undefined)}>{t('documents.remove', { name: d.filename })}</Button>}
        </Group>
      </Stack>
    </Group>
  );
}

function UploadForm({ application: a, person, suggested }: { application: Application; person: Person; suggested?: DocumentType }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The type shown is the one picked, else the first still missing, derived in the same render
  // as the list: an effect copying the suggestion into state landed a frame after the list, and
  // a type picked in that frame was overwritten (or, re-picked, deselected).
  const [picked, setPicked] = useState<DocumentType | null>(null);
  const type = picked ?? suggested ?? null;
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = personName(person);

  const upload = async () => {
    if (!file || !type) return;
    setError(null);
    setProgress(0);
    const form = new FormData();
    form.append('type', type);
    form.append('personId', person.id);
    form.append('file', file);
    try {
      const stored = await uploadWithProgress<DocumentView>(`/api/v1/visa-applications/${a.id}/documents`, form, setProgress);
      // The stored document joins the list at once, so the next suggestion shows with the form's
      // reset; a pick made after this moment is never undone by the refetch that follows.
      queryClient.setQueryData<DocumentView[]>(['application', a.id, 'documents'], (docs) => docs && [...docs, stored]);
      setFile(null);
      setPicked(null);
      void queryClient.invalidateQueries({ queryKey: ['application', a.id] });
    } catch (e) {
      setError(describeProblem(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack gap="xs" mt="sm">
      <Group grow align="flex-end">
        <Select label={t('documents.typeFor', { name })} data={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`document.${d}`) }))} value={type} onChange={(v) => setPicked(v as DocumentType | null)} allowDeselect={false} />
        <FileInput label={t('documents.fileFor', { name })} accept="application/pdf,image/jpeg,image/png" value={file} onChange={setFile} clearable />
      </Group>
      {progress !== null && <Progress value={progress * 100} aria-label={t('documents.progress', { name })} animated />}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Button onClick={() => void upload()} disabled={!file || !type} loading={progress !== null} w="fit-content">{t('documents.upload', { name })}</Button>
    </Stack>
  );
}
