import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { useSession } from '../../features/session/useSession';

/** The signed-in care provider's own record. */
export function useOwnProvider() {
  const { user } = useSession()!;
  const id = user.careProviderId ?? '';
  return useQuery({ queryKey: ['care-provider', id], queryFn: () => call(api.GET('/api/v1/care-providers/{id}', { params: { path: { id } } })), enabled: !!id });
}
