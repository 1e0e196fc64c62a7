import { readFile } from 'node:fs/promises';
import { yamlParse } from 'yaml-cfn';
import { TemplateError } from '../core/errors.js';
import { isObject, type TemplateObject } from './values.js';

/** A template as parsed, before anything is evaluated. */
export interface RawTemplate {
  AWSTemplateFormatVersion?: unknown;
  Transform?: unknown;
  Parameters: TemplateObject;
  Mappings: TemplateObject;
  Conditions: TemplateObject;
  Globals: TemplateObject;
  Resources: Record<string, RawResource>;
  [section: string]: unknown;
}

export interface RawResource {
  Type: string;
  Properties: TemplateObject;
  Condition?: unknown;
  Metadata?: unknown;
  DependsOn?: unknown;
  [attribute: string]: unknown;
}

/** Reads a YAML (with the `!Ref`-style short forms) or JSON template and checks its outline. */
export async function readTemplate(templatePath: string): Promise<RawTemplate> {
  let text: string;
  try {
    text = await readFile(templatePath, 'utf8');
  } catch (error) {
    throw new TemplateError(`cannot read template ${templatePath}`, undefined, undefined, { cause: error });
  }
  return checkOutline(parseText(text, templatePath));
}

function parseText(text: string, templatePath: string): unknown {
  if (text.trimStart().startsWith('{')) {
    // JSON is YAML too, but JSON.parse points at the real mistake in a broken JSON template; a YAML
    // template written in flow style also starts with `{`, hence the second try.
    try {
      return JSON.parse(text);
    } catch (jsonError) {
      try {
        return yamlParse(text);
      } catch {
        throw cannotParse(templatePath, jsonError);
      }
    }
  }
  try {
    return yamlParse(text);
  } catch (error) {
    throw cannotParse(templatePath, error);
  }
}

function cannotParse(templatePath: string, error: unknown): TemplateError {
  const reason = error instanceof Error ? error.message : String(error);
  return new TemplateError(`cannot parse template ${templatePath}: ${reason}`, undefined, undefined, {
    cause: error,
  });
}

function checkOutline(document: unknown): RawTemplate {
  if (!isObject(document)) throw new TemplateError('the template must be a mapping of sections');
  const sections = ['Parameters', 'Mappings', 'Conditions', 'Globals', 'Resources'] as const;
  for (const section of sections) {
    const value = document[section];
    if (value !== undefined && value !== null && !isObject(value)) {
      throw new TemplateError('must be a mapping', section);
    }
  }
  const resources = document.Resources;
  if (!isObject(resources) || Object.keys(resources).length === 0) {
    throw new TemplateError('the template must declare at least one resource', 'Resources');
  }
  const checked: Record<string, RawResource> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    checked[logicalId] = checkResource(logicalId, resource);
  }
  return {
    ...document,
    Parameters: sectionOf(document.Parameters),
    Mappings: sectionOf(document.Mappings),
    Conditions: sectionOf(document.Conditions),
    Globals: sectionOf(document.Globals),
    Resources: checked,
  };
}

function checkResource(logicalId: string, resource: unknown): RawResource {
  if (!/^[A-Za-z0-9]+$/.test(logicalId)) {
    throw new TemplateError('logical ids must be alphanumeric (A-Za-z0-9)', logicalId);
  }
  if (!isObject(resource)) throw new TemplateError('a resource must be a mapping', logicalId);
  if (typeof resource.Type !== 'string' || resource.Type === '') {
    throw new TemplateError('every resource needs a Type', logicalId, 'Type');
  }
  const properties = resource.Properties;
  if (properties !== undefined && properties !== null && !isObject(properties)) {
    throw new TemplateError('must be a mapping', logicalId, 'Properties');
  }
  return { ...resource, Type: resource.Type, Properties: sectionOf(properties) };
}

function sectionOf(value: unknown): TemplateObject {
  return isObject(value) ? value : {};
}
