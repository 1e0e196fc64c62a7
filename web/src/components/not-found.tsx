import { Link } from '../lib/router';

export function NotFound() {
  return (
    <section className="screen">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have been moved or deleted.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}
