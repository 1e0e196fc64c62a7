import { useResendVerification } from '../api/resend-verification';
import { EmailForm } from './email-form';

/** Asks for a new verification link. */
export function ResendVerificationForm() {
  const resend = useResendVerification();

  return (
    <EmailForm
      mutation={resend}
      submitLabel="Send link"
      submitVariant="secondary"
      aria-labelledby="resend-title"
      intro={<h2 id="resend-title">Send a new verification link</h2>}
      sent={
        <p role="status" className="success-message">
          If an unverified account uses {resend.variables?.email}, a new link is on its way. Check your email.
        </p>
      }
    />
  );
}
