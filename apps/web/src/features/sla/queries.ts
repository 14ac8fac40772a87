import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export function useOfficerLoad(enabled = true) {
  return useQuery({ queryKey: ['officer-load'], queryFn: () => call(api.GET('/api/v1/sla/officer-load')), enabled, refetchInterval: 60_000 });
}
