import { mkdirSync, mkdtempSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkExternalPackages } from '../../../../../src/services/lambda/packaging/external-packages.js';

function projectWith(packages: string[]): { codeDir: string; outDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'externals-'));
  for (const name of packages) {
    const dir = path.join(root, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name, main: 'index.js', exports: { '.': './index.js' } }),
    );
    writeFileSync(path.join(dir, 'index.js'), `module.exports = ${JSON.stringify(name)};`);
  }
  const codeDir = path.join(root, 'src');
  mkdirSync(codeDir);
  return { codeDir, outDir: path.join(root, 'build', 'fn') };
}

describe('linkExternalPackages', () => {
  it('makes an external package requirable from the bundle folder', () => {
    const { codeDir, outDir } = projectWith(['native-thing', '@scope/lib']);

    const problems = linkExternalPackages(['native-thing', '@scope/lib/sub'], codeDir, outDir);

    expect(problems).toEqual([]);
    const requireFromBundle = createRequire(path.join(outDir, 'index.js'));
    expect(requireFromBundle('native-thing')).toBe('native-thing');
    expect(requireFromBundle('@scope/lib')).toBe('@scope/lib');
    expect(realpathSync(readlinkSync(path.join(outDir, 'node_modules', 'native-thing')))).toBe(
      realpathSync(path.join(codeDir, '..', 'node_modules', 'native-thing')),
    );
  });

  it('leaves the AWS SDK and globs to the runtime', () => {
    const { codeDir, outDir } = projectWith([]);

    expect(linkExternalPackages(['@aws-sdk/client-s3', '@aws-sdk/*', 'aws-sdk'], codeDir, outDir)).toEqual(
      [],
    );
  });

  it('names an external package that is not installed', () => {
    const { codeDir, outDir } = projectWith([]);

    expect(linkExternalPackages(['sharp'], codeDir, outDir)).toEqual([
      `external package sharp is not installed for ${codeDir} (add it to its package.json)`,
    ]);
  });
});
