import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { Spinner } from '../../../components/spinner';
import { type InvokeSender, useInvokeFunction } from '../api/invoke-function';
import type { ExamplePayload } from '../utils/example-payloads';
import type { HistoryEntry, InvocationType } from '../utils/invocation-history';
import { type InvocationOutcome, summarize } from '../utils/invocation-outcome';
import { checkJson } from '../utils/json-validation';
import { InvocationResult } from './invocation-result';
import { JsonEditor } from './json-editor';

const INVOCATION_TYPES: { value: InvocationType; label: string; hint: string }[] = [
  {
    value: 'RequestResponse',
    label: 'Synchronous (RequestResponse)',
    hint: 'wait for the result and the log tail',
  },
  { value: 'Event', label: 'Asynchronous (Event)', hint: 'queue the event; Lambda retries on failure' },
  { value: 'DryRun', label: 'Dry run (DryRun)', hint: 'check the request and the permission only' },
];

const EXAMPLE_SOURCES: Record<ExamplePayload['source'], string> = {
  contract: "a valid input from the function's contract",
  seed: "the seed example's input",
  s3: 'a sample S3 upload notification, as S3 sends it',
  'dynamodb-stream': 'a sample DynamoDB stream batch, as the event source mapping sends it',
  none: 'no known input: an empty object',
};

export interface InvokeDraft {
  payload: string;
  invocationType: InvocationType;
}

export interface InvokeFormProps {
  functionName: string;
  /** `x86_64` or `arm64`, to price the call. */
  architecture?: string;
  example: ExamplePayload;
  lambda: InvokeSender;
  /** Starts from this payload and type instead of the example (a re-run from the history). */
  initialDraft?: InvokeDraft;
  /** Invokes once as soon as the form shows (a re-run). */
  runOnMount?: boolean;
  onInvoked?: (entry: HistoryEntry, outcome: InvocationOutcome) => void;
}

/** The JSON payload, the invocation type and the Invoke button, then the outcome of the call. */
export function InvokeForm({
  functionName,
  architecture,
  example,
  lambda,
  initialDraft,
  runOnMount = false,
  onInvoked,
}: InvokeFormProps) {
  const typeName = useId();
  const [payload, setPayload] = useState(initialDraft?.payload ?? example.json);
  const [invocationType, setInvocationType] = useState<InvocationType>(
    initialDraft?.invocationType ?? 'RequestResponse',
  );
  const check = useMemo(() => checkJson(payload), [payload]);
  const invocation = useInvokeFunction(lambda);

  const invoke = (draft: InvokeDraft) => {
    if (!checkJson(draft.payload).ok) return;
    const invokedAt = new Date().toISOString();
    invocation.mutate(
      {
        functionName,
        payload: draft.payload,
        invocationType: draft.invocationType,
        ...(architecture ? { architecture } : {}),
      },
      {
        onSuccess: (outcome) =>
          onInvoked?.(
            {
              id: `${invokedAt}-${Math.random().toString(36).slice(2, 8)}`,
              functionName,
              invocationType: draft.invocationType,
              payload: draft.payload,
              invokedAt,
              ...summarize(outcome),
            },
            outcome,
          ),
      },
    );
  };

  // A re-run invokes once on arrival (a ref, not state: StrictMode's second effect run must not call twice).
  const ranOnMount = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on mount
  useEffect(() => {
    if (runOnMount && !ranOnMount.current) {
      ranOnMount.current = true;
      invoke({ payload, invocationType });
    }
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invoke({ payload, invocationType });
  };

  return (
    <div className="invoke">
      <form className="form" onSubmit={submit} aria-label={`Invoke ${functionName}`}>
        <JsonEditor
          label="Payload (JSON)"
          value={payload}
          onChange={setPayload}
          check={check}
          hint={`The example is ${EXAMPLE_SOURCES[example.source]}.`}
        />
        <div className="form-actions">
          <Button
            variant="secondary"
            onClick={() => setPayload(example.json)}
            disabled={payload === example.json}
          >
            Use the example
          </Button>
          <Button
            variant="secondary"
            onClick={() => check.ok && setPayload(JSON.stringify(check.value, null, 2))}
            disabled={!check.ok}
          >
            Format JSON
          </Button>
        </div>
        <fieldset className="choice-group">
          <legend>Invocation type</legend>
          {INVOCATION_TYPES.map((type) => (
            <label key={type.value} className="choice">
              <input
                type="radio"
                name={typeName}
                value={type.value}
                checked={invocationType === type.value}
                onChange={() => setInvocationType(type.value)}
              />
              <span>
                {type.label} <span className="muted">— {type.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" disabled={!check.ok} pending={invocation.isPending}>
            Invoke
          </Button>
          {!check.ok && <span className="muted">Fix the payload to invoke.</span>}
        </div>
      </form>
      <p role="status" className="visually-hidden">
        {invocation.isPending
          ? `Invoking ${functionName}…`
          : invocation.data
            ? `Invocation finished: ${summarize(invocation.data).summary}`
            : ''}
      </p>
      {invocation.isPending && (
        <p className="muted">
          <Spinner size="small" label="" /> Invoking {functionName}…
        </p>
      )}
      {invocation.data && !invocation.isPending && (
        <InvocationResult outcome={invocation.data} functionName={functionName} />
      )}
    </div>
  );
}
