import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Field } from '../../../components/field';
import { Link } from '../../../lib/router';
import { useForgotPassword } from '../api/forgot-password';
import { focusFirstError } from '../focus-first-error';
import { emailProblem } from '../validation';

export function ForgotPasswordScreen() {
  const forgot = useForgotPassword();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = emailProblem(email);
    setError(problem);
    if (problem) {
      focusFirstError(event);
      return;
    }
    forgot.mutate({ email: email.trim() });
  };

  return (
    <section className="screen" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      {forgot.isSuccess ? (
        <div role="status" className="success-message">
          <p>
            If an account uses {email.trim()}, we've sent it a link to choose a new password. Check your
            email.
          </p>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-busy={forgot.isPending}>
          <p>Enter the email address of your account and we'll send you a link to choose a new password.</p>
          <ErrorMessage error={forgot.error ?? undefined} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={error}
            disabled={forgot.isPending}
            required
          />
          <div className="form-actions">
            <Button type="submit" pending={forgot.isPending}>
              Send reset link
            </Button>
          </div>
        </form>
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </section>
  );
}
