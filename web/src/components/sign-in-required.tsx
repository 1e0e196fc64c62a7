import { Link } from '../lib/router';

/** Shown instead of a screen that needs a signed-in user. */
export function SignInRequired({ what }: { what: string }) {
  return (
    <section className="screen">
      <h1>Sign in to {what}</h1>
      <p>
        <Link to="/sign-in">Sign in</Link> or <Link to="/sign-up">create an account</Link> to {what}.
      </p>
    </section>
  );
}
