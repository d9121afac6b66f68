// Error types the runtime reports, and the two ways an error is rendered:
// the Runtime API body ({errorType, errorMessage, trace}) and the log line form.
import util from 'node:util';

class RuntimeError extends Error {}

/** Creates a `Runtime.<Name>` error class, named the way AWS's Node.js runtime names them. */
function runtimeErrorClass(name) {
  const errorClass = class extends RuntimeError {};
  Object.defineProperty(errorClass, 'name', { value: name });
  errorClass.prototype.name = `Runtime.${name}`;
  return errorClass;
}

export const MalformedHandlerName = runtimeErrorClass('MalformedHandlerName');
export const HandlerNotFound = runtimeErrorClass('HandlerNotFound');
export const CallbackHandlerDeprecated = runtimeErrorClass('CallbackHandlerDeprecated');
export const MalformedStreamingHandler = runtimeErrorClass('MalformedStreamingHandler');
export const InvalidStreamingOperation = runtimeErrorClass('InvalidStreamingOperation');
export const JSONStringifyError = runtimeErrorClass('JSONStringifyError');

/** Wraps a "Cannot find module" failure; the message is the original error as a string. */
export class ImportModuleError extends runtimeErrorClass('ImportModuleError') {
  constructor(cause) {
    super(String(cause));
  }
}

/** Wraps a SyntaxError raised while loading the handler module. */
export class UserCodeSyntaxError extends runtimeErrorClass('UserCodeSyntaxError') {
  constructor(cause) {
    super(String(cause));
  }
}

/** A promise rejected with nobody listening; the message is the reason as a string. */
export class UnhandledPromiseRejection extends runtimeErrorClass('UnhandledPromiseRejection') {
  constructor(reason, promise) {
    super(String(reason));
    this.reason = reason;
    this.promise = promise;
  }
}

/** The event loop drained while an async handler's promise was still pending. */
export class NodeJsExit extends runtimeErrorClass('NodeJsExit') {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}

function looksLikeError(value) {
  return (
    value != null &&
    typeof value.name === 'string' &&
    typeof value.message === 'string' &&
    typeof value.stack === 'string' &&
    value.name !== '' &&
    value.message !== '' &&
    value.stack !== ''
  );
}

/** The body posted to /invocation/{id}/error and /init/error. */
export function toErrorResponse(error) {
  try {
    if (util.types.isNativeError(error) || looksLikeError(error)) {
      return {
        errorType: error.name,
        errorMessage: error.message,
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/** Anything thrown, as an Error (strings and other values are wrapped). */
export function asError(value) {
  return value instanceof Error ? value : new Error(value);
}

function errorWithEnumerableFields(key, value) {
  if (!(value instanceof Error)) return value;
  const rendered = Object.assign(
    { errorType: value.name, errorMessage: value.message, code: value.code },
    value,
  );
  if (typeof value.stack === 'string') rendered.stack = value.stack.split('\n');
  return rendered;
}

/** The error as it appears in a log line: a tab, then JSON with errorType, errorMessage and stack. */
export function toLoggedError(error) {
  try {
    return '\t' + JSON.stringify(error, errorWithEnumerableFields);
  } catch {
    return '\t' + JSON.stringify(toErrorResponse(error));
  }
}
