import type { InvocationReport } from './invocation.js';

/** The platform's own log lines, worded and tab-separated exactly as Lambda writes them. */

export function initStartLine(runtimeVersion: string, runtimeVersionArn: string): string {
  return `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}\n`;
}

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export function reportLine(requestId: string, report: InvocationReport): string {
  let line =
    `REPORT RequestId: ${requestId}\tDuration: ${report.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${report.billedDurationMs} ms\tMemory Size: ${report.memorySizeMb} MB\t` +
    `Max Memory Used: ${report.maxMemoryUsedMb} MB\t`;
  if (report.initDurationMs !== undefined) line += `Init Duration: ${report.initDurationMs.toFixed(2)} ms\t`;
  if (report.status) line += `Status: ${report.status}\t`;
  if (report.errorType) line += `Error Type: ${report.errorType}\t`;
  return `${line}\n`;
}

export function timeoutLine(requestId: string, timeoutSeconds: number): string {
  return `${new Date().toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;
}

/**
 * Since August 2025 Lambda bills the INIT phase of on-demand invocations too: a cold start's billed
 * duration is its duration plus its init duration, rounded up to the millisecond.
 */
export function billedDuration(durationMs: number, initDurationMs?: number): number {
  return Math.max(1, Math.ceil(durationMs + (initDurationMs ?? 0)));
}

/** Lambda's tail is the last 4 KB of the invocation's log, cut on a character boundary. */
export function tailOf(logText: string, limitBytes = 4096): string {
  const bytes = Buffer.from(logText);
  if (bytes.length <= limitBytes) return logText;
  return bytes
    .subarray(bytes.length - limitBytes)
    .toString()
    .replace(/^\uFFFD+/, '');
}
