import { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Packages a build marks `External` are not in the bundle, so the deployment package must carry
 * them: `sam build` installs the function's production dependencies beside the bundle (a native
 * module such as sharp can only travel that way). Here each one is linked from where it is
 * installed for the function's sources into `<outDir>/node_modules`, which is where the bundle's
 * `require` looks first. The AWS SDK is left out: the Node.js runtime provides it (see
 * `runtime/node-client/provide-sdk.ts`). Returns the problems, one per package that is not
 * installed, phrased for the start-up output.
 */
export function linkExternalPackages(externals: string[], codeDir: string, outDir: string): string[] {
  const problems: string[] = [];
  for (const name of new Set(externals.map(packageNameOf))) {
    if (name === undefined || name.startsWith('@aws-sdk/') || name === 'aws-sdk') continue;
    const found = installedAbove(codeDir, name);
    if (!found) {
      problems.push(`external package ${name} is not installed for ${codeDir} (add it to its package.json)`);
      continue;
    }
    const packageDir = realpathSync(found);
    const link = path.join(outDir, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    rmSync(link, { force: true, recursive: true });
    symlinkSync(packageDir, link, 'dir');
  }
  return problems;
}

/** `sharp` → sharp, `@img/sharp-linux-x64/lib` → @img/sharp-linux-x64; globs (`@aws-sdk/*`) → undefined. */
function packageNameOf(specifier: string): string | undefined {
  if (specifier.includes('*')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The package's folder in the nearest `node_modules` above the sources, as `require` looks for it
 * (not `require.resolve`: a package's `exports` may hide its package.json; and not NODE_PATH, which
 * pnpm's shims point at its whole store).
 */
function installedAbove(codeDir: string, name: string): string | undefined {
  for (let dir = path.resolve(codeDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) return undefined;
  }
}
