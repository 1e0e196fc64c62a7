import { describe, expect, it } from 'vitest';
import { formatDuration, formatUsd, invocationCost, parseReport } from './invocation-report';

const TAIL = [
  'START RequestId: 6f1c1a52 Version: $LATEST',
  '2026-01-01T00:00:00.000Z\t6f1c1a52\tINFO\thello',
  'END RequestId: 6f1c1a52',
  'REPORT RequestId: 6f1c1a52\tDuration: 1.23 ms\tBilled Duration: 152 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 150.00 ms\t',
  '',
].join('\n');

describe('parseReport', () => {
  it('reads every figure of a cold start', () => {
    expect(parseReport(TAIL)).toEqual({
      requestId: '6f1c1a52',
      durationMs: 1.23,
      billedDurationMs: 152,
      memorySizeMb: 128,
      maxMemoryUsedMb: 40,
      initDurationMs: 150,
    });
  });

  it('reads a warm start written with spaces instead of tabs, without Init Duration', () => {
    const report = parseReport(
      'REPORT RequestId: abc Duration: 12.50 ms Billed Duration: 13 ms Memory Size: 1024 MB Max Memory Used: 80 MB',
    );
    expect(report).toEqual({
      requestId: 'abc',
      durationMs: 12.5,
      billedDurationMs: 13,
      memorySizeMb: 1024,
      maxMemoryUsedMb: 80,
    });
  });

  it('reads the status and error type of a timeout', () => {
    const report = parseReport(
      'REPORT RequestId: t\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout\t',
    );
    expect(report).toMatchObject({ durationMs: 3000, status: 'timeout' });
    expect(
      parseReport(
        'REPORT RequestId: e\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: error\tError Type: Runtime.ExitError\t',
      ),
    ).toMatchObject({ status: 'error', errorType: 'Runtime.ExitError' });
  });

  it('takes the last REPORT line of a tail holding two', () => {
    const two = `${TAIL}REPORT RequestId: second\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 41 MB\t\n`;
    expect(parseReport(two)?.requestId).toBe('second');
  });

  it('finds nothing in a log without a complete REPORT line', () => {
    expect(parseReport('START RequestId: x Version: $LATEST\nEND RequestId: x')).toBeUndefined();
    expect(parseReport('REPORT RequestId: x\tDuration: 1.00 ms')).toBeUndefined();
  });
});

describe('invocationCost', () => {
  it('charges billed milliseconds × memory in GB at the x86_64 price, plus one request', () => {
    const cost = invocationCost({ billedDurationMs: 1000, memorySizeMb: 1024 }, 'x86_64');
    expect(cost.gbSeconds).toBe(1);
    expect(cost.computeUsd).toBeCloseTo(0.0000166667, 12);
    expect(cost.requestUsd).toBeCloseTo(0.0000002, 12);
    expect(cost.totalUsd).toBeCloseTo(0.0000168667, 12);
  });

  it('charges less on arm64', () => {
    const cost = invocationCost({ billedDurationMs: 152, memorySizeMb: 128 }, 'arm64');
    expect(cost.gbSeconds).toBeCloseTo(0.019, 12);
    expect(cost.computeUsd).toBeCloseTo(0.019 * 0.0000133334, 14);
  });

  it('prices an unknown architecture as x86_64', () => {
    expect(invocationCost({ billedDurationMs: 2, memorySizeMb: 128 }).computeUsd).toBeCloseTo(
      (2 / 1000) * (128 / 1024) * 0.0000166667,
      16,
    );
  });
});

describe('formatting', () => {
  it('shows tiny amounts with three significant digits', () => {
    expect(formatUsd(0.00000020417)).toBe('$0.000000204');
    expect(formatUsd(0.0021)).toBe('$0.0021');
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(0)).toBe('$0');
  });

  it('shows durations in ms or s', () => {
    expect(formatDuration(1.234)).toBe('1.23 ms');
    expect(formatDuration(12.34)).toBe('12.3 ms');
    expect(formatDuration(152)).toBe('152 ms');
    expect(formatDuration(3000)).toBe('3.00 s');
  });
});
