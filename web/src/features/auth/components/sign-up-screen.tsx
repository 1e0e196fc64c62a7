import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Field } from '../../../components/field';
import { Link } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useSignUp } from '../api/sign-up';
import { focusFirstError, issuesByField } from '../focus-first-error';
import {
  collectErrors,
  emailProblem,
  type FieldErrors,
  hasErrors,
  MIN_PASSWORD_LENGTH,
  newPasswordProblem,
  usernameProblem,
} from '../validation';

type SignUpField = 'username' | 'email' | 'password';

export function SignUpScreen() {
  const { config } = useSession();
  const signUp = useSignUp();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SignUpField>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = collectErrors<SignUpField>({
      username: usernameProblem(username),
      email: emailProblem(email),
      password: newPasswordProblem(password, { username, email }),
    });
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(event);
      return;
    }
    signUp.mutate(
      { username: username.trim(), email: email.trim(), password },
      { onError: (error) => setErrors(issuesByField(error)) },
    );
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
      <form className="form" onSubmit={submit} noValidate aria-busy={signUp.isPending}>
        <ErrorMessage error={signUp.error ?? undefined} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          hint="3 to 30 letters, digits or underscores. Others will see it."
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={errors.username}
          disabled={signUp.isPending}
          required
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          disabled={signUp.isPending}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well.`}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          disabled={signUp.isPending}
          required
        />
        <div className="form-actions">
          <Button type="submit" pending={signUp.isPending}>
            Sign up
          </Button>
        </div>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </section>
  );
}
