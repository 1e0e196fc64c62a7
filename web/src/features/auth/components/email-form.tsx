import type { FormEvent, ReactNode } from 'react';
import { Field, type FieldProps } from '../../../components/field';
import { emailProblem } from '../validation';
import { AuthForm, type AuthFormProps } from './auth-form';
import { useAuthForm } from './use-auth-form';

/** A required email address input. */
export function EmailField(props: Omit<FieldProps, 'label' | 'type' | 'autoComplete'>) {
  return <Field label="Email" type="email" autoComplete="email" required {...props} />;
}

export interface EmailFormProps
  extends Pick<AuthFormProps, 'submitLabel' | 'submitVariant' | 'intro' | 'aria-labelledby'> {
  /** The call that takes the address, e.g. `useForgotPassword()`. */
  mutation: {
    mutate: (input: { email: string }) => void;
    isPending: boolean;
    isSuccess: boolean;
    error: unknown;
  };
  /** Shown in place of the field once the call has succeeded. */
  sent?: ReactNode;
}

/** Asks for one email address, checks its shape and sends it, trimmed. */
export function EmailForm({ mutation, sent, ...frame }: EmailFormProps) {
  const form = useAuthForm({ email: '' });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (form.check(event, { email: emailProblem(form.values.email) })) {
      mutation.mutate({ email: form.values.email.trim() });
    }
  };

  return (
    <AuthForm
      {...frame}
      onSubmit={submit}
      pending={mutation.isPending}
      error={mutation.error}
      done={mutation.isSuccess ? sent : undefined}
    >
      <EmailField {...form.field('email')} disabled={mutation.isPending} />
    </AuthForm>
  );
}
