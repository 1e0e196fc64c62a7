import type { FormEvent } from 'react';
import { Field } from '../../../components/field';
import { CallError } from '../../../lib/invoke';
import { Link, navigate } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useSignIn } from '../api/sign-in';
import { passwordGivenProblem } from '../validation';
import { AuthForm } from './auth-form';
import { PasswordField } from './password-field';
import { useAuthForm } from './use-auth-form';

export function SignInScreen() {
  const session = useSession();
  const signIn = useSignIn();
  const form = useAuthForm({ username: '', password: '' });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const { username, password } = form.values;
    const valid = form.check(event, {
      username: username.trim() === '' ? 'Enter your username or email address.' : undefined,
      password: passwordGivenProblem(password),
    });
    if (!valid) return;
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
      <AuthForm
        onSubmit={submit}
        pending={signIn.isPending}
        error={signIn.error}
        errorText={
          unverified ? (
            <>
              {signIn.error?.message} <Link to="/verify-email">Send a new verification link</Link>
            </>
          ) : undefined
        }
        submitLabel="Sign in"
        actions={<Link to="/forgot-password">Forgot your password?</Link>}
      >
        <Field
          label="Username or email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...form.field('username')}
          disabled={signIn.isPending}
          required
        />
        <PasswordField
          purpose="current"
          label="Password"
          {...form.field('password')}
          disabled={signIn.isPending}
        />
      </AuthForm>
      <p>
        New to Lambdagram? <Link to="/sign-up">Create an account</Link>.
      </p>
    </section>
  );
}
