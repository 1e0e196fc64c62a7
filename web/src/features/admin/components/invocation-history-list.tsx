import { Button } from '../../../components/button';
import { formatLogTime } from '../utils/format';
import type { HistoryEntry } from '../utils/invocation-history';

export interface InvocationHistoryListProps {
  entries: readonly HistoryEntry[];
  onRerun: (entry: HistoryEntry) => void;
  onEdit: (entry: HistoryEntry) => void;
  onClear: () => void;
}

/** This session's invocations, newest first, each to run again or to load into the form. */
export function InvocationHistoryList({ entries, onRerun, onEdit, onClear }: InvocationHistoryListProps) {
  if (entries.length === 0) return <p className="muted">No invocation yet in this session.</p>;
  return (
    <>
      <ol className="history-list">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.ok ? 'history-entry' : 'history-entry history-entry--failed'}>
            <div className="history-entry__what">
              <strong>{entry.functionName}</strong>{' '}
              <span className="muted">
                {entry.invocationType} at{' '}
                <time dateTime={entry.invokedAt}>{formatLogTime(Date.parse(entry.invokedAt))}</time>
              </span>
              <div>
                <code className="break">{entry.summary}</code>
              </div>
            </div>
            <div className="history-entry__actions">
              <Button
                variant="secondary"
                onClick={() => onRerun(entry)}
                aria-label={`Run ${entry.functionName} again (${formatLogTime(Date.parse(entry.invokedAt))})`}
              >
                Run again
              </Button>
              <Button
                variant="link"
                onClick={() => onEdit(entry)}
                aria-label={`Edit the payload of ${entry.functionName} (${formatLogTime(Date.parse(entry.invokedAt))})`}
              >
                Edit
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <Button variant="link" onClick={onClear}>
        Clear the history
      </Button>
    </>
  );
}
