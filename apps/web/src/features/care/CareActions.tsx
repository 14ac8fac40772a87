import { Button, Group, NumberInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../session/useSession';
import { useAction } from '../problems/problems';
import type { CareAssignment } from './CareAssignmentList';

/** Accept or decline (the provider), cancel or complete with a rating (the coordinator). */
export function CareActions({ assignment: a }: { assignment: CareAssignment }) {
  const { t } = useTranslation();
  const { user } = useSession()!;
  const path = { params: { path: { id: a.id } } };
  const accept = useAction(() => call(api.POST('/api/v1/care-assignments/{id}/accept', path)), { success: t('care.accepted') });
  const decline = useAction(() => call(api.POST('/api/v1/care-assignments/{id}/decline', path)), { success: t('care.declined') });
  const cancel = useAction(() => call(api.POST('/api/v1/care-assignments/{id}/cancel', path)), { success: t('care.cancelled') });
  const [rating, setRating] = useState<number | string>(5);
  const [comment, setComment] = useState('');
  const complete = useAction(() => call(api.POST('/api/v1/care-assignments/{id}/complete', { ...path, body: { rating: Number(rating), comment: comment || undefined } })), { success: t('care.completed') });

  if (user.role === 'care_provider' && a.status === 'pending') {
    return (
      <Group>
        <Button color="green.9" onClick={() => accept.mutate(undefined)} loading={accept.isPending}>{t('care.accept')}</Button>
        <Button variant="light" color="red" onClick={() => decline.mutate(undefined)} loading={decline.isPending}>{t('care.decline')}</Button>
      </Group>
    );
  }
  if (user.role === 'hospital_coordinator') {
    const started = new Date(a.start).getTime() <= Date.now();
    return (
      <>
        {(a.status === 'pending' || a.status === 'confirmed') && !started && <Button variant="light" color="red" w="fit-content" onClick={() => cancel.mutate(undefined)} loading={cancel.isPending}>{t('care.cancel')}</Button>}
        {a.status === 'confirmed' && new Date(a.end).getTime() <= Date.now() && (
          <Group align="flex-end">
            <NumberInput label={t('care.rating')} min={1} max={5} value={rating} onChange={setRating} w={100} />
            <Textarea label={t('care.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            <Button onClick={() => complete.mutate(undefined)} loading={complete.isPending}>{t('care.complete')}</Button>
          </Group>
        )}
      </>
    );
  }
  return null;
}
