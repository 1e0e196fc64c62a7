import type { FormEvent } from 'react';
import { useSession } from '../../../lib/session';
import { useChangePassword } from '../api/change-password';
import { newPasswordProblem, passwordGivenProblem } from '../validation';
import { AuthForm } from './auth-form';
import { NewPasswordFields, PasswordField } from './password-field';
import { useAuthForm } from './use-auth-form';

export function ChangePasswordScreen() {
  const { user } = useSession();
  const change = useChangePassword();
  const form = useAuthForm({ oldPassword: '', newPassword: '', confirm: '' });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const { values } = form;
    const valid = form.check(event, {
      oldPassword: passwordGivenProblem(values.oldPassword),
      newPassword:
        newPasswordProblem(values.newPassword, { username: user?.username }) ??
        (values.newPassword === values.oldPassword
          ? 'Choose a password different from the current one.'
          : undefined),
      confirm: values.confirm !== values.newPassword ? "The two new passwords don't match." : undefined,
    });
    if (!valid) return;
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      { onSuccess: form.clear, onError: form.showIssues },
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
      <AuthForm
        onSubmit={submit}
        pending={change.isPending}
        error={change.error}
        submitLabel="Change password"
      >
        {/* Lets password managers tie the new password to the account. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={user?.username ?? ''}
          readOnly
          hidden
        />
        <PasswordField
          purpose="current"
          label="Current password"
          {...form.field('oldPassword')}
          disabled={change.isPending}
        />
        <NewPasswordFields
          password={form.field('newPassword')}
          confirm={form.field('confirm')}
          disabled={change.isPending}
        />
      </AuthForm>
    </section>
  );
}
