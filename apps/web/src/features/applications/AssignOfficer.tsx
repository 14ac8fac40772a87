import { Button, Select, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useAction } from '../problems/problems';
import { useOfficerLoad } from '../sla/queries';
import { Dialog } from '../dialog/Dialog';

/** The supervisor reassigns to an active officer, each shown with what they already hold. */
export function AssignOfficer({ applicationId, currentOfficerId }: { applicationId: string; currentOfficerId?: string | null }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure();
  const load = useOfficerLoad(opened);
  const [officerId, setOfficerId] = useState<string | null>(null);
  const assign = useAction(() => call(api.POST('/api/v1/visa-applications/{id}/assign', { params: { path: { id: applicationId } }, body: { officerId: officerId! } })), { success: t('actions.assigned'), onSuccess: close });
  const officers = (load.data?.officers ?? []).filter((o) => o.active && o.officerId !== currentOfficerId)
    .map((o) => ({ value: o.officerId, label: t('load.option', { name: o.name, open: o.open, atRisk: o.atRisk, breached: o.breached }) }));
  return (
    <>
      <Button variant="light" onClick={open}>{t('actions.assign')}</Button>
      <Dialog opened={opened} onClose={close} title={t('actions.assign')}>
        <Stack>
          <Select label={t('actions.assignTo')} data={officers} value={officerId} onChange={setOfficerId} searchable />
          <Button onClick={() => assign.mutate(undefined)} disabled={!officerId} loading={assign.isPending}>{t('actions.assign')}</Button>
        </Stack>
      </Dialog>
    </>
  );
}
