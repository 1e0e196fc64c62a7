import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectTemplateError,
  FIXTURES,
  functionNamed,
  loadFixture,
  loadText,
} from '../../../stack/helpers.js';

describe('esbuild metadata', () => {
  it('reads BuildProperties, passing the ones it does not map through as they are', async () => {
    const stack = await loadFixture('esbuild.yaml');

    const { build } = functionNamed(stack, 'Explicit');

    expect(build).toEqual({
      method: 'esbuild',
      entryPoints: [path.join(FIXTURES, 'code/esm/src/feed.ts')],
      format: 'esm',
      target: 'es2022',
      minify: false,
      sourcemap: true,
      external: ['@aws-sdk/*'],
      outExtension: '.js=.mjs',
      extra: { Banner: ["js=import { createRequire } from 'module';"], MainFields: 'module,main' },
    });
  });

  it("derives the entry point from the handler's module and applies SAM's defaults", async () => {
    const stack = await loadFixture('esbuild.yaml');

    const { build } = functionNamed(stack, 'Derived');

    expect(build).toEqual({
      method: 'esbuild',
      entryPoints: [path.join(FIXTURES, 'code/hello/app.ts')],
      format: 'cjs',
      minify: true,
      sourcemap: false,
      external: [],
      extra: {},
    });
  });

  it('falls back to a JavaScript entry point when there is no TypeScript one', async () => {
    const stack = await loadFixture('esbuild.yaml');

    expect(functionNamed(stack, 'DerivedJs').build?.entryPoints).toEqual([
      path.join(FIXTURES, 'code/hello/worker.js'),
    ]);
  });

  it("runs a function built with the runtime's default builder from its sources", async () => {
    const stack = await loadFixture('esbuild.yaml');

    expect(functionNamed(stack, 'Python').build).toBeUndefined();
    expect(stack.issues.filter((issue) => issue.resource === 'Python')).toEqual([]);
  });

  it('fails on an entry point that does not exist', async () => {
    const loading = loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: "{{code}}/hello" }
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints: [src/missing.ts]
`);

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Metadata.BuildProperties.EntryPoints',
      message: /entry point src\/missing.ts not found/,
    });
  });

  it('reports a build method the local cloud does not run', async () => {
    const stack = await loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: provided.al2023, Handler: bootstrap, CodeUri: "{{code}}/hello" }
    Metadata:
      BuildMethod: makefile
`);

    expect(stack.issues).toContainEqual(
      expect.objectContaining({
        resource: 'Fn',
        property: 'Metadata.BuildMethod',
        message: expect.stringMatching(/makefile/),
      }),
    );
  });
});
