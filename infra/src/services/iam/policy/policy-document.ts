import { actionProblem } from './actions.js';
import { operatorProblem } from './conditions.js';
import { MalformedPolicyDocumentError } from './malformed-policy-error.js';
import { principalProblem } from './principals.js';
import { resourceProblem } from './resources.js';
import type { PolicyKind } from './types.js';

/** A statement checked as IAM checks it, its string-or-list elements made lists. */
export interface StatementDocument {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: unknown;
  notPrincipal?: unknown;
  /** Operator → key → values (numbers and booleans of the JSON made strings, as IAM reads them). */
  condition: Array<{ operator: string; key: string; values: string[] }>;
}

export interface PolicyDocument {
  /** Policy variables are substituted only in 2012-10-17 documents; older ones read `${…}` as text. */
  variables: boolean;
  statements: StatementDocument[];
}

/**
 * The policy grammar IAM checks a document against, shared by the runtime reader here and the
 * template reader (`src/template/policy-documents.ts`), which checks policies at deploy time.
 */
export const POLICY_VERSIONS: readonly string[] = ['2012-10-17', '2008-10-17'];
export const POLICY_DOCUMENT_KEYS: readonly string[] = ['Version', 'Id', 'Statement'];
export const POLICY_STATEMENT_KEYS: readonly string[] = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

/**
 * Reads a policy document (a mapping, or its JSON text) as IAM validates it, throwing
 * `MalformedPolicyDocumentError` naming the policy and statement at the first fault.
 */
export function readPolicyDocument(input: unknown, name: string, kind: PolicyKind): PolicyDocument {
  const fail = (reason: string, statement?: { index: number; sid?: string }): never => {
    throw new MalformedPolicyDocumentError(name, reason, statement);
  };
  const document = typeof input === 'string' ? parseJson(input, fail) : input;
  if (!isMapping(document)) return fail('a policy document must be a JSON object');
  const unknownKey = Object.keys(document).find((key) => !POLICY_DOCUMENT_KEYS.includes(key));
  if (unknownKey) fail(`${unknownKey} is not a policy element (expected ${POLICY_DOCUMENT_KEYS.join(', ')})`);
  // Without a Version, IAM reads a document as 2008-10-17.
  const version = document.Version ?? '2008-10-17';
  if (typeof version !== 'string' || !POLICY_VERSIONS.includes(version)) {
    fail(`Version must be 2012-10-17 or 2008-10-17, got ${JSON.stringify(version)}`);
  }
  const raw = document.Statement;
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (list.length === 0) fail('a policy needs at least one statement');
  const statements = list.map((statement, index) => readStatement(statement, index, kind, fail));
  const sids = statements.flatMap((statement) => (statement.sid === undefined ? [] : [statement.sid]));
  const repeated = sids.find((sid, at) => sids.indexOf(sid) !== at);
  if (repeated !== undefined) fail(`Statement IDs (SID) in a single policy must be unique: ${repeated}`);
  return { variables: version === '2012-10-17', statements };
}

type Fail = (reason: string, statement?: { index: number; sid?: string }) => never;

function readStatement(
  statement: unknown,
  index: number,
  kind: PolicyKind,
  policyFail: Fail,
): StatementDocument {
  if (!isMapping(statement)) return policyFail('a statement must be a JSON object', { index });
  const sid = statement.Sid;
  const at = typeof sid === 'string' ? { index, sid } : { index };
  const fail = (reason: string): never => policyFail(reason, at);
  if (sid !== undefined && typeof sid !== 'string') fail('Sid must be a string');
  const unknownKey = Object.keys(statement).find((key) => !POLICY_STATEMENT_KEYS.includes(key));
  if (unknownKey) fail(`${unknownKey} is not a statement element`);
  const effect = statement.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    return fail(`Effect must be Allow or Deny, got ${JSON.stringify(effect)}`);
  }

  exactlyOne(statement, 'Action', 'NotAction', fail);
  const action = strings(statement.Action, 'Action', fail);
  const notAction = strings(statement.NotAction, 'NotAction', fail);
  for (const name of [...(action ?? []), ...(notAction ?? [])]) {
    const problem = actionProblem(name);
    if (problem) fail(problem);
  }

  // A resource policy may leave Resource out: the statement is then about the resource it is attached to.
  if (kind === 'identity') exactlyOne(statement, 'Resource', 'NotResource', fail);
  else atMostOne(statement, 'Resource', 'NotResource', fail);
  const resource = strings(statement.Resource, 'Resource', fail);
  const notResource = strings(statement.NotResource, 'NotResource', fail);
  for (const name of [...(resource ?? []), ...(notResource ?? [])]) {
    const problem = resourceProblem(name);
    if (problem) fail(problem);
  }

  if (kind === 'identity' && (statement.Principal !== undefined || statement.NotPrincipal !== undefined)) {
    fail('an identity-based policy cannot name a principal (Principal, NotPrincipal)');
  }
  if (kind === 'resource') {
    exactlyOne(statement, 'Principal', 'NotPrincipal', fail);
    const problem = principalProblem(statement.Principal ?? statement.NotPrincipal);
    if (problem) fail(problem);
  }

  const result: StatementDocument = { index, effect, condition: readCondition(statement.Condition, fail) };
  if (typeof sid === 'string') result.sid = sid;
  if (action) result.action = action;
  if (notAction) result.notAction = notAction;
  if (resource) result.resource = resource;
  if (notResource) result.notResource = notResource;
  if (statement.Principal !== undefined) result.principal = statement.Principal;
  if (statement.NotPrincipal !== undefined) result.notPrincipal = statement.NotPrincipal;
  return result;
}

function readCondition(condition: unknown, fail: (reason: string) => never): StatementDocument['condition'] {
  if (condition === undefined) return [];
  if (!isMapping(condition)) return fail('Condition must map operators to {key: values}');
  return Object.entries(condition).flatMap(([operator, keys]) => {
    const problem = operatorProblem(operator);
    if (problem) fail(problem);
    if (!isMapping(keys) || Object.keys(keys).length === 0) {
      fail(`Condition ${operator} must map keys to values`);
    }
    return Object.entries(keys as Record<string, unknown>).map(([key, value]) => {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((item) => ['string', 'number', 'boolean'].includes(typeof item))) {
        fail(`Condition ${operator} ${key}: values must be strings, numbers or booleans`);
      }
      return { operator, key, values: list.map(String) };
    });
  });
}

function exactlyOne(
  statement: Record<string, unknown>,
  one: string,
  other: string,
  fail: (reason: string) => never,
): void {
  const present = [one, other].filter((key) => statement[key] !== undefined);
  if (present.length !== 1) {
    fail(
      present.length === 0
        ? `a statement needs ${one} or ${other}`
        : `a statement cannot have both ${one} and ${other}`,
    );
  }
}

function atMostOne(
  statement: Record<string, unknown>,
  one: string,
  other: string,
  fail: (reason: string) => never,
): void {
  if (statement[one] !== undefined && statement[other] !== undefined) {
    fail(`a statement cannot have both ${one} and ${other}`);
  }
}

function strings(value: unknown, element: string, fail: (reason: string) => never): string[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    return fail(`${element} must be a string or a non-empty list of strings`);
  }
  return list as string[];
}

function parseJson(text: string, fail: Fail): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`the document is not JSON: ${(error as Error).message}`);
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
