import type { FormEvent } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { Link, useRoute } from '../../../lib/router';
import { useResetPassword } from '../api/reset-password';
import { newPasswordProblem, tokenProblem } from '../validation';
import { AuthForm } from './auth-form';
import { NewPasswordFields } from './password-field';
import { useAuthForm } from './use-auth-form';

/** The landing page of the emailed link `/reset-password?token=…`. */
export function ResetPasswordScreen() {
  const token = useRoute().query.get('token');
  const reset = useResetPassword();
  const form = useAuthForm({ password: '', confirm: '' });
  const linkProblem = tokenProblem(token);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const { password, confirm } = form.values;
    const valid = form.check(event, {
      password: newPasswordProblem(password),
      confirm: confirm !== password ? "The two passwords don't match." : undefined,
    });
    // The form shows only with a valid token; the check is for the type.
    if (!valid || !token) return;
    reset.mutate({ token, password }, { onError: form.showIssues });
  };

  return (
    <section className="screen" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {linkProblem ? (
        <>
          <ErrorMessage>{linkProblem}</ErrorMessage>
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        </>
      ) : reset.isSuccess ? (
        <div role="status" className="success-message">
          <p>Your password is changed.</p>
          <p>
            <Link to="/sign-in">Sign in</Link> with your new password.
          </p>
        </div>
      ) : (
        <AuthForm
          onSubmit={submit}
          pending={reset.isPending}
          error={reset.error}
          submitLabel="Set password"
          actions={reset.isError && <Link to="/forgot-password">Ask for a new link</Link>}
        >
          <NewPasswordFields
            password={form.field('password')}
            confirm={form.field('confirm')}
            disabled={reset.isPending}
          />
        </AuthForm>
      )}
    </section>
  );
}
