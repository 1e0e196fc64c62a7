import { TemplateError } from '../core/errors.js';
import type { IssueList } from './issues.js';
import { intrinsicName, isObject, type TemplateObject } from './values.js';

/** SAM refuses these in `Globals.Function`: they would be ambiguous or unsafe to share. */
const NOT_GLOBAL = ['Role', 'Policies', 'FunctionName', 'Events'];

/** The Globals sections SAM defines; only `Function` concerns resources the local cloud runs. */
const SAM_GLOBALS_SECTIONS = [
  'Function',
  'Api',
  'HttpApi',
  'SimpleTable',
  'StateMachine',
  'LayerVersion',
  'CapacityProvider',
];

/**
 * Reads `Globals`: returns the `Function` properties to merge into every `AWS::Serverless::Function`,
 * reports the sections of resource types the local cloud does not run, and rejects what SAM rejects.
 */
export function functionGlobals(globals: TemplateObject, issues: IssueList): TemplateObject {
  let functionProperties: TemplateObject = {};
  for (const [section, properties] of Object.entries(globals)) {
    if (!SAM_GLOBALS_SECTIONS.includes(section)) {
      throw new TemplateError(
        `'${section}' is not a Globals section (SAM knows ${SAM_GLOBALS_SECTIONS.join(', ')})`,
        'Globals',
        section,
      );
    }
    if (!isObject(properties)) throw new TemplateError('must be a mapping of properties', 'Globals', section);
    if (section === 'SimpleTable') {
      // SAM's only SimpleTable global is SSESpecification, which the tables would not honour either.
      issues.add(
        'Globals',
        section,
        'tables are not encrypted locally (DynamoDB Local keeps plain files); ignored',
      );
      continue;
    }
    if (section !== 'Function') {
      issues.add(
        'Globals',
        section,
        `the local cloud does not run AWS::Serverless::${section} resources yet; ignored`,
      );
      continue;
    }
    for (const key of NOT_GLOBAL) {
      if (key in properties) {
        throw new TemplateError(
          `SAM does not allow ${key} in Globals; set it on each function`,
          'Globals',
          `Function.${key}`,
        );
      }
    }
    functionProperties = properties;
  }
  return functionProperties;
}

/**
 * Merges Globals into a resource's properties as the SAM translator does: maps merge key by key,
 * lists concatenate (globals first), and anything else — scalars, intrinsic functions, values of
 * different kinds — is replaced by the resource's value.
 *
 * @example mergeGlobals({ Environment: { Variables: { A: '1' } } }, { Environment: { Variables: { B: '2' } } })
 */
export function mergeGlobals(globalValue: unknown, localValue: unknown): unknown {
  const globalKind = kindOf(globalValue);
  if (globalKind !== kindOf(localValue) || globalKind === 'scalar') return localValue;
  if (globalKind === 'list') return [...(globalValue as unknown[]), ...(localValue as unknown[])];
  const merged: TemplateObject = { ...(globalValue as TemplateObject) };
  for (const [key, value] of Object.entries(localValue as TemplateObject)) {
    merged[key] = Object.hasOwn(merged, key) ? mergeGlobals(merged[key], value) : value;
  }
  return merged;
}

function kindOf(value: unknown): 'map' | 'list' | 'scalar' {
  if (Array.isArray(value)) return 'list';
  // An intrinsic function stands for the single value it resolves to.
  if (isObject(value) && intrinsicName(value) === undefined) return 'map';
  return 'scalar';
}
