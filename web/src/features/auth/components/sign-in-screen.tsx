import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Field } from '../../../components/field';
import { CallError } from '../../../lib/invoke';
import { Link, navigate } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useSignIn } from '../api/sign-in';
import { focusFirstError } from '../focus-first-error';
import { collectErrors, type FieldErrors, hasErrors, passwordGivenProblem } from '../validation';

type SignInField = 'username' | 'password';

export function SignInScreen() {
  const session = useSession();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SignInField>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = collectErrors<SignInField>({
      username: username.trim() === '' ? 'Enter your username or email address.' : undefined,
      password: passwordGivenProblem(password),
    });
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(event);
      return;
    }
    signIn.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (result) => {
          session.signIn(result);
          navigate('/');
        },
      },
    );
  };

  const unverified = signIn.error instanceof CallError && signIn.error.errorType === 'ForbiddenError';

  return (
    <section className="screen" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <form className="form" onSubmit={submit} noValidate aria-busy={signIn.isPending}>
        {signIn.isError && (
          <ErrorMessage error={signIn.error}>
            {unverified ? (
              <>
                {signIn.error.message} <Link to="/verify-email">Send a new verification link</Link>
              </>
            ) : undefined}
          </ErrorMessage>
        )}
        <Field
          label="Username or email"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={errors.username}
          disabled={signIn.isPending}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          disabled={signIn.isPending}
          required
        />
        <div className="form-actions">
          <Button type="submit" pending={signIn.isPending}>
            Sign in
          </Button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </form>
      <p>
        New to Lambdagram? <Link to="/sign-up">Create an account</Link>.
      </p>
    </section>
  );
}
