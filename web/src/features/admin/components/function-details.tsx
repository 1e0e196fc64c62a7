import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { ErrorMessage } from '../../../components/error-message';
import { Spinner } from '../../../components/spinner';
import {
  type GetFunctionConfigurationSender,
  useFunctionConfiguration,
} from '../api/get-function-configuration';
import { formatBytes, formatDateTime, parseLambdaDate } from '../utils/format';
import { Facts } from './facts';

/** The selected function's configuration as Lambda reports it now (`GetFunctionConfiguration`). */
export function FunctionDetails({
  lambda,
  functionName,
}: {
  lambda: GetFunctionConfigurationSender;
  functionName: string;
}) {
  const configuration = useFunctionConfiguration(lambda, functionName);
  if (configuration.isPending) return <Spinner label="Loading the configuration…" />;
  if (configuration.isError) {
    return (
      <ErrorMessage onRetry={() => configuration.refetch()}>
        Could not read the configuration: {(configuration.error as Error).message}
      </ErrorMessage>
    );
  }
  return <ConfigurationFacts fn={configuration.data} />;
}

function ConfigurationFacts({ fn }: { fn: FunctionConfiguration }) {
  const variables = Object.entries(fn.Environment?.Variables ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <Facts
        items={[
          ['Description', fn.Description || '—'],
          ['Runtime', fn.Runtime ?? '—'],
          ['Handler', fn.Handler ? <code key="handler">{fn.Handler}</code> : '—'],
          ['Architecture', fn.Architectures?.join(', ') ?? 'x86_64'],
          ['Memory', fn.MemorySize ? `${fn.MemorySize} MB` : '—'],
          ['Timeout', fn.Timeout ? `${fn.Timeout} s` : '—'],
          ['Ephemeral storage', fn.EphemeralStorage?.Size ? `${fn.EphemeralStorage.Size} MB` : '—'],
          ['Code size', formatBytes(fn.CodeSize)],
          ['Last modified', formatDateTime(parseLambdaDate(fn.LastModified))],
          ['State', [fn.State, fn.StateReason].filter(Boolean).join(': ') || '—'],
          ['Last update', [fn.LastUpdateStatus, fn.LastUpdateStatusReason].filter(Boolean).join(': ') || '—'],
          ['Version', fn.Version ?? '—'],
          [
            'Role',
            fn.Role ? (
              <code key="role" className="break">
                {fn.Role}
              </code>
            ) : (
              '—'
            ),
          ],
          [
            'ARN',
            fn.FunctionArn ? (
              <code key="arn" className="break">
                {fn.FunctionArn}
              </code>
            ) : (
              '—'
            ),
          ],
          fn.DeadLetterConfig?.TargetArn
            ? [
                'Dead-letter queue',
                <code key="dead-letter-queue" className="break">
                  {fn.DeadLetterConfig.TargetArn}
                </code>,
              ]
            : undefined,
          fn.TracingConfig?.Mode ? ['Tracing', fn.TracingConfig.Mode] : undefined,
          fn.Layers?.length ? ['Layers', fn.Layers.map((layer) => layer.Arn).join(', ')] : undefined,
        ]}
      />
      <h4>Environment variables</h4>
      {variables.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <Facts
          items={variables.map(([name, value]) => [
            name,
            <code key={name} className="break">
              {value}
            </code>,
          ])}
        />
      )}
    </>
  );
}
