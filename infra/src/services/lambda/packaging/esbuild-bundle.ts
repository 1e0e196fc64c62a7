import { rmSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { EsbuildBuild, FunctionDefinition } from '../../../stack/types.js';
import { linkExternalPackages } from './external-packages.js';

/** A build that failed: each error with the file and line it points at, ready to print. */
export class BuildFailure extends Error {
  override readonly name = 'BuildFailure';
  constructor(
    readonly functionName: string,
    readonly problems: string[],
  ) {
    super(`build of ${functionName} failed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export interface BundleResult {
  /** Source files the bundle was made of (outside node_modules): what to watch. */
  inputs: string[];
}

/**
 * An incremental esbuild bundle of one function, built the way `sam build` does for
 * `BuildMethod: esbuild`: each entry point bundled for Node into the output directory, with source
 * maps so that stack traces point at the TypeScript lines.
 */
export class FunctionBundle {
  private context?: esbuild.BuildContext<{ metafile: true }>;

  constructor(
    private readonly fn: FunctionDefinition & { build: EsbuildBuild },
    readonly outDir: string,
  ) {}

  async build(): Promise<BundleResult> {
    this.context ??= await esbuild.context(this.options());
    try {
      const result = await this.context.rebuild();
      const missing = linkExternalPackages(this.fn.build.external, this.fn.codeDir, this.outDir);
      if (missing.length > 0) throw new BuildFailure(this.fn.functionName, missing);
      const inputs = Object.keys(result.metafile.inputs)
        .filter((input) => !input.includes('node_modules') && !input.startsWith('<'))
        .map((input) => path.resolve(this.fn.codeDir, input)); // metafile paths are relative to absWorkingDir
      return { inputs };
    } catch (error) {
      const failure = error as esbuild.BuildFailure;
      if (!Array.isArray(failure.errors)) throw error;
      throw new BuildFailure(this.fn.functionName, failure.errors.map(describeMessage));
    }
  }

  async dispose(): Promise<void> {
    await this.context?.dispose();
    this.context = undefined;
  }

  private options(): esbuild.BuildOptions & { metafile: true } {
    const { build, runtime } = this.fn;
    rmSync(this.outDir, { recursive: true, force: true });
    const nodeMajor = /^nodejs(\d+)/.exec(runtime)?.[1] ?? '20';
    const outExtension = build.outExtension ? parseOutExtension(build.outExtension) : undefined;
    return {
      entryPoints: build.entryPoints,
      outdir: this.outDir,
      bundle: true,
      platform: 'node',
      format: build.format,
      target: build.target ?? `node${nodeMajor}`,
      minify: build.minify,
      sourcemap: build.sourcemap ? 'linked' : false,
      external: build.external,
      outExtension,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: this.fn.codeDir,
    };
  }
}

function describeMessage(message: esbuild.Message): string {
  const where = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column + 1}: `
    : '';
  return `${where}${message.text}`;
}

/** SAM writes OutExtension as `.js=.mjs`; esbuild wants `{ '.js': '.mjs' }`. */
function parseOutExtension(value: string): Record<string, string> {
  const [from, to] = value.split('=');
  return from && to ? { [from]: to } : {};
}
