import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';

/** `companions[0].mrz.surname` → `companions.0.mrz.surname`: the path a Mantine form uses. */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Puts each `errors[].field` of a problem beside its field, walking up the path until a field
 * of the form is found (`patient.mrz.surname` lands on `patient.mrz`); what fits no field is returned.
 */
export function fieldErrors(problem: unknown, fields: (path: string) => boolean): { byField: Record<string, string>; rest: string[] } {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  if (!(problem instanceof ApiProblem)) return { byField, rest: [String((problem as Error)?.message ?? problem)] };
  for (const e of problem.problem.errors ?? []) {
    let path = formPath(e.field);
    while (path && !fields(path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    if (path) byField[path] = byField[path] ? `${byField[path]}; ${e.message}` : e.message;
    else rest.push(`${e.field}: ${e.message}`);
  }
  if (!problem.problem.errors?.length) rest.push(problem.problem.detail ?? problem.problem.title);
  return { byField, rest };
}

/**
 * A failed form submit shown as a person reads it: each field's message beside that field of the
 * form, and what fits no field as one text for the page's alert (null when nothing is left).
 */
export function showProblem(problem: unknown, form: { values: object; setErrors(errors: Record<string, string>): void }): string | null {
  const { byField, rest } = fieldErrors(problem, (p) => p in form.values);
  form.setErrors(byField);
  return rest.join('\n') || null;
}

/**
 * A mutation whose failure is told in words: a 409 (someone acted first, or the state moved on)
 * is explained and every query refreshed so the view shows what is true now.
 */
export function useAction<TVars, TData>(fn: (vars: TVars) => Promise<TData>, options: { success?: string; onSuccess?: (data: TData) => void } = {}) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  // Mantine's close button has no name of its own (axe: button-name).
  const closeButtonProps = { 'aria-label': t('common.close') };
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      if (options.success) notifications.show({ color: 'teal', message: options.success, closeButtonProps });
      void queryClient.invalidateQueries();
      options.onSuccess?.(data);
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 409) {
        notifications.show({ color: 'orange', title: t('problems.conflictTitle'), message: `${t('problems.conflict')} (${error.problem.detail ?? error.code})`, autoClose: 10_000, closeButtonProps });
        void queryClient.invalidateQueries();
        return;
      }
      notifications.show({ color: 'red', title: t('problems.failed'), message: describeProblem(error), closeButtonProps });
    },
  });
}

export function describeProblem(error: unknown): string {
  if (error instanceof ApiProblem) {
    const fields = (error.problem.errors ?? []).map((e) => `${e.field}: ${e.message}`);
    return [error.problem.detail ?? error.problem.title, ...fields].join('\n');
  }
  return String((error as Error)?.message ?? error);
}

/** Every path of a form's values (`persons.0.outcome`), to know which problem fields have an input. */
export function flat(values: unknown, prefix = ''): Record<string, true> {
  const out: Record<string, true> = {};
  if (values && typeof values === 'object') {
    for (const [k, v] of Object.entries(values)) {
      const p = prefix ? `${prefix}.${k}` : k;
      out[p] = true;
      Object.assign(out, flat(v, p));
    }
  }
  return out;
}
