import { TemplateError } from '../core/errors.js';
import type { TemplateEvaluator } from './evaluator.js';
import type { IssueList } from './issues.js';
import type { RawTemplate } from './parse.js';
import { UnresolvableError } from './unresolvable.js';
import { describe } from './values.js';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Top-level sections that change nothing locally: accepted without a word. */
const DESCRIPTIVE_SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata'];
const READ_SECTIONS = [
  'Transform',
  'Parameters',
  'Mappings',
  'Conditions',
  'Globals',
  'Resources',
  'Outputs',
];
const UNCHECKED_SECTIONS: Record<string, string> = {
  Rules: 'parameter rules are not checked locally',
  Hooks: 'CloudFormation hooks do not run locally',
};

/**
 * Checks the template's top level: known sections only, the SAM transform present when SAM
 * features are used, other transforms and unchecked sections reported, names not shared between
 * parameters and resources.
 */
export function checkSections(template: RawTemplate, issues: IssueList): void {
  for (const section of Object.keys(template)) {
    const reason = Object.hasOwn(UNCHECKED_SECTIONS, section) ? UNCHECKED_SECTIONS[section] : undefined;
    if (reason) issues.add(section, undefined, `${reason}; ignored`);
    else if (!DESCRIPTIVE_SECTIONS.includes(section) && !READ_SECTIONS.includes(section)) {
      throw new TemplateError(`'${section}' is not a template section`, section);
    }
  }
  const version = template.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09') {
    throw new TemplateError(
      `the only format version is 2010-09-09, got ${describe(version)}`,
      'AWSTemplateFormatVersion',
    );
  }
  const transforms = template.Transform === undefined ? [] : [template.Transform].flat();
  for (const transform of transforms) {
    if (transform !== SAM_TRANSFORM) {
      issues.add(
        'Transform',
        describeTransform(transform),
        'the local cloud applies only the SAM transform; this one is not applied',
      );
    }
  }
  const samResources = Object.entries(template.Resources).filter(([, resource]) =>
    resource.Type.startsWith('AWS::Serverless::'),
  );
  const usesSam = samResources.length > 0 || Object.keys(template.Globals).length > 0;
  if (usesSam && !transforms.includes(SAM_TRANSFORM)) {
    const [first] = samResources[0] ?? ['Globals'];
    throw new TemplateError(
      `SAM resources and Globals need 'Transform: ${SAM_TRANSFORM}' at the top of the template`,
      first,
    );
  }
  for (const name of Object.keys(template.Parameters)) {
    if (Object.hasOwn(template.Resources, name)) {
      throw new TemplateError(`'${name}' names both a parameter and a resource`, 'Parameters', name);
    }
  }
}

function describeTransform(transform: unknown): string {
  if (typeof transform === 'string') return transform;
  const name = (transform as { Name?: unknown } | null)?.Name;
  return typeof name === 'string' ? name : describe(transform);
}

/** `DependsOn` must name resources of the template, as CloudFormation checks before deploying. */
export function checkDependsOn(template: RawTemplate): void {
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.DependsOn === undefined) continue;
    const targets = [resource.DependsOn].flat();
    for (const target of targets) {
      if (typeof target !== 'string' || !Object.hasOwn(template.Resources, target)) {
        throw new TemplateError(
          `depends on ${describe(target)}, which is not a resource of the template`,
          logicalId,
          'DependsOn',
        );
      }
    }
  }
}

/**
 * CloudFormation evaluates every declared condition, used or not: a broken one fails the
 * deployment, so it fails here too. Conditions that only AWS can evaluate are left alone.
 */
export function checkConditions(template: RawTemplate, evaluator: TemplateEvaluator): void {
  for (const name of Object.keys(template.Conditions)) {
    try {
      evaluator.condition(name, { resource: 'Conditions', property: name });
    } catch (error) {
      if (!(error instanceof UnresolvableError)) throw error;
    }
  }
}
