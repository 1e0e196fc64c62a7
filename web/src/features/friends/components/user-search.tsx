import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { FieldShell } from '../../../components/field';
import { RelationshipActions } from '../../../components/relationship-actions';
import { Spinner } from '../../../components/spinner';
import { SEARCH_PREFIX, useSearchUsers } from '../../../lib/api/search-users';
import { profilePath } from '../../../lib/photo-text';
import { Link } from '../../../lib/router';
import { useDebouncedValue } from '../../../lib/use-debounced-value';

/** Search as you type (once typing pauses), by the start of a username. */
export function UserSearch() {
  const [text, setText] = useState('');
  const prefix = useDebouncedValue(text.trim(), 300);
  const valid = SEARCH_PREFIX.test(prefix);
  const search = useSearchUsers(valid ? prefix : '');
  const headingId = useId();
  const users = valid ? (search.data?.users ?? []) : [];
  const problem =
    prefix !== '' && !valid ? 'Usernames have only letters, digits and underscores (at most 30).' : undefined;

  return (
    <section className="friends__section" aria-labelledby={headingId}>
      <h2 id={headingId}>Find people</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for some browsers still in use (and for happy-dom) */}
      <form role="search" className="form" onSubmit={(event) => event.preventDefault()}>
        <FieldShell label="Username starts with" error={problem}>
          {(control) => (
            <input
              type="search"
              className="field__input"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={30}
              value={text}
              onChange={(event) => setText(event.target.value)}
              {...control}
            />
          )}
        </FieldShell>
      </form>
      {valid && search.isError ? (
        <ErrorMessage error={search.error} onRetry={() => search.refetch()} />
      ) : valid && search.isPending ? (
        <Spinner label="Searching…" />
      ) : null}
      <p role="status" className="visually-hidden">
        {valid && search.isSuccess && !search.isPlaceholderData
          ? `${users.length === 0 ? 'Nobody' : users.length === 1 ? 'One person' : `${users.length} people`} found`
          : ''}
      </p>
      {valid && search.isSuccess && users.length === 0 && !search.isPlaceholderData && (
        <p className="muted">Nobody's username starts with “{prefix}”.</p>
      )}
      {users.length > 0 && (
        <ul className="people" aria-label="Search results">
          {users.map((user) => (
            <li key={user.userId} className="people__item">
              <Link to={profilePath(user.username)} className="people__name">
                {user.username}
              </Link>
              <RelationshipActions user={user} relationship={user.relationship} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
