import type { FormEvent } from 'react';
import { Field } from '../../../components/field';
import { Link } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useSignUp } from '../api/sign-up';
import { emailProblem, newPasswordProblem, usernameProblem } from '../validation';
import { AuthForm } from './auth-form';
import { EmailField } from './email-form';
import { PasswordField } from './password-field';
import { useAuthForm } from './use-auth-form';

export function SignUpScreen() {
  const { config } = useSession();
  const signUp = useSignUp();
  const form = useAuthForm({ username: '', email: '', password: '' });
  const { username, email, password } = form.values;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const valid = form.check(event, {
      username: usernameProblem(username),
      email: emailProblem(email),
      password: newPasswordProblem(password, { username, email }),
    });
    if (!valid) return;
    signUp.mutate({ username: username.trim(), email: email.trim(), password }, { onError: form.showIssues });
  };

  if (signUp.isSuccess) {
    return (
      <section className="screen" aria-labelledby="sign-up-title">
        <h1 id="sign-up-title">Check your email</h1>
        <p role="status" className="success-message">
          Welcome, {signUp.data.username}! We sent a link to <strong>{email.trim()}</strong>. Open it to
          verify your email address, then sign in.
        </p>
        <p>
          No email after a few minutes? Check your spam folder, or{' '}
          <Link to="/verify-email">send a new link</Link>.
        </p>
        {config.outboxUrl && (
          <p className="muted">
            Local cloud: emails are in the{' '}
            <a href={`${config.outboxUrl}?to=${encodeURIComponent(email.trim())}`}>outbox</a>.
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="screen" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create your account</h1>
      <AuthForm onSubmit={submit} pending={signUp.isPending} error={signUp.error} submitLabel="Sign up">
        <Field
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          hint="3 to 30 letters, digits or underscores. Others will see it."
          {...form.field('username')}
          disabled={signUp.isPending}
          required
        />
        <EmailField {...form.field('email')} disabled={signUp.isPending} />
        <PasswordField
          purpose="new"
          label="Password"
          {...form.field('password')}
          disabled={signUp.isPending}
        />
      </AuthForm>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </section>
  );
}
