import { TemplateError } from '../core/errors.js';
import { NO_VALUE, type TemplateEvaluator } from './evaluator.js';
import type { IssueList } from './issues.js';
import type { StackOutput } from './types.js';
import { UnresolvableError } from './unresolvable.js';
import { describe, isObject, scalarToString } from './values.js';

/**
 * The template's `Outputs`, evaluated as CloudFormation shows them after a deployment (DescribeStacks):
 * each `Value` (a string), its `Description` and `Export.Name`; an output whose `Condition` is false
 * is absent. A value only AWS can know is left out, with an issue.
 */
export function readOutputs(
  outputs: unknown,
  evaluator: TemplateEvaluator,
  issues: IssueList,
): StackOutput[] {
  if (outputs === undefined || outputs === null) return [];
  if (!isObject(outputs)) throw new TemplateError('must be a mapping of outputs', 'Outputs');
  const read: StackOutput[] = [];
  for (const [key, declaration] of Object.entries(outputs)) {
    if (!isObject(declaration) || declaration.Value === undefined) {
      throw new TemplateError('every output needs a Value', 'Outputs', key);
    }
    if (declaration.Condition !== undefined) {
      if (typeof declaration.Condition !== 'string') {
        throw new TemplateError('must name a condition', 'Outputs', `${key}.Condition`);
      }
      if (
        !evaluator.condition(declaration.Condition, { resource: 'Outputs', property: `${key}.Condition` })
      ) {
        continue;
      }
    }
    try {
      const output: StackOutput = { key, value: text(evaluator, key, 'Value', declaration.Value) };
      if (declaration.Description !== undefined) {
        output.description = text(evaluator, key, 'Description', declaration.Description);
      }
      const exported = declaration.Export;
      if (exported !== undefined) {
        if (!isObject(exported) || exported.Name === undefined) {
          throw new TemplateError('needs a Name', 'Outputs', `${key}.Export`);
        }
        output.exportName = text(evaluator, key, 'Export.Name', exported.Name);
      }
      read.push(output);
    } catch (error) {
      if (!(error instanceof UnresolvableError)) throw error;
      issues.add('Outputs', key, `cannot be evaluated locally, left out of the outputs: ${error.message}`);
    }
  }
  return read;
}

function text(evaluator: TemplateEvaluator, key: string, field: string, value: unknown): string {
  const property = `${key}.${field}`;
  const resolved = evaluator.resolve(value, { resource: 'Outputs', property });
  const string = resolved === NO_VALUE ? undefined : scalarToString(resolved);
  if (string === undefined) {
    throw new TemplateError(`must evaluate to a string, got ${describe(resolved)}`, 'Outputs', property);
  }
  return string;
}
