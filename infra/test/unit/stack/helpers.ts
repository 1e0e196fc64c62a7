import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { TemplateError } from '../../../src/core/errors.js';
import { type LoadStackOptions, loadStack } from '../../../src/registry/load-stack.js';
import type {
  BucketDefinition,
  FunctionDefinition,
  IdentityPoolDefinition,
  RoleDefinition,
  StackDefinition,
  TableDefinition,
} from '../../../src/stack/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/templates/', import.meta.url));

const STACK = { region: 'us-east-1', accountId: '123456789012', stackName: 'photos' } as const;

/** Loads a fixture template (path relative to the fixtures folder) as the `photos` stack. */
export async function loadFixture(
  name: string,
  options: Partial<LoadStackOptions> = {},
): Promise<StackDefinition> {
  return loadStack(path.join(FIXTURES, name), { ...STACK, codeDir: await tempDir(), ...options });
}

/**
 * Loads a template given as text, written to a temporary folder; `{{code}}` stands for the absolute
 * path of the fixtures' code folder so that small templates can point at real code.
 */
export async function loadText(
  text: string,
  options: Partial<LoadStackOptions> = {},
): Promise<StackDefinition> {
  const dir = await tempDir();
  const file = path.join(dir, text.trimStart().startsWith('{') ? 'template.json' : 'template.yaml');
  await writeFile(file, text.replaceAll('{{code}}', path.join(FIXTURES, 'code')));
  return loadStack(file, { ...STACK, codeDir: path.join(dir, 'inline'), ...options });
}

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'template-test-'));
}

function named<T extends { logicalId: string }>(definitions: T[], logicalId: string, what: string): T {
  const found = definitions.find((candidate) => candidate.logicalId === logicalId);
  if (!found)
    throw new Error(`no ${what} ${logicalId} in [${definitions.map((d) => d.logicalId).join(', ')}]`);
  return found;
}

export function functionNamed(stack: StackDefinition, logicalId: string): FunctionDefinition {
  return named(stack.functions, logicalId, 'function');
}

export function bucketNamed(stack: StackDefinition, logicalId: string): BucketDefinition {
  return named(stack.buckets, logicalId, 'bucket');
}

export function tableNamed(stack: StackDefinition, logicalId: string): TableDefinition {
  return named(stack.tables, logicalId, 'table');
}

export function roleNamed(stack: StackDefinition, logicalId: string): RoleDefinition {
  return named(stack.roles, logicalId, 'role');
}

export function poolNamed(stack: StackDefinition, logicalId: string): IdentityPoolDefinition {
  return named(stack.identityPools, logicalId, 'identity pool');
}

/** Asserts that loading fails with a TemplateError naming this resource and property. */
export async function expectTemplateError(
  loading: Promise<unknown>,
  expected: { resource?: string; property?: string; message: RegExp },
): Promise<TemplateError> {
  const error = await loading.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TemplateError);
  const templateError = error as TemplateError;
  expect(templateError.message).toMatch(expected.message);
  if (expected.resource !== undefined) expect(templateError.resource).toBe(expected.resource);
  if (expected.property !== undefined) expect(templateError.property).toBe(expected.property);
  return templateError;
}

/** The properties of `Fn` in the small templates: Node.js code from the fixtures. */
export const CODE = `
  Runtime: nodejs22.x
  Handler: app.handler
  CodeUri: "{{code}}/hello"
`;

/**
 * The on-demand table `Photos` (table name `photos`, string key `id`) as a resource (YAML at column 0),
 * with `more` property lines (YAML at any indentation).
 */
export function photosTable(more = ''): string {
  const properties = [
    'TableName: photos',
    'KeySchema: [{ AttributeName: id, KeyType: HASH }]',
    'AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
    'BillingMode: PAY_PER_REQUEST',
    ...(more ? [dedent(more, 0)] : []),
  ];
  return `Photos:\n  Type: AWS::DynamoDB::Table\n  Properties:\n${dedent(properties.join('\n'), 4)}\n`;
}

/** Environment variables (a YAML flow mapping) holding the role's Ref, Fn::GetAtt Arn and Fn::GetAtt RoleId. */
export function roleReferenceVariables(logicalId: string): string {
  return `{ NAME: !Ref ${logicalId}, ARN: !GetAtt ${logicalId}.Arn, ID: !GetAtt ${logicalId}.RoleId }`;
}

/** What {@link roleReferenceVariables} resolve to for the role. */
export function roleReferences(role: RoleDefinition): Record<string, string> {
  return { NAME: role.roleName, ARN: role.arn, ID: role.roleId };
}

/** A SAM template with the given resources (YAML at any indentation) besides the function `Fn`. */
export function withResources(yaml: string): string {
  return samFunction(CODE, '', yaml);
}

/**
 * A minimal SAM template around one function `Fn`: `properties` are YAML blocks (each at any
 * indentation), `sections` more top-level YAML (Parameters, Conditions…), `resources` more resources.
 */
export function samFunction(properties: string | string[], sections = '', resources = ''): string {
  const propertyLines = [properties]
    .flat()
    .map((block) => dedent(block, 0))
    .join('\n');
  return `Transform: AWS::Serverless-2016-10-31
${dedent(sections, 0)}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
${dedent(propertyLines, 6)}
${dedent(resources, 2)}
`;
}

/** Re-indents a YAML block written at any indentation (blank lines dropped). */
export function dedent(block: string, indent: number): string {
  const lines = block.split('\n').filter((line) => line.trim() !== '');
  const common = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  return lines.map((line) => ' '.repeat(indent) + line.slice(common)).join('\n');
}
