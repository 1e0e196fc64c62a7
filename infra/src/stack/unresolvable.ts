import { TemplateError } from '../core/errors.js';
import type { IssueList } from './issues.js';

/**
 * A value that is valid on AWS but cannot be known locally (`Fn::ImportValue`, an SSM parameter, an
 * attribute only AWS assigns). Unlike a TemplateError it says nothing is wrong with the template,
 * so the caller decides: an issue for an optional property, an error for an essential one.
 */
export class UnresolvableError extends Error {
  override readonly name = 'UnresolvableError';
}

/** Where a value sits in the template: the resource (or section) and the property path inside it. */
export interface Location {
  resource: string;
  property: string;
}

/** Turns an unresolvable essential value into the TemplateError start-up reports. */
export function essentialValueError(at: Location, error: UnresolvableError): TemplateError {
  return new TemplateError(`cannot be evaluated locally: ${error.message}`, at.resource, at.property, {
    cause: error,
  });
}

/** Reports an unresolvable optional value as an issue. */
export function reportUnresolvable(issues: IssueList, at: Location, error: UnresolvableError): void {
  issues.add(at.resource, at.property, `cannot be evaluated locally, ignored: ${error.message}`);
}
