import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { personName } from '../../features/applications/labels';

/** The hospital's patients with an account, from its approved applications: options for a select. */
export function useHospitalPatients(): { value: string; label: string }[] {
  const patients = useQuery({ queryKey: ['hospital-patients'], queryFn: () => call(api.GET('/api/v1/visa-applications', { params: { query: { status: 'approved', limit: 100, sort: '-submittedAt' } } })) });
  return [...new Map((patients.data?.items ?? []).filter((a) => a.patientId).map((a) => {
    const p = a.persons.find((x) => x.role === 'patient') ?? a.persons[0];
    return [a.patientId!, { value: a.patientId!, label: p ? personName(p) : a.reference }] as const;
  })).values()];
}
