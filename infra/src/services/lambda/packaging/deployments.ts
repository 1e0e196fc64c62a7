import { createHash } from 'node:crypto';
import { type FSWatcher, readdirSync, watch } from 'node:fs';
import path from 'node:path';
import type { FunctionDefinition } from '../../../stack/types.js';
import type { Deployment } from '../runtime/environment-pool.js';
import { BuildFailure, FunctionBundle } from './esbuild-bundle.js';
import { zipDirectory } from './zip.js';

/** A function's current code: ready to run, or the reason its latest build failed. */
export interface FunctionState {
  deployment: Deployment;
  /** Set while the latest build is broken; invocations then fail with this message. */
  buildFailure?: BuildFailure;
  lastModified: Date;
  /** The deployment package and its fingerprint, made on first need: zipping a folder is not free. */
  code?: { sha256: string; size: number; zip: Buffer };
}

export interface DeploymentEvents {
  /** After a rebuild (or a source change of an unbuilt function): old environments must go. */
  onChanged(fn: FunctionDefinition, state: FunctionState): void;
}

const REBUILD_DEBOUNCE_MS = 60;
const IGNORED_DIRS = new Set(['node_modules', '.git', '__pycache__', '.aws-sam', '.local-cloud']);

/**
 * Builds every function of the stack (esbuild for `BuildMethod: esbuild`, the source folder as it is
 * otherwise), and with `watch` rebuilds a function when one of its sources changes, so the next
 * invocation runs the new code without a restart.
 */
export class Deployments {
  private readonly states = new Map<string, FunctionState>();
  private readonly bundles = new Map<string, FunctionBundle>();
  private readonly watchers = new Map<string, FSWatcher[]>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly buildDir: string,
    private readonly watchSources: boolean,
    private readonly events: DeploymentEvents,
  ) {}

  /** Builds all functions; a failed build is kept as that function's state, never thrown. */
  async deployAll(functions: FunctionDefinition[]): Promise<void> {
    await Promise.all(functions.map((fn) => this.deploy(fn, 1)));
  }

  get(functionName: string): FunctionState | undefined {
    return this.states.get(functionName);
  }

  all(): FunctionState[] {
    return [...this.states.values()];
  }

  /** The function's deployment package (a zip of its code) with its SHA-256 (base64) and size. */
  codeFingerprint(state: FunctionState): { sha256: string; size: number; zip: Buffer } {
    state.code ??= fingerprint(state.deployment.codeDir);
    return state.code;
  }

  async close(): Promise<void> {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const list of this.watchers.values()) for (const watcher of list) watcher.close();
    await Promise.all([...this.bundles.values()].map((bundle) => bundle.dispose()));
  }

  private async deploy(fn: FunctionDefinition, version: number): Promise<FunctionState> {
    let codeDir = fn.codeDir;
    let buildFailure: BuildFailure | undefined;
    let watched = [fn.codeDir];
    if (fn.build) {
      let bundle = this.bundles.get(fn.functionName);
      if (!bundle) {
        bundle = new FunctionBundle({ ...fn, build: fn.build }, path.join(this.buildDir, fn.functionName));
        this.bundles.set(fn.functionName, bundle);
      }
      codeDir = bundle.outDir;
      try {
        const { inputs } = await bundle.build();
        watched = [...new Set(inputs.map((input) => path.dirname(input)))];
      } catch (error) {
        if (!(error instanceof BuildFailure)) throw error;
        buildFailure = error;
      }
    }
    const state: FunctionState = {
      deployment: { fn, codeDir, version },
      buildFailure,
      lastModified: new Date(),
    };
    this.states.set(fn.functionName, state);
    // After a failed build keep watching what was watched before, so fixing the file recovers.
    if (this.watchSources && (!buildFailure || !this.watchers.has(fn.functionName))) this.watch(fn, watched);
    return state;
  }

  private watch(fn: FunctionDefinition, dirs: string[]): void {
    for (const watcher of this.watchers.get(fn.functionName) ?? []) watcher.close();
    const watchers: FSWatcher[] = [];
    const all = fn.build ? dirs : dirs.flatMap((dir) => subdirectories(dir));
    for (const dir of all) {
      try {
        const watcher = watch(dir, () => this.scheduleRebuild(fn));
        watcher.on('error', () => watcher.close());
        watchers.push(watcher);
      } catch {
        // A folder that vanished cannot be watched; the next successful build watches what exists.
      }
    }
    this.watchers.set(fn.functionName, watchers);
  }

  private scheduleRebuild(fn: FunctionDefinition): void {
    clearTimeout(this.pending.get(fn.functionName));
    this.pending.set(
      fn.functionName,
      setTimeout(() => {
        this.pending.delete(fn.functionName);
        const version = (this.states.get(fn.functionName)?.deployment.version ?? 0) + 1;
        void this.deploy(fn, version).then((state) => this.events.onChanged(fn, state));
      }, REBUILD_DEBOUNCE_MS),
    );
  }
}

/** The folder and every folder below it, but not dependencies, caches or VCS data. */
function subdirectories(root: string): string[] {
  const found = [root];
  for (let i = 0; i < found.length && found.length < 500; i++) {
    try {
      for (const entry of readdirSync(found[i] as string, { withFileTypes: true })) {
        if (entry.isDirectory() && !IGNORED_DIRS.has(entry.name))
          found.push(path.join(found[i] as string, entry.name));
      }
    } catch {
      // Unreadable folders are simply not watched.
    }
  }
  return found;
}

/** Lambda's CodeSha256 is the SHA-256 of the deployment package, and CodeSize its length. */
function fingerprint(dir: string): { sha256: string; size: number; zip: Buffer } {
  const zip = zipDirectory(dir);
  return { sha256: createHash('sha256').update(zip).digest('base64'), size: zip.length, zip };
}
