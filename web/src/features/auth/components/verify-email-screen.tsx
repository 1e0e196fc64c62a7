import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { Spinner } from '../../../components/spinner';
import { Link, useRoute } from '../../../lib/router';
import { useVerifyEmail } from '../api/verify-email';
import { tokenProblem } from '../validation';
import { ResendVerificationForm } from './resend-verification-form';

/** The landing page of the emailed link `/verify-email?token=…`; without a token, the resend form. */
export function VerifyEmailScreen() {
  const token = useRoute().query.get('token');
  const verify = useVerifyEmail();
  const { mutate } = verify;
  const problem = token === null ? undefined : tokenProblem(token);
  // A token works once: never send it twice (StrictMode runs effects twice in development).
  const sent = useRef<string | null>(null);

  useEffect(() => {
    if (token === null || problem || sent.current === token) return;
    sent.current = token;
    mutate({ token });
  }, [token, problem, mutate]);

  return (
    <section className="screen" aria-labelledby="verify-title">
      <h1 id="verify-title">Verify your email</h1>
      {token !== null &&
        (problem ? (
          <ErrorMessage>{problem}</ErrorMessage>
        ) : verify.isSuccess ? (
          <div role="status" className="success-message">
            <p>Thanks, {verify.data.username}: your email address is verified.</p>
            <p>
              <Link to="/sign-in">Sign in</Link> to start sharing photos.
            </p>
          </div>
        ) : verify.isError ? (
          <ErrorMessage error={verify.error} />
        ) : (
          <Spinner label="Verifying your email address…" />
        ))}
      {(token === null || problem || verify.isError) && <ResendVerificationForm />}
    </section>
  );
}
