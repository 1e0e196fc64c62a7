import { TemplateError } from '../../../core/errors.js';
import type { IssueList } from '../../../stack/issues.js';
import type { AsyncInvokeConfig, FunctionDefinition } from '../../../stack/types.js';

/** An asynchronous-invocation configuration and the resource property it was written in. */
export interface InvokeConfigSource {
  /** Logical id of the resource holding it (the function itself for SAM's `EventInvokeConfig`). */
  resource: string;
  /** `Properties.EventInvokeConfig` for SAM, `Properties` for an `AWS::Lambda::EventInvokeConfig`. */
  path: string;
  functionName: string;
  config: AsyncInvokeConfig;
}

/**
 * Gives each function its asynchronous-invocation configuration, whichever way the template wrote
 * it, refusing two for one function (CloudFormation cannot create the second), and reports
 * destinations that are not functions of the local stack.
 */
export function linkInvokeConfigs(
  functions: FunctionDefinition[],
  sources: InvokeConfigSource[],
  issues: IssueList,
): void {
  const byName = new Map(functions.map((fn) => [fn.functionName, fn]));
  const configuredBy = new Map<string, InvokeConfigSource>();
  for (const source of sources) {
    const fn = byName.get(source.functionName);
    if (!fn) {
      issues.add(
        source.resource,
        'Properties.FunctionName',
        `function ${source.functionName} is not in the local stack; ignored`,
      );
      continue;
    }
    const previous = configuredBy.get(fn.functionName);
    if (previous) {
      throw new TemplateError(
        `${fn.functionName} already has an asynchronous invocation configuration from ${previous.resource}.${previous.path}`,
        source.resource,
        source.path,
      );
    }
    configuredBy.set(fn.functionName, source);
    fn.asyncConfig = source.config;
  }
  for (const source of configuredBy.values()) {
    for (const [key, target] of [
      ['OnSuccess', source.config.onSuccess],
      ['OnFailure', source.config.onFailure],
    ] as const) {
      if (target && !byName.has(target.functionName)) {
        issues.add(
          source.resource,
          `${source.path}.DestinationConfig.${key}.Destination`,
          `destination function ${target.functionName} is not in the local stack; deliveries to it fail locally`,
        );
      }
    }
  }
}
