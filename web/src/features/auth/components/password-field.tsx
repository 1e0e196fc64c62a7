import { Field, type FieldProps } from '../../../components/field';
import { MIN_PASSWORD_LENGTH } from '../validation';
import type { FieldBinding } from './use-auth-form';

export interface PasswordFieldProps extends Omit<FieldProps, 'type' | 'autoComplete' | 'hint'> {
  /**
   * `current`: the one the person has; `new`: one being chosen, with the policy as hint; `repeat`: the
   * new one again. Password managers fill in a current one and offer to generate and save a new one.
   */
  purpose: 'current' | 'new' | 'repeat';
}

/** A required password input, marked for password managers by what it is for. */
export function PasswordField({ purpose, ...field }: PasswordFieldProps) {
  return (
    <Field
      type="password"
      autoComplete={purpose === 'current' ? 'current-password' : 'new-password'}
      hint={
        purpose === 'new'
          ? `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well.`
          : undefined
      }
      required
      {...field}
    />
  );
}

export interface NewPasswordFieldsProps {
  /** Named as the function's contract names it, so that its `issues` land on the field. */
  password: FieldBinding;
  confirm: FieldBinding;
  disabled: boolean;
}

/** A new password and the same again, for the screens that replace one (the second catches a typo). */
export function NewPasswordFields({ password, confirm, disabled }: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordField purpose="new" label="New password" {...password} disabled={disabled} />
      <PasswordField purpose="repeat" label="New password again" {...confirm} disabled={disabled} />
    </>
  );
}
