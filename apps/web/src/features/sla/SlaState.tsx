import { Badge, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../time/time';

export type SlaStateName = 'on_track' | 'at_risk' | 'breached' | 'met' | 'stopped';

// Filled badges at shade 9 keep white text above AA contrast; the word says the state too.
const COLOURS: Record<SlaStateName, string> = { on_track: 'green.9', at_risk: 'orange.9', breached: 'red.9', met: 'teal.9', stopped: 'gray.7' };

export function SlaBadge({ state }: { state: SlaStateName | null | undefined }) {
  const { t } = useTranslation();
  if (!state) return null;
  return <Badge color={COLOURS[state]} variant="filled">{t(`sla.state.${state}`)}</Badge>;
}

/** Re-renders every second, so a countdown moves by itself. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The live countdown to `dueAt`; "overdue by" once it has passed, "paused" while the clock stands. */
export function Countdown({ dueAt, paused }: { dueAt: string | null | undefined; paused?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!dueAt) return <Text span c="dimmed">—</Text>;
  if (paused) return <Text span>{t('sla.paused')}</Text>;
  const left = (new Date(dueAt).getTime() - now) / 1000;
  const words = left >= 0 ? t('sla.left', { d: formatDuration(left, t) }) : t('sla.overdue', { d: formatDuration(left, t) });
  return <Text span fw={500} c={left < 0 ? 'red.9' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>{words}</Text>;
}
