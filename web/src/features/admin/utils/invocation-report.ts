/**
 * What Lambda's `REPORT` line says about one invocation, and what that invocation cost.
 *
 * Lambda ends every invocation's log with, tab-separated:
 * `REPORT RequestId: <id>  Duration: 1.23 ms  Billed Duration: 2 ms  Memory Size: 128 MB
 *  Max Memory Used: 40 MB  Init Duration: 150.00 ms` (Init Duration on a cold start only).
 */
export interface InvocationReport {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present on a cold start: the time the execution environment took to start. */
  initDurationMs?: number;
  /** `timeout`, `error`, … when the invocation did not end normally. */
  status?: string;
  errorType?: string;
}

const FIELD = (name: string) => new RegExp(`${name}:\\s*([0-9.]+)\\s*(?:ms|MB)`);
const FIELDS = {
  durationMs: FIELD('(?<!Billed |Init )Duration'),
  billedDurationMs: FIELD('Billed Duration'),
  memorySizeMb: FIELD('Memory Size'),
  maxMemoryUsedMb: FIELD('Max Memory Used'),
  initDurationMs: FIELD('Init Duration'),
} as const;

/**
 * Reads the last `REPORT` line of a log (a decoded `LogResult` tail, or one log event's message).
 * Returns undefined when there is none, or when it lacks the required figures.
 *
 * @example
 * parseReport('REPORT RequestId: 42\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t')
 * // { requestId: '42', durationMs: 1.23, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: 40 }
 */
export function parseReport(log: string): InvocationReport | undefined {
  const line = log
    .split(/\r?\n/)
    .reverse()
    .find((candidate) => candidate.startsWith('REPORT RequestId:'));
  if (!line) return undefined;
  const number = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(line);
    return match ? Number(match[1]) : undefined;
  };
  const durationMs = number(FIELDS.durationMs);
  const billedDurationMs = number(FIELDS.billedDurationMs);
  const memorySizeMb = number(FIELDS.memorySizeMb);
  const maxMemoryUsedMb = number(FIELDS.maxMemoryUsedMb);
  if (
    durationMs === undefined ||
    billedDurationMs === undefined ||
    memorySizeMb === undefined ||
    maxMemoryUsedMb === undefined
  ) {
    return undefined;
  }
  const report: InvocationReport = {
    requestId: /RequestId:\s*(\S+)/.exec(line)?.[1] ?? '',
    durationMs,
    billedDurationMs,
    memorySizeMb,
    maxMemoryUsedMb,
  };
  const initDurationMs = number(FIELDS.initDurationMs);
  if (initDurationMs !== undefined) report.initDurationMs = initDurationMs;
  const status = /Status:\s*([^\t]+?)\s*(?:\t|$)/.exec(line)?.[1];
  if (status) report.status = status;
  const errorType = /Error Type:\s*([^\t]+?)\s*(?:\t|$)/.exec(line)?.[1];
  if (errorType) report.errorType = errorType;
  return report;
}

export type Architecture = 'x86_64' | 'arm64';

/**
 * Lambda's on-demand prices in US East (N. Virginia), in US dollars: per GB-second of billed
 * duration (by architecture) and per request. Other regions differ by a few percent.
 */
export const LAMBDA_PRICES = {
  perGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
  perRequest: 0.2 / 1_000_000,
} as const;

export interface InvocationCost {
  /** Billed duration × memory, in GB-seconds. */
  gbSeconds: number;
  pricePerGbSecond: number;
  computeUsd: number;
  requestUsd: number;
  totalUsd: number;
}

/**
 * The cost of one invocation: billed milliseconds × memory in GB × the architecture's price per
 * GB-second, plus the price of one request. Memory in GB is MB / 1024, as AWS counts it.
 *
 * @example
 * invocationCost({ billedDurationMs: 100, memorySizeMb: 1024 }, 'x86_64').totalUsd
 * // 0.1 GB-s × $0.0000166667 + $0.0000002 = $0.00000186667
 */
export function invocationCost(
  report: Pick<InvocationReport, 'billedDurationMs' | 'memorySizeMb'>,
  architecture: string = 'x86_64',
): InvocationCost {
  const pricePerGbSecond =
    architecture === 'arm64' ? LAMBDA_PRICES.perGbSecond.arm64 : LAMBDA_PRICES.perGbSecond.x86_64;
  const gbSeconds = (report.billedDurationMs / 1000) * (report.memorySizeMb / 1024);
  const computeUsd = gbSeconds * pricePerGbSecond;
  const requestUsd = LAMBDA_PRICES.perRequest;
  return { gbSeconds, pricePerGbSecond, computeUsd, requestUsd, totalUsd: computeUsd + requestUsd };
}

/**
 * A dollar amount with three significant digits however small, in plain decimals
 * (`$0.000000204`, `$0.0021`, `$1.50`): a call costs millionths of a cent.
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return '—';
  if (amount === 0) return '$0';
  if (amount >= 0.01) return `$${amount.toFixed(2)}`;
  const decimals = Math.min(20, -Math.floor(Math.log10(amount)) + 2);
  return `$${amount.toFixed(decimals).replace(/0+$/, '')}`;
}

/** Milliseconds as people read them: `0.87 ms`, `12.3 ms`, `152 ms`, `1.24 s`. */
export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
