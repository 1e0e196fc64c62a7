import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Field } from '../../../components/field';
import { useSession } from '../../../lib/session';
import { useChangePassword } from '../api/change-password';
import { focusFirstError, issuesByField } from '../focus-first-error';
import { MIN_PASSWORD_LENGTH, newPasswordProblem, passwordGivenProblem } from '../validation';

type ChangeField = 'oldPassword' | 'newPassword' | 'confirm';

export function ChangePasswordScreen() {
  const { user } = useSession();
  const change = useChangePassword();
  const [values, setValues] = useState<Record<ChangeField, string>>({
    oldPassword: '',
    newPassword: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<Partial<Record<ChangeField, string>>>({});

  const set = (field: ChangeField) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      oldPassword: passwordGivenProblem(values.oldPassword),
      newPassword:
        newPasswordProblem(values.newPassword, { username: user?.username }) ??
        (values.newPassword === values.oldPassword
          ? 'Choose a password different from the current one.'
          : undefined),
      confirm: values.confirm !== values.newPassword ? "The two new passwords don't match." : undefined,
    };
    setErrors(found);
    if (found.oldPassword || found.newPassword || found.confirm) {
      focusFirstError(event);
      return;
    }
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: () => setValues({ oldPassword: '', newPassword: '', confirm: '' }),
        onError: (error) => setErrors(issuesByField(error)),
      },
    );
  };

  return (
    <section className="screen" aria-labelledby="change-title">
      <h1 id="change-title">Change your password</h1>
      {change.isSuccess && (
        <p role="status" className="success-message">
          Your password is changed.
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate aria-busy={change.isPending}>
        <ErrorMessage error={change.error ?? undefined} />
        {/* Lets password managers tie the new password to the account. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={user?.username ?? ''}
          readOnly
          hidden
        />
        <Field
          label="Current password"
          name="oldPassword"
          type="password"
          autoComplete="current-password"
          value={values.oldPassword}
          onChange={set('oldPassword')}
          error={errors.oldPassword}
          disabled={change.isPending}
          required
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well.`}
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors.newPassword}
          disabled={change.isPending}
          required
        />
        <Field
          label="New password again"
          name="confirm"
          type="password"
          autoComplete="new-password"
          value={values.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
          disabled={change.isPending}
          required
        />
        <div className="form-actions">
          <Button type="submit" pending={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
