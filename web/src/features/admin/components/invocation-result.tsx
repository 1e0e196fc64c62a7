import { prettyJson } from '../utils/format';
import type { FunctionOutcome, InvocationOutcome, ServiceFailure } from '../utils/invocation-outcome';
import { formatDuration, formatUsd, LAMBDA_PRICES } from '../utils/invocation-report';
import { Facts } from './facts';

/** One invocation's outcome: what came back, the log tail and what the call cost. */
export function InvocationResult({
  outcome,
  functionName,
}: {
  outcome: InvocationOutcome;
  functionName: string;
}) {
  return (
    <section className="invocation-result" aria-labelledby="invocation-result-heading">
      <h4 id="invocation-result-heading">Result</h4>
      {outcome.kind === 'service-error' ? (
        <ServiceFailureView failure={outcome} />
      ) : (
        <FunctionOutcomeView outcome={outcome} functionName={functionName} />
      )}
    </section>
  );
}

function ServiceFailureView({ failure }: { failure: ServiceFailure }) {
  return (
    <>
      <p className="outcome-badge outcome-badge--error">
        Lambda refused the call{failure.statusCode ? ` (HTTP ${failure.statusCode})` : ''}
      </p>
      <Facts
        items={[
          ['Error', <code key="error">{failure.name}</code>],
          ['Message', failure.message],
          failure.friendly ? ['In other words', failure.friendly] : undefined,
          failure.requestId ? ['Request id', <code key="request-id">{failure.requestId}</code>] : undefined,
          ['Round trip', formatDuration(failure.elapsedMs)],
        ]}
      />
    </>
  );
}

function FunctionOutcomeView({ outcome, functionName }: { outcome: FunctionOutcome; functionName: string }) {
  return (
    <>
      <OutcomeBadge outcome={outcome} />
      {outcome.kind === 'function-error' && outcome.error && (
        <div className="function-error">
          <Facts
            items={[
              ['Error type', <code key="error-type">{outcome.error.errorType}</code>],
              ['Message', outcome.error.errorMessage],
            ]}
          />
          {outcome.error.stackTrace.length > 0 && (
            <details>
              <summary>Stack trace ({outcome.error.stackTrace.length} lines)</summary>
              <pre className="code-block">{outcome.error.stackTrace.join('\n')}</pre>
            </details>
          )}
        </div>
      )}
      {outcome.kind === 'result' && (
        <>
          <h5>Returned</h5>
          {outcome.payloadText === undefined ? (
            <p className="muted">Nothing (the function returned no value).</p>
          ) : (
            <pre className="code-block" data-testid="invocation-payload">
              {outcome.payload !== undefined ? prettyJson(outcome.payload) : outcome.payloadText}
            </pre>
          )}
        </>
      )}
      {outcome.kind === 'accepted' && (
        <p>
          Lambda queued the event and will run <code>{functionName}</code> shortly (retrying if it fails). An
          asynchronous call returns no log tail: watch the function's logs below.
        </p>
      )}
      {outcome.kind === 'dry-run' && (
        <p>Lambda checked the request and your permission to invoke this function; nothing ran.</p>
      )}
      <Figures outcome={outcome} />
      {outcome.logTail !== undefined && (
        <>
          <h5>Log tail</h5>
          <pre className="code-block code-block--log" data-testid="invocation-log-tail">
            {outcome.logTail}
          </pre>
        </>
      )}
    </>
  );
}

function OutcomeBadge({ outcome }: { outcome: FunctionOutcome }) {
  const handled = outcome.functionError === 'Handled' ? 'handled' : 'unhandled';
  const [text, tone] = {
    result: [`Succeeded (HTTP ${outcome.statusCode})`, 'ok'],
    'function-error': [`The function failed: ${handled} error (HTTP ${outcome.statusCode})`, 'error'],
    accepted: [`Accepted for asynchronous invocation (HTTP ${outcome.statusCode})`, 'ok'],
    'dry-run': [`Dry run: the call would be allowed (HTTP ${outcome.statusCode})`, 'ok'],
  }[outcome.kind];
  return <p className={`outcome-badge outcome-badge--${tone}`}>{text}</p>;
}

function Figures({ outcome }: { outcome: FunctionOutcome }) {
  const { report, cost } = outcome;
  return (
    <>
      <h5>Figures</h5>
      {!report && outcome.kind !== 'accepted' && outcome.kind !== 'dry-run' && (
        <p className="muted">No REPORT line in the log tail, so no figures for this call.</p>
      )}
      <Facts
        className="facts--figures"
        items={[
          report && ['Duration', formatDuration(report.durationMs)],
          report && ['Billed duration', `${report.billedDurationMs} ms`],
          report && ['Max memory used', `${report.maxMemoryUsedMb} MB of ${report.memorySizeMb} MB`],
          report && [
            'Init duration',
            report.initDurationMs !== undefined
              ? `${formatDuration(report.initDurationMs)} (cold start)`
              : 'None (warm start)',
          ],
          report?.status
            ? ['Status', `${report.status}${report.errorType ? ` (${report.errorType})` : ''}`]
            : undefined,
          report &&
            cost && [
              'Cost of this call',
              <>
                <strong>{formatUsd(cost.totalUsd)}</strong>{' '}
                <span className="muted">
                  = {report.billedDurationMs} ms × {report.memorySizeMb / 1024} GB × ${cost.pricePerGbSecond}
                  /GB-s + {formatUsd(LAMBDA_PRICES.perRequest)} a request;{' '}
                  {formatUsd(cost.totalUsd * 1_000_000)} per million such calls
                </span>
              </>,
            ],
          ['Round trip', `${formatDuration(outcome.elapsedMs)} (as seen by this browser)`],
          outcome.requestId ? ['Request id', <code key="request-id">{outcome.requestId}</code>] : undefined,
        ]}
      />
    </>
  );
}
