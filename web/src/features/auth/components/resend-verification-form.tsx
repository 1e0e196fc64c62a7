import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Field } from '../../../components/field';
import { useResendVerification } from '../api/resend-verification';
import { focusFirstError } from '../focus-first-error';
import { emailProblem } from '../validation';

/** Asks for a new verification link. */
export function ResendVerificationForm() {
  const resend = useResendVerification();
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
    resend.mutate({ email: email.trim() });
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="resend-title"
      aria-busy={resend.isPending}
    >
      <h2 id="resend-title">Send a new verification link</h2>
      {resend.isSuccess ? (
        <p role="status" className="success-message">
          If an unverified account uses {email.trim()}, a new link is on its way. Check your email.
        </p>
      ) : (
        <>
          <ErrorMessage error={resend.error ?? undefined} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={error}
            disabled={resend.isPending}
            required
          />
          <div className="form-actions">
            <Button type="submit" variant="secondary" pending={resend.isPending}>
              Send link
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
