import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Spinner } from '../../../components/spinner';
import { type FilterLogEventsSender, type LogSearch, logGroupOf, useLogView } from '../api/filter-log-events';
import { adminKeys } from '../api/query-keys';
import { formatLogTime } from '../utils/format';
import { MAX_LOG_LINES, POLL_INTERVAL_MS } from '../utils/log-tail';

const WINDOWS = [
  { label: 'Last 5 minutes', ms: 5 * 60_000 },
  { label: 'Last 15 minutes', ms: 15 * 60_000 },
  { label: 'Last hour', ms: 60 * 60_000 },
  { label: 'Last 6 hours', ms: 6 * 60 * 60_000 },
  { label: 'Last 24 hours', ms: 24 * 60 * 60_000 },
] as const;
const DEFAULT_WINDOW = 60 * 60_000;

/** Lambda's own lines (START, END, REPORT, …) are shown quieter than the function's. */
const PLATFORM_LINE = /^(START|END|REPORT|INIT_START|INIT_REPORT|EXTENSION|TELEMETRY) /;

/**
 * The function's CloudWatch log (`FilterLogEvents` on `/aws/lambda/<name>`), newest at the bottom,
 * with an optional filter pattern and a live tail that asks again every 2 seconds.
 */
export function LogViewer({ logs, functionName }: { logs: FilterLogEventsSender; functionName: string }) {
  const queryClient = useQueryClient();
  const patternId = useId();
  const windowId = useId();
  const liveId = useId();
  const [draftPattern, setDraftPattern] = useState('');
  const [draftWindow, setDraftWindow] = useState<number>(DEFAULT_WINDOW);
  const [search, setSearch] = useState<LogSearch>({
    functionName,
    filterPattern: '',
    sinceMs: DEFAULT_WINDOW,
  });
  const [live, setLive] = useState(false);
  const view = useLogView(logs, search, live);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = { functionName, filterPattern: draftPattern.trim(), sinceMs: draftWindow };
    // The same search again means "look again from the start of the window".
    if (next.filterPattern === search.filterPattern && next.sinceMs === search.sinceMs) reload();
    else setSearch(next);
  };

  const reload = () =>
    queryClient.resetQueries({
      queryKey: adminKeys.logSearch(search.functionName, search.filterPattern, search.sinceMs),
    });

  const lines = view.data?.lines ?? [];
  const scroller = useLogScroller(lines.at(-1)?.eventId);

  return (
    <div className="log-viewer">
      <p className="muted">
        Log group <code>{logGroupOf(functionName)}</code>
      </p>
      <form className="log-viewer__controls" onSubmit={apply} aria-label="Filter the log">
        <div className="field">
          <label htmlFor={patternId}>Filter pattern</label>
          <input
            id={patternId}
            className="field__input"
            value={draftPattern}
            onChange={(event) => setDraftPattern(event.target.value)}
            placeholder='e.g. ERROR, "Task timed out", { $.level = "error" }'
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${patternId}-hint`}
          />
          <p id={`${patternId}-hint`} className="field__hint">
            CloudWatch Logs filter pattern syntax; leave empty for every line.
          </p>
        </div>
        <div className="field">
          <label htmlFor={windowId}>Since</label>
          <select
            id={windowId}
            value={draftWindow}
            onChange={(event) => setDraftWindow(Number(event.target.value))}
          >
            {WINDOWS.map((window) => (
              <option key={window.ms} value={window.ms}>
                {window.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <Button type="submit">Show lines</Button>
          <label htmlFor={liveId} className="choice">
            <input
              id={liveId}
              type="checkbox"
              checked={live}
              onChange={(event) => setLive(event.target.checked)}
            />
            <span>Live tail (every {POLL_INTERVAL_MS / 1000} s)</span>
          </label>
        </div>
      </form>

      {view.isError && (
        <ErrorMessage onRetry={() => view.refetch()}>
          Could not read the log: {(view.error as Error).message}
        </ErrorMessage>
      )}
      <p className="muted" role="status">
        {view.isPending
          ? 'Reading the log…'
          : view.data?.groupMissing
            ? 'No log yet: this function has not run (its log group does not exist).'
            : `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}${search.filterPattern ? ` matching ${search.filterPattern}` : ''}${
                view.data?.dropped
                  ? ` (the oldest ${view.data.dropped} dropped: at most ${MAX_LOG_LINES} are kept)`
                  : ''
              }${live ? ' · live' : ''}`}
        {view.isFetching && !view.isPending && <Spinner size="small" label="" />}
      </p>
      {view.isPending ? (
        <Spinner label="Reading the log…" />
      ) : (
        <div
          ref={scroller.ref}
          onScroll={scroller.onScroll}
          className="log-lines"
          role="log"
          aria-live="off"
          aria-label={`Log of ${functionName}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard
          tabIndex={0}
        >
          {lines.length === 0 ? (
            <p className="muted">No lines in this window.</p>
          ) : (
            <ol>
              {lines.map((line) => (
                <li
                  key={line.eventId}
                  className={PLATFORM_LINE.test(line.message) ? 'log-line log-line--platform' : 'log-line'}
                >
                  <time dateTime={new Date(line.timestamp).toISOString()}>
                    {formatLogTime(line.timestamp)}
                  </time>{' '}
                  <span className="log-line__message">{line.message.replace(/\n$/, '')}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}

/** Keeps the log scrolled to the newest line while the reader is there; leaves it alone otherwise. */
function useLogScroller(newestEventId: string | undefined) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const onScroll = () => {
    const element = ref.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a newer line arrives
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [newestEventId]);
  return { ref, onScroll };
}
