import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { PolicyDocumentJson } from '../../../stack/types.js';
import { childPath, describe, isObject } from '../../../stack/values.js';
import { POLICY_DOCUMENT_KEYS, POLICY_STATEMENT_KEYS, POLICY_VERSIONS } from '../policy/policy-document.js';

/**
 * What a policy document is for, which decides the fields IAM (or S3, for a bucket policy) demands:
 * an identity policy names resources and no principal, a trust policy names principals and no
 * resource, a resource policy names both.
 */
export type PolicyKind = 'identity' | 'trust' | 'resource';

/**
 * An evaluated policy document, checked as IAM checks it before storing it (IAM answers
 * `MalformedPolicyDocument` and the deployment fails): a mapping — or the JSON text of one, which
 * CloudFormation also takes — with a `Statement` whose entries each have an `Effect`, an `Action`
 * and what the kind of policy demands.
 */
export function policyDocumentAt(
  reader: ResourceReader,
  path: string,
  value: unknown,
  kind: PolicyKind,
): PolicyDocumentJson {
  const document = typeof value === 'string' ? parseJson(reader, path, value) : value;
  if (!isObject(document)) {
    throw reader.fail(
      path,
      `a policy document must be a mapping with a Statement, got ${describe(document)}`,
    );
  }
  for (const key of Object.keys(document)) {
    if (!POLICY_DOCUMENT_KEYS.includes(key)) {
      throw reader.fail(
        childPath(path, key),
        `is not a policy element (expected ${POLICY_DOCUMENT_KEYS.join(', ')})`,
      );
    }
  }
  if (document.Version !== undefined && !POLICY_VERSIONS.includes(String(document.Version))) {
    throw reader.fail(
      childPath(path, 'Version'),
      `must be 2012-10-17 (or 2008-10-17), got ${describe(document.Version)}`,
    );
  }
  const statements = document.Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  if (statements === undefined || list.length === 0) {
    throw reader.fail(childPath(path, 'Statement'), 'a policy needs at least one statement');
  }
  list.forEach((statement, index) => {
    const at = Array.isArray(statements)
      ? childPath(childPath(path, 'Statement'), index)
      : childPath(path, 'Statement');
    checkStatement(reader, at, statement, kind);
  });
  return document;
}

function checkStatement(reader: ResourceReader, path: string, statement: unknown, kind: PolicyKind): void {
  if (!isObject(statement))
    throw reader.fail(path, `a statement must be a mapping, got ${describe(statement)}`);
  for (const key of Object.keys(statement)) {
    if (!POLICY_STATEMENT_KEYS.includes(key)) {
      throw reader.fail(
        childPath(path, key),
        `is not a statement element (expected ${POLICY_STATEMENT_KEYS.join(', ')})`,
      );
    }
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    throw reader.fail(childPath(path, 'Effect'), `must be Allow or Deny, got ${describe(statement.Effect)}`);
  }
  exactlyOne(reader, path, statement, ['Action', 'NotAction']);
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (statement[key] !== undefined) stringOrStrings(reader, childPath(path, key), statement[key]);
  }
  const names = (keys: string[]) => keys.filter((key) => statement[key] !== undefined);
  if (kind === 'identity' && names(['Principal', 'NotPrincipal']).length > 0) {
    const [key = 'Principal'] = names(['Principal', 'NotPrincipal']);
    throw reader.fail(
      childPath(path, key),
      'an identity-based policy cannot name a principal (it applies to the role)',
    );
  }
  if (kind === 'trust' && names(['Resource', 'NotResource']).length > 0) {
    const [key = 'Resource'] = names(['Resource', 'NotResource']);
    throw reader.fail(childPath(path, key), 'a trust policy cannot name a resource (it applies to the role)');
  }
  if (kind !== 'identity') exactlyOne(reader, path, statement, ['Principal', 'NotPrincipal']);
  if (kind !== 'trust') exactlyOne(reader, path, statement, ['Resource', 'NotResource']);
  if (statement.Condition !== undefined && !isObject(statement.Condition)) {
    throw reader.fail(
      childPath(path, 'Condition'),
      `must be a mapping of operators, got ${describe(statement.Condition)}`,
    );
  }
}

function exactlyOne(
  reader: ResourceReader,
  path: string,
  statement: Record<string, unknown>,
  keys: string[],
): void {
  const present = keys.filter((key) => statement[key] !== undefined);
  if (present.length === 1) return;
  const [first, second] = keys;
  throw reader.fail(
    present.length === 0 ? path : childPath(path, second ?? ''),
    present.length === 0
      ? `a statement needs ${first} or ${second}`
      : `cannot have both ${first} and ${second}`,
  );
}

function stringOrStrings(reader: ResourceReader, path: string, value: unknown): void {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0 || !items.every((item) => typeof item === 'string')) {
    throw reader.fail(path, `must be a string or a list of strings, got ${describe(value)}`);
  }
}

function parseJson(reader: ResourceReader, path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw reader.fail(path, 'a policy document given as text must be JSON');
  }
}
