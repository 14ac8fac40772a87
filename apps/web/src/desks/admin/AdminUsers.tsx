import { Alert, Badge, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, idempotencyKey, type Schemas } from '../../api/client';
import { describeProblem, fieldErrors, useAction } from '../../features/problems/problems';
import { DateTime } from '../../features/time/DateTime';

type StaffRole = Schemas['CreateUserDto']['role'];
const STAFF_ROLES: StaffRole[] = ['hospital_coordinator', 'clinician', 'care_provider', 'officer', 'supervisor', 'ministry_reviewer', 'admin'];

/** Users: create a staff account (an invitation is sent), deactivate and reactivate. */
export function AdminUsers() {
  const { t } = useTranslation();
  const [role, setRole] = useState<Schemas['UserDto']['role'] | null>(null);
  const users = useInfiniteQuery({
    queryKey: ['users', role],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/users', { params: { query: { role: role ?? undefined, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const setActive = useAction((v: { id: string; active: boolean }) => call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: v.id } }, body: { active: v.active } })), { success: t('users.updated') });
  return (
    <Stack>
      <Title order={2}>{t('users.title')}</Title>
      <CreateUser />
      <Select label={t('users.filterRole')} clearable w={260} value={role} onChange={(v) => setRole(v as typeof role)} data={(['patient', ...STAFF_ROLES] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      {users.isPending && <Loader aria-label={t('common.loading')} />}
      {users.isError && <Alert color="red">{describeProblem(users.error)}</Alert>}
      <Table.ScrollContainer minWidth={1000}>
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>{t('users.name')}</Table.Th><Table.Th>{t('signIn.email')}</Table.Th><Table.Th>{t('users.role')}</Table.Th><Table.Th>{t('users.state')}</Table.Th><Table.Th>{t('users.created')}</Table.Th><Table.Th>{t('actions.group')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {users.data?.pages.flatMap((p) => p.items).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Badge variant="filled" color={u.active ? 'green.9' : 'gray.7'}>{u.active ? t('users.active') : t('users.inactive')}</Badge></Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><DateTime value={u.createdAt} /></Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" color={u.active ? 'red' : undefined} onClick={() => setActive.mutate({ id: u.id, active: !u.active })}>
                    {u.active ? t('users.deactivate', { name: u.name }) : t('users.reactivate', { name: u.name })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {users.hasNextPage && <Button variant="light" w="fit-content" onClick={() => void users.fetchNextPage()}>{t('common.more')}</Button>}
    </Stack>
  );
}

function CreateUser() {
  const { t } = useTranslation();
  const [key, setKey] = useState(idempotencyKey);
  const [invite, setInvite] = useState<string | null>(null);
  const form = useForm<{ name: string; email: string; role: StaffRole | ''; hospitalId: string; careProviderId: string }>({ initialValues: { name: '', email: '', role: '', hospitalId: '', careProviderId: '' } });
  // The hospital and the care provider are picked by name, not typed as ids.
  const needsHospital = form.values.role === 'hospital_coordinator' || form.values.role === 'clinician';
  const hospitals = useQuery({ queryKey: ['hospitals'], queryFn: () => call(api.GET('/api/v1/hospitals', { params: { query: { limit: 100 } } })), enabled: needsHospital });
  const providers = useQuery({ queryKey: ['care-providers'], queryFn: () => call(api.GET('/api/v1/care-providers', { params: { query: { limit: 100 } } })), enabled: form.values.role === 'care_provider' });
  const create = useAction((v: typeof form.values) => call(api.POST('/api/v1/users', {
    params: { header: { 'Idempotency-Key': key } },
    body: { name: v.name, email: v.email, role: v.role as StaffRole, hospitalId: v.hospitalId || undefined, careProviderId: v.careProviderId || undefined },
  })), {
    success: t('users.createdOk'),
    onSuccess: (created) => { form.reset(); setKey(idempotencyKey()); setInvite(created.email); },
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">{t('users.create')}</Title>
      <form onSubmit={form.onSubmit((v) => create.mutate(v, { onError: (e) => form.setErrors(fieldErrors(e, (p) => p in form.values).byField) }))}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput label={t('users.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('signIn.email')} type="email" required {...form.getInputProps('email')} />
          <Select label={t('users.role')} required data={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} {...form.getInputProps('role')} />
          {needsHospital && <Select label={t('users.hospitalId')} required searchable data={(hospitals.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))} {...form.getInputProps('hospitalId')} />}
          {form.values.role === 'care_provider' && <Select label={t('users.careProviderId')} required searchable data={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} {...form.getInputProps('careProviderId')} />}
        </SimpleGrid>
        <Group mt="md"><Button type="submit" loading={create.isPending}>{t('users.createButton')}</Button></Group>
      </form>
      {invite && <Alert mt="sm" color="green" role="status">{t('users.inviteSent', { email: invite })}</Alert>}
    </Card>
  );
}
