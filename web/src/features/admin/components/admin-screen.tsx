import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import type { AppConfig } from '@lambdagram/functions/contracts/app-config';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, navigate, useRoute } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useFunctions } from '../api/list-functions';
import { examplePayload, triggerOf } from '../utils/example-payloads';
import {
  addToHistory,
  type HistoryEntry,
  historyKeyFor,
  readHistory,
  writeHistory,
} from '../utils/invocation-history';
import { FunctionDetails } from './function-details';
import { FunctionList } from './function-list';
import { InvocationHistoryList } from './invocation-history-list';
import { type InvokeDraft, InvokeForm } from './invoke-form';
import { LogViewer } from './log-viewer';
import { MailOutbox } from './mail-outbox';

/**
 * The admin debug panel (its own chunk, loaded only when opened): the stack's functions, an invoke
 * form with the result, log tail, figures and cost, this session's invocations, the function's log
 * and, on the local cloud, the mail outbox. IAM lets only admins do any of it; others get a page
 * that says so.
 */
export function AdminScreen() {
  const session = useSession();
  if (session.user?.role !== 'admin') return <NotAvailable />;
  return (
    <AdminPanel
      lambda={session.clients.lambda}
      logs={session.clients.logs}
      config={session.config}
      userId={session.user.userId}
    />
  );
}

function NotAvailable() {
  return (
    <section className="screen">
      <h1>Not available</h1>
      <p>The debug panel is for administrators only.</p>
      <p>
        If you should have access, ask an administrator to give your account the admin role, then sign in
        again. <Link to="/">Go to the home page</Link>.
      </p>
    </section>
  );
}

export interface AdminPanelProps {
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  config: AppConfig;
  userId?: string;
}

/** What the invoke form starts from: the example, or a history entry (run again at once, or not). */
interface FormStart {
  /** Changes to mount a fresh form. */
  generation: number;
  functionName?: string;
  draft?: InvokeDraft;
  run?: boolean;
}

