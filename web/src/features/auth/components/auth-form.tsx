import type { FormEvent, ReactNode } from 'react';
import { Button, type ButtonProps } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';

export interface AuthFormProps {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The call is running: the form is busy and its button waits. */
  pending: boolean;
  /** The call's failure, said above the fields. */
  error: unknown;
  /** Words for the failure instead of its own message. */
  errorText?: ReactNode;
  submitLabel: string;
  submitVariant?: ButtonProps['variant'];
  /** Beside the submit button, e.g. a link to another way. */
  actions?: ReactNode;
  /** Above everything else: the form's title, or what it is for. */
  intro?: ReactNode;
  /** Shown in place of the error, the fields and the button once the form has done its work. */
  done?: ReactNode;
  'aria-labelledby'?: string;
  /** The fields. */
  children?: ReactNode;
}

/**
 * The frame the auth forms share: the call's error, the fields, then the submit button. The browser's
 * own validation is off (`noValidate`): the fields say what is wrong, in words, on submit.
 */
export function AuthForm({
  onSubmit,
  pending,
  error,
  errorText,
  submitLabel,
  submitVariant,
  actions,
  intro,
  done,
  'aria-labelledby': labelledBy,
  children,
}: AuthFormProps) {
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby={labelledBy} aria-busy={pending}>
      {intro}
      {done ?? (
        <>
          <ErrorMessage error={error}>{errorText}</ErrorMessage>
          {children}
          <div className="form-actions">
            <Button type="submit" variant={submitVariant} pending={pending}>
              {submitLabel}
            </Button>
            {actions}
          </div>
        </>
      )}
    </form>
  );
}
