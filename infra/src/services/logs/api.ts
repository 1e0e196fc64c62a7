import { ServiceError } from '../../core/errors.js';
import { filterLogEvents, getLogEvents, putLogEvents } from './event-operations.js';
import {
  createLogGroup,
  createLogStream,
  deleteLogGroup,
  deleteLogStream,
  describeLogGroups,
  describeLogStreams,
} from './group-operations.js';
import type { LogsContext } from './resource-names.js';
import type { LogStore } from './store/store.js';

type Operation = (store: LogStore, input: Record<string, unknown>, context: LogsContext) => unknown;

const OPERATIONS = new Map<string, Operation>([
  ['CreateLogGroup', createLogGroup],
  ['DeleteLogGroup', deleteLogGroup],
  ['CreateLogStream', createLogStream],
  ['DeleteLogStream', deleteLogStream],
  ['PutLogEvents', putLogEvents],
  ['DescribeLogGroups', describeLogGroups],
  ['DescribeLogStreams', describeLogStreams],
  ['GetLogEvents', getLogEvents],
  ['FilterLogEvents', filterLogEvents],
]);

/**
 * Runs one CloudWatch Logs operation (`Logs_20140328.<operation>`) on its parsed JSON input and returns
 * the output to serialize; failures are `ServiceError`s worded and coded as the service's.
 *
 * @example await handleLogsOperation(store, 'GetLogEvents', { logGroupName, logStreamName }, where)
 */
export async function handleLogsOperation(
  store: LogStore,
  operation: string,
  input: Record<string, unknown>,
  ctx: LogsContext,
): Promise<unknown> {
  const run = OPERATIONS.get(operation);
  // The service answers an unknown target with the bare error type and no message.
  if (!run) throw new ServiceError('UnknownOperationException', '', 400);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ServiceError(
      'SerializationException',
      'Start of structure or map found where not expected.',
      400,
    );
  }
  return run(store, input, ctx);
}
