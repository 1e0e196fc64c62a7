import { stat } from 'node:fs/promises';
import path from 'node:path';
import { TemplateError } from '../../../core/errors.js';
import type { IssueList } from '../../../stack/issues.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { EsbuildBuild, PackageKind } from '../../../stack/types.js';
import { describe, isObject, scalarToString, type TemplateObject } from '../../../stack/values.js';

/** BuildProperties this reader maps onto EsbuildBuild fields; the others pass through in `extra`. */
const MAPPED = new Set([
  'EntryPoints',
  'Format',
  'Target',
  'Minify',
  'Sourcemap',
  'External',
  'OutExtension',
]);

interface BuiltFunction {
  runtime: string;
  kind: PackageKind;
  handler: string;
  codeDir: string;
}

/**
 * How `sam build` would build the function, from `Metadata.BuildMethod: esbuild` and
 * `Metadata.BuildProperties`, with SAM's defaults (cjs, minified, no source map). Without
 * EntryPoints the entry is the handler's module in CodeUri (`app.handler` → `app.ts`, else `app.js`).
 * Undefined when the function runs from its sources as they are.
 */
export async function esbuildBuildOf(
  reader: ResourceReader,
  metadata: unknown,
  fn: BuiltFunction,
  issues: IssueList,
): Promise<EsbuildBuild | undefined> {
  const at = (property: string) => ({ resource: reader.logicalId, property: `Metadata.${property}` });
  const fail = (property: string, message: string) =>
    new TemplateError(message, reader.logicalId, `Metadata.${property}`);
  if (!isObject(metadata) || metadata.BuildMethod === undefined) return undefined;
  const method = reader.optionalAt(metadata.BuildMethod, at('BuildMethod'));
  if (method !== 'esbuild') {
    // `BuildMethod: <runtime>` is SAM's default builder: the sources run as they are.
    if (method !== fn.runtime) {
      issues.add(
        reader.logicalId,
        'Metadata.BuildMethod',
        `build method ${describe(method)} is not supported by the local cloud; the code runs from its folder as it is`,
      );
    }
    return undefined;
  }
  if (fn.kind !== 'nodejs') throw fail('BuildMethod', `esbuild builds Node.js functions, not ${fn.runtime}`);
  const properties = reader.optionalAt(metadata.BuildProperties ?? {}, at('BuildProperties'));
  if (!isObject(properties)) throw fail('BuildProperties', `must be a mapping, got ${describe(properties)}`);
  const property = (key: string) => `BuildProperties.${key}`;

  const format = properties.Format ?? 'cjs';
  if (format !== 'cjs' && format !== 'esm') {
    throw fail(property('Format'), `must be cjs or esm, got ${describe(format)}`);
  }
  const target = properties.Target === undefined ? undefined : scalarToString(properties.Target);
  const outExtension = Array.isArray(properties.OutExtension)
    ? properties.OutExtension[0]
    : properties.OutExtension;
  const build: EsbuildBuild = {
    method: 'esbuild',
    entryPoints: await entryPointsOf(properties.EntryPoints, fn, (message) =>
      fail(property('EntryPoints'), message),
    ),
    format,
    minify: booleanOf(properties.Minify, true, (message) => fail(property('Minify'), message)),
    sourcemap: booleanOf(properties.Sourcemap, false, (message) => fail(property('Sourcemap'), message)),
    external: stringsOf(properties.External, (message) => fail(property('External'), message)),
    extra: extraOf(properties),
  };
  if (target !== undefined) build.target = target;
  if (outExtension !== undefined) {
    if (typeof outExtension !== 'string' || !/^\.[^=]+=\.[^=]+$/.test(outExtension)) {
      throw fail(property('OutExtension'), `must be like .js=.mjs, got ${describe(outExtension)}`);
    }
    build.outExtension = outExtension;
  }
  return build;
}

async function entryPointsOf(
  value: unknown,
  fn: BuiltFunction,
  fail: (message: string) => TemplateError,
): Promise<string[]> {
  if (value === undefined) {
    const dot = fn.handler.lastIndexOf('.');
    if (dot <= 0) throw fail(`no EntryPoints, and handler '${fn.handler}' names no module to start from`);
    return [await findEntry(fn.handler.slice(0, dot), fn.codeDir, fail)];
  }
  const entries = stringsOf(value, fail);
  if (entries.length === 0) throw fail('must list at least one entry point');
  return Promise.all(entries.map((entry) => findEntry(entry, fn.codeDir, fail)));
}

/** Like SAM's builder: a path with an extension must exist; one without gets `.ts`, else `.js`. */
async function findEntry(
  entry: string,
  codeDir: string,
  fail: (message: string) => TemplateError,
): Promise<string> {
  const base = path.resolve(codeDir, entry);
  const candidates = path.extname(entry) ? [base] : [`${base}.ts`, `${base}.js`];
  for (const candidate of candidates) {
    if (await isFile(candidate)) return candidate;
  }
  throw fail(
    `entry point ${entry} not found in ${codeDir} (looked for ${candidates.map((c) => path.basename(c)).join(', ')})`,
  );
}

async function isFile(file: string): Promise<boolean> {
  const found = await stat(file).catch(() => undefined);
  return found?.isFile() ?? false;
}

function booleanOf(value: unknown, fallback: boolean, fail: (message: string) => TemplateError): boolean {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw fail(`must be true or false, got ${describe(value)}`);
}

function stringsOf(value: unknown, fail: (message: string) => TemplateError): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw fail(`must be a list of strings, got ${describe(value)}`);
  }
  return value;
}

function extraOf(properties: TemplateObject): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !MAPPED.has(key)));
}
