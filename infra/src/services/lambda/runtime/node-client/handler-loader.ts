import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HandlerNotFound, ImportModuleError, MalformedHandlerName, UserCodeSyntaxError } from './errors.js';

// biome-ignore lint/complexity/noBannedTypes: user handlers are arbitrary functions
export type UserHandler = Function;

const require = createRequire(import.meta.url);
const HANDLER_EXPRESSION = /^([^.]*)\.(.*)$/;

/**
 * Resolves `_HANDLER` (`<module path>.<export path>`, e.g. `src/handlers/app.handler`) against the
 * task root the way AWS's Node runtime does, with its error types and messages.
 */
export async function loadHandler(appRoot: string, handlerString: string): Promise<UserHandler> {
  if (handlerString.includes('..')) {
    throw new MalformedHandlerName(
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const moduleAndExport = path.basename(handlerString);
  const moduleRoot = handlerString.substring(0, handlerString.indexOf(moduleAndExport));
  const match = HANDLER_EXPRESSION.exec(moduleAndExport);
  if (!match) throw new MalformedHandlerName('Bad handler');
  const [, moduleName = '', exportPath = ''] = match;

  const userModule = await loadUserModule(appRoot, moduleRoot, moduleName);
  let handler: unknown = userModule;
  for (const key of exportPath.split('.')) {
    handler = handler ? (handler as Record<string, unknown>)[key] : handler;
  }
  if (!handler) throw new HandlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${handlerString} is not a function`);
  return handler;
}

/** Node's own test for `async function`, which decides how an empty event loop ends the invocation. */
export function isAsyncFunction(handler: UserHandler): boolean {
  return handler.constructor?.name === 'AsyncFunction';
}

async function loadUserModule(appRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  try {
    return await importUserModule(appRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserCodeSyntaxError(String(error));
    // Only CommonJS's MODULE_NOT_FOUND: AWS's runtime passes an ES module's ERR_MODULE_NOT_FOUND
    // through as a plain Error (seen in real nodejs runtime logs), and so do we.
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'MODULE_NOT_FOUND') {
      throw new ImportModuleError(String(error));
    }
    throw error;
  }
}

/**
 * AWS's order: the exact path, `.js` (CommonJS unless the nearest package.json says "module"),
 * `.mjs`, `.cjs`, then Node's own resolution from the task root (a package in node_modules).
 * CommonJS goes through require so `module.exports = …` is the module, as it is on AWS.
 */
async function importUserModule(appRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  if (fs.existsSync(base)) return require(base);
  const typeModule = nearestPackageIsModule(path.dirname(base));
  if (fs.existsSync(`${base}.js`)) {
    return typeModule ? await import(pathToFileURL(`${base}.js`).href) : require(`${base}.js`);
  }
  if (fs.existsSync(`${base}.mjs`)) return await import(pathToFileURL(`${base}.mjs`).href);
  if (fs.existsSync(`${base}.cjs`)) return require(`${base}.cjs`);
  return require(require.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

function nearestPackageIsModule(folder: string): boolean {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (dir.endsWith(`${path.sep}node_modules`)) return false;
    const packageJson = path.join(dir, 'package.json');
    if (fs.existsSync(packageJson)) {
      try {
        return (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { type?: unknown })?.type === 'module';
      } catch (error) {
        console.warn(
          `${packageJson} cannot be read, it will be ignored for ES module detection purposes.`,
          error,
        );
        return false;
      }
    }
    if (dir === path.dirname(dir)) return false;
  }
}
