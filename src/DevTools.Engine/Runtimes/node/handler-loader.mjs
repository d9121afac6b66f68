// Resolves the handler string (`[dir/]file.export[.nested]`) to a function, the way Lambda's
// Node.js runtime does:
//   - `..` anywhere is refused (Runtime.MalformedHandlerName);
//   - the basename is split at its first dot: module file before, property path after;
//   - the module is tried as: extension-less file, `.js` (CommonJS unless the nearest package.json
//     says "type": "module", then ES module), `.mjs`, `.cjs`, then Node's own resolution from the
//     code directory (e.g. a package in node_modules);
//   - ES modules are loaded with import() (top-level await completes before init ends), CommonJS
//     with require().
import fs from 'node:fs';
import path from 'node:path';
import module, { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  HandlerNotFound,
  ImportModuleError,
  MalformedHandlerName,
  MalformedStreamingHandler,
  UserCodeSyntaxError,
} from './errors.mjs';

// require() as seen from the entry point, so "Require stack" names it as AWS's names /var/runtime/index.mjs.
const require = createRequire(fileURLToPath(new URL('./index.mjs', import.meta.url)));

export const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
export const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
export const STREAM_RESPONSE = 'response';

function requireIfExists(file) {
  return fs.existsSync(file) ? require(file) : undefined;
}

// Set by the engine when the function imports packages from NODE_PATH (its build, the runtime's SDK); read once.
const esmNeedsSearchPaths = process.env._DEVTOOLS_ESM_NODE_PATH === '1';
delete process.env._DEVTOOLS_ESM_NODE_PATH;
let searchPathsRegistered = false;

/** Lets `import` find NODE_PATH's packages, before the first ES module loads (see esm-search-paths.mjs). */
async function resolveEsmFromSearchPaths() {
  if (searchPathsRegistered || !esmNeedsSearchPaths) return;
  searchPathsRegistered = true;
  const hooks = new URL('./esm-search-paths.mjs', import.meta.url);
  if (typeof module.registerHooks === 'function') {
    const { resolveSync } = await import(hooks.href);
    module.registerHooks({ resolve: resolveSync });
  } else {
    module.register(hooks.href);
  }
}

async function importIfExists(file) {
  if (!fs.existsSync(file)) return undefined;
  await resolveEsmFromSearchPaths();
  return import(pathToFileURL(file).href);
}

/** True when the nearest package.json above `folder` declares "type": "module". */
function isModuleTypeFolder(folder) {
  for (let current = folder; ; current = path.dirname(current)) {
    if (current.endsWith(`${path.sep}node_modules`)) return false;
    const packageJson = path.join(current, 'package.json');
    if (fs.existsSync(packageJson)) {
      try {
        return JSON.parse(fs.readFileSync(packageJson, 'utf8'))?.type === 'module';
      } catch (error) {
        console.warn(`${packageJson} cannot be read, it will be ignored for ES module detection purposes.`, error);
        return false;
      }
    }
    if (path.dirname(current) === current) return false;
  }
}

async function loadModule(appRoot, moduleRoot, moduleName) {
  const basePath = path.resolve(appRoot, moduleRoot, moduleName);

  const extensionless = requireIfExists(basePath);
  if (extensionless) return extensionless;

  const typeModule = isModuleTypeFolder(path.dirname(basePath));
  if (!typeModule) {
    const commonJs = requireIfExists(basePath + '.js');
    if (commonJs) return commonJs;
  }

  const loaded =
    (typeModule && (await importIfExists(basePath + '.js'))) ||
    (await importIfExists(basePath + '.mjs')) ||
    requireIfExists(basePath + '.cjs');
  if (loaded) return loaded;

  return require(require.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

/**
 * A missing `@aws-sdk/*` package is one Lambda's runtime would have provided: say so, and how to get it here
 * (the engine fetches what the function's source names; a dependency's own SDK imports it cannot see).
 */
function withSdkHint(error) {
  const missing = /Cannot find (?:module|package) '(@aws-sdk\/[^/']+)/.exec(error?.message ?? '');
  if (missing) {
    error.message +=
      `\n${missing[1]} is part of the AWS SDK for JavaScript v3 that Lambda's Node.js runtimes provide.` +
      ` Lambda DevTools keeps it in a per-machine cache: run \`devtools sdk install ${missing[1]}\` (the npm registry must be reachable once).`;
  }
  return error;
}

/** The property at `propertyPath` (dot-separated) of `root`, or undefined. */
function property(root, propertyPath) {
  return propertyPath.split('.').reduce((value, key) => value && value[key], root);
}

/**
 * Loads the user's module and returns { handler, streaming, highWaterMark }.
 * Throws Runtime.* errors for the cases Lambda names; other load errors propagate as they are.
 */
export async function loadHandler(appRoot, handlerString) {
  if (handlerString.includes('..')) {
    throw new MalformedHandlerName(
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const baseName = path.basename(handlerString);
  const moduleRoot = handlerString.substring(0, handlerString.indexOf(baseName));
  const match = /^([^.]*)\.(.*)$/.exec(baseName);
  if (!match) throw new MalformedHandlerName('Bad handler');
  const [, moduleName, propertyPath] = match;

  let userModule;
  try {
    userModule = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserCodeSyntaxError(error);
    if (error?.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(withSdkHint(error));
    throw withSdkHint(error);
  }

  const handler = property(userModule, propertyPath);
  if (!handler) throw new HandlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${handlerString} is not a function`);

  return { handler, ...streamingOptions(handler) };
}

function streamingOptions(handler) {
  const mode = handler[HANDLER_STREAMING];
  if (mode === undefined || mode === null || mode === false) return { streaming: false };
  if (mode !== STREAM_RESPONSE) throw new MalformedStreamingHandler('Only response streaming is supported.');
  const highWaterMark = parseInt(handler[HANDLER_HIGHWATERMARK], 10);
  return { streaming: true, highWaterMark: Number.isNaN(highWaterMark) ? undefined : highWaterMark };
}

/** True for `async function` handlers (what decides the error when the event loop drains early). */
export function isAsyncFunction(handler) {
  return handler?.constructor?.name === 'AsyncFunction';
}
