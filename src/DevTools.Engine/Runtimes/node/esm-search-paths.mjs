// ES module resolution from NODE_PATH, as Lambda's Node.js runtimes do it (Node.js itself ignores NODE_PATH for
// `import`): a bare specifier that the function's own node_modules cannot satisfy is looked up in each NODE_PATH
// folder in turn — the function's build, then the AWS SDK the runtime carries. Registered only when the engine says
// the function needs it. Exports the hook both ways Node.js takes one: `resolve` for module.register() (a loader
// thread, Node.js 20), `resolveSync` for module.registerHooks() (in-thread, Node.js 22.15+).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// A parent URL inside each NODE_PATH folder: resolving from there finds `<folder>/<package>` by the usual walk up.
const searchParents = (process.env.NODE_PATH || '')
  .split(path.delimiter)
  .filter(Boolean)
  .map((folder) => pathToFileURL(path.join(folder, 'search-path.mjs')).href);

function isBareSpecifier(specifier) {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(specifier);
}

function worthSearching(error, specifier) {
  return error?.code === 'ERR_MODULE_NOT_FOUND' && isBareSpecifier(specifier) && searchParents.length > 0;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!worthSearching(error, specifier)) throw error;
    for (const parentURL of searchParents) {
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch {
        // not in this folder
      }
    }
    throw error;
  }
}

export function resolveSync(specifier, context, nextResolve) {
  try {
    return nextResolve(specifier, context);
  } catch (error) {
    if (!worthSearching(error, specifier)) throw error;
    for (const parentURL of searchParents) {
      try {
        return nextResolve(specifier, { ...context, parentURL });
      } catch {
        // not in this folder
      }
    }
    throw error;
  }
}
