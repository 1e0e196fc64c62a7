import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { Spinner } from '../../../components/spinner';
import { type OutboxMessage, useOutbox } from '../api/get-outbox';
import { formatDateTime, linkify } from '../utils/format';

/** The local cloud's SES outbox: every email the stack sent, newest first, with its text. */
export function MailOutbox({ outboxUrl }: { outboxUrl: string }) {
  const outbox = useOutbox(outboxUrl);
  return (
    <div className="mail-outbox">
      <div className="form-actions">
        <Button variant="secondary" onClick={() => outbox.refetch()} pending={outbox.isFetching}>
          Refresh
        </Button>
        <span className="muted" role="status">
          {outbox.data ? `${outbox.data.length} ${outbox.data.length === 1 ? 'message' : 'messages'}` : ''}
        </span>
      </div>
      {outbox.isPending && <Spinner label="Reading the outbox…" />}
      {outbox.isError && (
        <ErrorMessage onRetry={() => outbox.refetch()}>
          Could not read the outbox: {(outbox.error as Error).message}
        </ErrorMessage>
      )}
      {outbox.data?.length === 0 && <p className="muted">No email sent yet.</p>}
      {outbox.data && outbox.data.length > 0 && (
        <ul className="outbox-list">
          {outbox.data.map((message) => (
            <li key={message.messageId}>
              <MessageView message={message} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MessageView({ message }: { message: OutboxMessage }) {
  const body =
    message.text ?? message.raw ?? (message.template ? JSON.stringify(message.template, null, 2) : undefined);
  return (
    <details className="outbox-message">
      <summary>
        <span className="outbox-message__subject">{message.subject || '(no subject)'}</span>
        <span className="muted">
          {' '}
          to {message.to.join(', ') || '(no recipient)'} ·{' '}
          <time dateTime={message.timestamp}>{formatDateTime(new Date(message.timestamp))}</time>
        </span>
      </summary>
      <p className="muted">From {message.from}</p>
      {body === undefined ? (
        <p className="muted">No text part (HTML only).</p>
      ) : (
        <pre className="code-block outbox-message__text">
          {linkify(body).map((part, index) =>
            part.kind === 'link' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text
              <a key={index} href={part.href}>
                {part.href}
              </a>
            ) : (
              part.text
            ),
          )}
        </pre>
      )}
    </details>
  );
}
