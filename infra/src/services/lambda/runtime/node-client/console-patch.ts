import { format } from 'node:util';
import { intoError, toFormatted } from './errors.js';
import type { LogSink } from './log-sink.js';

/** Where AWS's runtime keeps the current request id; tools that enrich logs read it from here. */
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const requestIdSlot = globalThis as unknown as Record<symbol, string | undefined>;

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
type Level = (typeof LEVELS)[number];

/** Tags every later log record with this invocation's id (`undefined` during init, as on AWS). */
export function setCurrentRequestId(requestId: string | undefined): void {
  requestIdSlot[REQUEST_ID] = requestId;
}

/**
 * Replaces console.* so each call is one record `<ISO time>\t<request id>\t<LEVEL>\t<message>`, as
 * AWS's runtime writes them. Levels below `AWS_LAMBDA_LOG_LEVEL` (default: all) are dropped.
 */
export function patchConsole(sink: LogSink, minimumLevel: string | undefined): void {
  const minimum = Math.max(0, LEVELS.indexOf((minimumLevel?.toUpperCase() ?? 'TRACE') as Level));
  const logger = (level: Level) => {
    if (LEVELS.indexOf(level) < minimum) return () => {};
    // `message` is separate so `console.log()` formats as 'undefined', as it does on AWS.
    return (message?: unknown, ...params: unknown[]) => {
      const now = Date.now();
      sink(
        `${new Date(now).toISOString()}\t${requestIdSlot[REQUEST_ID]}\t${level}\t${format(message, ...params)}`,
        now,
      );
    };
  };
  console.trace = logger('TRACE');
  console.debug = logger('DEBUG');
  console.info = logger('INFO');
  console.log = console.info;
  console.warn = logger('WARN');
  console.error = logger('ERROR');
  (console as Console & { fatal: Console['error'] }).fatal = logger('FATAL');
}

/** The runtime's own error record: `<label> \t{error as JSON}` at ERROR level. */
export function logError(label: string, error: unknown): void {
  console.error(label, toFormatted(intoError(error)));
}
