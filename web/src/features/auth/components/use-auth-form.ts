import { type ChangeEvent, type FormEvent, useState } from 'react';
import { focusFirstError, issuesByField } from '../focus-first-error';
import { collectErrors, type FieldErrors, hasErrors } from '../validation';

/** What a field takes from its form: its name, its text, where changes go and its problem. */
export interface FieldBinding {
  name: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}

/**
 * The state of an auth form: the text of its fields and their problems, found by the checks made in
 * the browser on submit or reported by the function (`issues`).
 *
 * @example
 * const form = useAuthForm({ email: '' });
 * const submit = (event: FormEvent<HTMLFormElement>) => {
 *   if (form.check(event, { email: emailProblem(form.values.email) })) send(form.values.email);
 * };
 * // <Field label="Email" {...form.field('email')} />
 */
export function useAuthForm<K extends string>(initial: Record<K, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<K>>({});

  return {
    values,
    field: (name: K): FieldBinding => ({
      name,
      value: values[name],
      onChange: (event) => {
        const { value } = event.target;
        setValues((current) => ({ ...current, [name]: value }));
      },
      error: errors[name],
    }),
    /**
     * Handles a submit: shows the problems found and moves focus to the first, so nothing is sent;
     * true when there are none and the form may be sent.
     */
    check(event: FormEvent<HTMLFormElement>, problems: Record<K, string | undefined>): boolean {
      event.preventDefault();
      const found = collectErrors(problems);
      setErrors(found);
      if (!hasErrors(found)) return true;
      focusFirstError(event);
      return false;
    },
    /** Shows the problems a function reported per field (the form's fields carry the contract's names). */
    showIssues: (error: unknown) => setErrors(issuesByField(error) as FieldErrors<K>),
    clear: () => setValues(initial),
  };
}
