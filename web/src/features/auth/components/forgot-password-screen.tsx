import { Link } from '../../../lib/router';
import { useForgotPassword } from '../api/forgot-password';
import { EmailForm } from './email-form';

export function ForgotPasswordScreen() {
  const forgot = useForgotPassword();

  return (
    <section className="screen" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      {forgot.isSuccess ? (
        <div role="status" className="success-message">
          <p>
            If an account uses {forgot.variables?.email}, we've sent it a link to choose a new password. Check
            your email.
          </p>
        </div>
      ) : (
        <EmailForm
          mutation={forgot}
          submitLabel="Send reset link"
          intro={
            <p>Enter the email address of your account and we'll send you a link to choose a new password.</p>
          }
        />
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </section>
  );
}
