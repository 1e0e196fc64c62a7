/**
 * Differential test: the behaviour table run through @cloud-copilot/iam-simulate, which must reach the
 * same verdicts. The simulator is AGPL-licensed: it is a devDependency, imported by this test only and
 * never by `src/`.
 *
 * Where the simulator departs from AWS's documentation the case says so (`simulatorDiffers`, with the
 * rule), the evaluator follows AWS, and this test pins the simulator's verdict so that a fix upstream
 * shows up here.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { requestContext } from '../../../../src/services/iam/policy/request-context.js';
import type { Decision } from '../../../../src/services/iam/policy/types.js';
import { POLICY_CASES } from './cases/all-cases.js';
import type { PolicyCase } from './cases/builders.js';
import { requestOf } from './cases/run-case.js';

const VERDICTS: Record<string, Decision> = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

/** The root user may do anything in its account: to the simulator, an identity policy allowing all. */
const ROOT_USER = {
  name: 'RootUser',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

function simulationOf(testCase: PolicyCase): Simulation {
  const request = requestOf(testCase);
  const { principal } = request;
  const identityPolicies =
    principal.type === 'Root'
      ? [ROOT_USER]
      : (testCase.identity ?? []).map((document, index) => ({
          name: `IdentityPolicy${index}`,
          policy: document,
        }));
  const contextVariables: Record<string, string | string[]> = {};
  // The evaluator derives aws:userid and the other principal keys; the simulator is given them.
  for (const [key, value] of requestContext(request))
    contextVariables[key] = typeof value === 'string' ? value : [...value];
  const simulation: Simulation = {
    request: {
      principal: principal.type === 'Service' ? (principal.service as string) : principal.arn,
      action: request.action,
      resource: {
        resource: request.resource,
        accountId: request.resourceAccountId ?? (request.resource.split(':')[4] || principal.accountId),
      },
      contextVariables,
    },
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  if (testCase.resourcePolicy) simulation.resourcePolicy = testCase.resourcePolicy;
  return simulation;
}

/**
 * `runSimulation` validates and drops the context keys its service data does not list for the action,
 * which include the identity pool's `cognito-identity.amazonaws.com:*` keys AWS does pass to role
 * policies; `runUnsafeSimulation` skips that, but cannot load a resource policy (0.1.173). So: the
 * unchecked run for identity-only cases, the checked one, which must drop nothing, for the others.
 */
async function simulate(testCase: PolicyCase): Promise<Decision> {
  const simulation = simulationOf(testCase);
  if (!simulation.resourcePolicy) return VERDICTS[runUnsafeSimulation(simulation, {})] as Decision;
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error')
    throw new Error(`the simulator refused the case: ${JSON.stringify(result.errors)}`);
  if (result.resultType === 'single') expect(result.result.ignoredContextKeys ?? []).toEqual([]);
  return VERDICTS[result.overallResult] as Decision;
}

describe.each(Object.entries(POLICY_CASES))('iam-simulate agrees: %s', (_area, cases) => {
  it.each(cases.map((testCase) => [label(testCase), testCase] as const))('%s', async (_name, testCase) => {
    const verdict = await simulate(testCase);

    expect(verdict).toBe(testCase.simulatorDiffers?.simulator ?? testCase.expected);
  });
});

function label(testCase: PolicyCase): string {
  return testCase.simulatorDiffers ? `${testCase.name} [simulator differs, AWS followed]` : testCase.name;
}
