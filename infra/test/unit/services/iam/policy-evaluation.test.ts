import { describe, expect, it } from 'vitest';
import { POLICY_CASES } from './cases/all-cases.js';
import { runCase } from './cases/run-case.js';

describe.each(Object.entries(POLICY_CASES))('IAM policy evaluation: %s', (_area, cases) => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const result = runCase(testCase);

    expect(result.decision).toBe(testCase.expected);
  });
});
