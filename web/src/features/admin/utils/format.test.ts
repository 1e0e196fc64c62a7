import { describe, expect, it } from 'vitest';
import { formatBytes, formatLogTime, linkify, parseLambdaDate, prettyJson } from './format';

describe('parseLambdaDate', () => {
  it("reads Lambda's offset without a colon", () => {
    expect(parseLambdaDate('2026-03-14T09:26:53.589+0000')?.toISOString()).toBe('2026-03-14T09:26:53.589Z');
    expect(parseLambdaDate('2026-03-14T10:26:53.589+0100')?.toISOString()).toBe('2026-03-14T09:26:53.589Z');
  });

  it('gives nothing for nothing or nonsense', () => {
    expect(parseLambdaDate(undefined)).toBeUndefined();
    expect(parseLambdaDate('yesterday')).toBeUndefined();
  });
});

describe('formatters', () => {
  it('shows log times to the millisecond', () => {
    expect(formatLogTime(Date.UTC(2026, 0, 1, 9, 26, 53, 7))).toMatch(/\d{2}:26:53\.007$/);
  });

  it('shows sizes in B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('indents JSON and keeps undefined readable', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(undefined)).toBe('undefined');
  });
});

describe('linkify', () => {
  it('finds links and leaves the punctuation after them', () => {
    expect(linkify('Verify: http://localhost:5173/verify-email?token=abc_123. Thanks')).toEqual([
      { kind: 'text', text: 'Verify: ' },
      { kind: 'link', href: 'http://localhost:5173/verify-email?token=abc_123' },
      { kind: 'text', text: '. Thanks' },
    ]);
  });

  it('returns plain text untouched', () => {
    expect(linkify('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
    expect(linkify('')).toEqual([]);
  });
});
