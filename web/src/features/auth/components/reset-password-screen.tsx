import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Field } from '../../../components/field';
import { Link, useRoute } from '../../../lib/router';
import { useResetPassword } from '../api/reset-password';
import { focusFirstError, issuesByField } from '../focus-first-error';
import { MIN_PASSWORD_LENGTH, newPasswordProblem, tokenProblem } from '../validation';

/** The landing page of the emailed link `/reset-password?token=…`. */
export function ResetPasswordScreen() {
  const token = useRoute().query.get('token');
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const linkProblem = tokenProblem(token);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      password: newPasswordProblem(password),
      confirm: confirm !== password ? "The two passwords don't match." : undefined,
    };
    setErrors(found);
    if (found.password || found.confirm || !token) {
      focusFirstError(event);
      return;
    }
    reset.mutate({ token, password }, { onError: (error) => setErrors(issuesByField(error)) });
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
        <form className="form" onSubmit={submit} noValidate aria-busy={reset.isPending}>
          <ErrorMessage error={reset.error ?? undefined} />
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well.`}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
            disabled={reset.isPending}
            required
          />
          <Field
            label="New password again"
            name="confirm"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            error={errors.confirm}
            disabled={reset.isPending}
            required
          />
          <div className="form-actions">
            <Button type="submit" pending={reset.isPending}>
              Set password
            </Button>
            {reset.isError && <Link to="/forgot-password">Ask for a new link</Link>}
          </div>
        </form>
      )}
    </section>
  );
}
