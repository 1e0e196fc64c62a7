import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IssueList } from '../../../stack/issues.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { PackageKind } from '../../../stack/types.js';
import { describe, isObject } from '../../../stack/values.js';
import { sourceExtension } from './runtimes.js';

/** Where code is looked for and inline code is written. */
export interface CodePlaces {
  /** Directory of the template: local code paths are relative to it. */
  templateDir: string;
  /** Directory under which inline code gets a folder per function. */
  inlineRoot: string;
}

interface FunctionCode {
  kind: PackageKind;
  handler: string;
}

/**
 * The code directory of an `AWS::Serverless::Function` (`CodeUri` or `InlineCode`), or undefined
 * when the code lives where the local cloud cannot fetch it (S3), which is reported as an issue.
 */
export async function serverlessCodeDir(
  reader: ResourceReader,
  fn: FunctionCode,
  places: CodePlaces,
  issues: IssueList,
): Promise<string | undefined> {
  if (reader.has('CodeUri') && reader.has('InlineCode')) {
    throw reader.fail('CodeUri', 'set either CodeUri or InlineCode, not both');
  }
  if (reader.has('InlineCode')) {
    const source = reader.string('InlineCode', 'essential') ?? '';
    return writeInlineCode(reader, 'InlineCode', source, fn, places, issues);
  }
  const codeUri = reader.essential('CodeUri');
  if (codeUri === undefined) throw reader.fail('CodeUri', 'is required (or InlineCode): where is the code?');
  if (typeof codeUri === 'string' && !codeUri.startsWith('s3://')) {
    return localCodeDir(reader, 'CodeUri', codeUri, places, issues);
  }
  if (typeof codeUri === 'string' || (isObject(codeUri) && 'Bucket' in codeUri)) {
    issues.add(reader.logicalId, 'Properties.CodeUri', skipMessage(`code in S3 (${describe(codeUri)})`));
    return undefined;
  }
  throw reader.fail('CodeUri', `must be a local path or an S3 location, got ${describe(codeUri)}`);
}

/**
 * The code directory of an `AWS::Lambda::Function`: a local path (as `sam` and
 * `aws cloudformation package` accept), or `Code.ZipFile` written to disk; undefined for S3 and
 * image code, reported as an issue.
 */
export async function lambdaCodeDir(
  reader: ResourceReader,
  fn: FunctionCode,
  places: CodePlaces,
  issues: IssueList,
): Promise<string | undefined> {
  const code = reader.essential('Code');
  if (code === undefined) throw reader.fail('Code', 'is required: where is the code?');
  if (typeof code === 'string') return localCodeDir(reader, 'Code', code, places, issues);
  if (!isObject(code)) throw reader.fail('Code', `must be a local path or a mapping, got ${describe(code)}`);
  if (code.ZipFile !== undefined) {
    if (typeof code.ZipFile !== 'string') {
      throw reader.fail('Code.ZipFile', 'must be the source code as a string');
    }
    return writeInlineCode(reader, 'Code.ZipFile', code.ZipFile, fn, places, issues);
  }
  if (code.S3Bucket !== undefined || code.S3Key !== undefined) {
    issues.add(reader.logicalId, 'Properties.Code', skipMessage(`code in S3 (${describe(code)})`));
    return undefined;
  }
  if (code.ImageUri !== undefined) {
    issues.add(reader.logicalId, 'Properties.Code.ImageUri', skipMessage('a container image'));
    return undefined;
  }
  throw reader.fail('Code', 'needs ZipFile, S3Bucket and S3Key, or ImageUri');
}

/** Message of an issue that leaves a function out of the local stack. */
export function skipMessage(what: string): string {
  return `the local cloud cannot run ${what}; the function is not created locally`;
}

async function localCodeDir(
  reader: ResourceReader,
  property: string,
  location: string,
  places: CodePlaces,
  issues: IssueList,
): Promise<string | undefined> {
  const directory = path.resolve(places.templateDir, location);
  const found = await stat(directory).catch(() => undefined);
  if (!found) throw reader.fail(property, `${location} does not exist (looked for ${directory})`);
  if (!found.isDirectory()) {
    issues.add(
      reader.logicalId,
      `Properties.${property}`,
      skipMessage(`code packaged in a file (${location}); point it at a folder`),
    );
    return undefined;
  }
  return directory;
}

/**
 * Writes inline source to `<inlineRoot>/<LogicalId>/<module><ext>`, the module being the handler's
 * (`index.handler` → `index.js` / `index.py`), so the function runs like any other from a folder.
 */
async function writeInlineCode(
  reader: ResourceReader,
  property: string,
  source: string,
  fn: FunctionCode,
  places: CodePlaces,
  issues: IssueList,
): Promise<string> {
  const extension = sourceExtension(fn.kind);
  if (!extension) throw reader.fail(property, 'inline code needs a Node.js or Python runtime');
  const dot = fn.handler.lastIndexOf('.');
  const module = dot > 0 ? fn.handler.slice(0, dot) : '';
  if (!module || path.isAbsolute(module) || module.split('/').includes('..')) {
    throw reader.fail('Handler', `'${fn.handler}' must be <module>.<function> for inline code`);
  }
  if (module !== 'index') {
    issues.add(
      reader.logicalId,
      'Properties.Handler',
      `on AWS inline code is saved as index${extension}, so module '${module}' would not be found there; locally it is saved as ${module}${extension}`,
    );
  }
  const directory = path.join(places.inlineRoot, reader.logicalId);
  await rm(directory, { recursive: true, force: true });
  const file = path.join(directory, `${module}${extension}`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, source);
  return directory;
}
