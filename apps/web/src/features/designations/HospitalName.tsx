import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export function useHospital(id: string | null | undefined) {
  return useQuery({ queryKey: ['hospital', id], queryFn: () => call(api.GET('/api/v1/hospitals/{id}', { params: { path: { id: id! } } })), enabled: !!id, staleTime: 300_000 });
}

/** A hospital by name (the public directory), its id while it loads. */
export function HospitalName({ id }: { id: string }) {
  const h = useHospital(id);
  return <Text span fw={600}>{h.data?.name ?? id.slice(0, 8)}</Text>;
}
