import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export function useApplication(id: string) {
  return useQuery({ queryKey: ['application', id], queryFn: () => call(api.GET('/api/v1/visa-applications/{id}', { params: { path: { id } } })) });
}
export function useDocuments(id: string) {
  return useQuery({ queryKey: ['application', id, 'documents'], queryFn: () => call(api.GET('/api/v1/visa-applications/{id}/documents', { params: { path: { id } } })) });
}
export function useHistory(id: string) {
  return useQuery({ queryKey: ['application', id, 'history'], queryFn: () => call(api.GET('/api/v1/visa-applications/{id}/history', { params: { path: { id } } })) });
}
export function useSlaExplanation(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['application', id, 'sla'], queryFn: () => call(api.GET('/api/v1/visa-applications/{id}/sla', { params: { path: { id } } })), enabled });
}