export function AdminPanel({ lambda, logs, config, userId }: AdminPanelProps) {
  const { query } = useRoute();
  const selectedName = query.get('function') || undefined;
  const functions = useFunctions(lambda);
  const selected: FunctionConfiguration | undefined = useMemo(
    () =>
      selectedName
        ? (functions.data?.find((fn) => fn.FunctionName === selectedName) ?? { FunctionName: selectedName })
        : undefined,
    [functions.data, selectedName],
  );
  const example = useMemo(
    () =>
      selected?.FunctionName
        ? examplePayload(
            {
              functionName: selected.FunctionName,
              ...(selected.FunctionArn ? { functionArn: selected.FunctionArn } : {}),
            },
            config.functionPrefix,
          )
        : undefined,
    [selected?.FunctionName, selected?.FunctionArn, config.functionPrefix],
  );
  const [history, setHistory] = useInvocationHistory(userId);
  const [formStart, setFormStart] = useState<FormStart>({ generation: 0 });
  const workspaceHeading = useRef<HTMLHeadingElement>(null);
  const focusWorkspace = useRef(false);

  // After a choice in the list or the history, keyboard and screen-reader users land on the function.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new choice
  useEffect(() => {
    if (!focusWorkspace.current) return;
    focusWorkspace.current = false;
    workspaceHeading.current?.focus();
  }, [selectedName, formStart.generation]);

  const open = (functionName: string, start: Omit<FormStart, 'generation'>) => {
    focusWorkspace.current = true;
    setFormStart((previous) => ({ ...start, generation: previous.generation + 1 }));
    if (functionName !== selectedName) navigate(`/admin?function=${encodeURIComponent(functionName)}`);
  };

  const record = (entry: HistoryEntry) => setHistory((entries) => addToHistory(entries, entry));

  const draftFor = (functionName: string) =>
    formStart.functionName === functionName ? formStart.draft : undefined;

  return (
    <section className="screen screen--wide admin" aria-labelledby="admin-heading">
      <h1 id="admin-heading">Admin debug panel</h1>
      <div className="admin__layout">
        <section className="admin__functions" aria-labelledby="admin-functions-heading">
          <h2 id="admin-functions-heading">Functions</h2>
          <FunctionList
            lambda={lambda}
            selected={selectedName}
            onSelect={(fn) => open(fn.FunctionName ?? '', {})}
          />
        </section>

        <div className="admin__workspace">
          {selected?.FunctionName && example ? (
            <section className="admin__function" aria-labelledby="admin-function-heading">
              <h2 id="admin-function-heading" ref={workspaceHeading} tabIndex={-1} className="break">
                {selected.FunctionName}
              </h2>
              <FunctionSummary fn={selected} functionPrefix={config.functionPrefix} />
              <details className="admin__configuration">
                <summary>Configuration</summary>
                <FunctionDetails lambda={lambda} functionName={selected.FunctionName} />
              </details>

              <h3>Invoke</h3>
              <InvokeForm
                key={`${selected.FunctionName}:${formStart.generation}`}
                functionName={selected.FunctionName}
                {...(selected.Architectures?.[0] ? { architecture: selected.Architectures[0] } : {})}
                example={example}
                lambda={lambda}
                {...(draftFor(selected.FunctionName)
                  ? { initialDraft: draftFor(selected.FunctionName) }
                  : {})}
                runOnMount={formStart.functionName === selected.FunctionName && Boolean(formStart.run)}
                onInvoked={record}
              />

              <h3>Logs</h3>
              <LogViewer key={selected.FunctionName} logs={logs} functionName={selected.FunctionName} />
            </section>
          ) : (
            <p className="admin__placeholder">
              Choose a function to see its configuration, invoke it and read its logs.
            </p>
          )}

          <section aria-labelledby="admin-history-heading">
            <h2 id="admin-history-heading">Invocations in this session</h2>
            <InvocationHistoryList
              entries={history}
              onRerun={(entry) =>
                open(entry.functionName, {
                  functionName: entry.functionName,
                  draft: { payload: entry.payload, invocationType: entry.invocationType },
                  run: true,
                })
              }
              onEdit={(entry) =>
                open(entry.functionName, {
                  functionName: entry.functionName,
                  draft: { payload: entry.payload, invocationType: entry.invocationType },
                })
              }
              onClear={() => setHistory(() => [])}
            />
          </section>

          {config.outboxUrl && (
            <section aria-labelledby="admin-outbox-heading">
              <h2 id="admin-outbox-heading">Mail outbox</h2>
              <p className="muted">
                The local cloud keeps every email the stack sends instead of delivering it.
              </p>
              <MailOutbox outboxUrl={config.outboxUrl} />
            </section>
          )}
        </div>
      </div>
    </section>
  );
}

function FunctionSummary({ fn, functionPrefix }: { fn: FunctionConfiguration; functionPrefix: string }) {
  const trigger = triggerOf(fn.FunctionName ?? '', functionPrefix);
  const figures = [
    fn.Runtime,
    fn.Architectures?.[0],
    fn.MemorySize ? `${fn.MemorySize} MB` : undefined,
    fn.Timeout ? `${fn.Timeout} s timeout` : undefined,
  ].filter(Boolean);
  return (
    <>
      {fn.Description && <p>{fn.Description}</p>}
      {figures.length > 0 && <p className="muted">{figures.join(' · ')}</p>}
      {trigger && (
        <p className="admin__note">
          {trigger === 's3'
            ? 'This function normally runs on S3 upload notifications; the example is such an event.'
            : 'This function normally runs on DynamoDB stream batches; the example is such a batch.'}
        </p>
      )}
    </>
  );
}

/** The history, kept in `sessionStorage` under the admin's own key. */
function useInvocationHistory(userId: string | undefined) {
  const key = historyKeyFor(userId);
  const [entries, setEntries] = useState(() => readHistory(sessionStorageOrNothing(), key));
  useEffect(() => writeHistory(sessionStorageOrNothing(), entries, key), [entries, key]);
  return [entries, setEntries] as const;
}

function sessionStorageOrNothing(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage disabled: the history lasts as long as the page
  }
}
