// The invoke loop: GET /next, run the handler, POST /response or /error, repeat.
//
// Two handler models, picked from AWS_EXECUTION_ENV like Lambda picks its runtime client:
//   nodejs18.x–22.x ("callback model"): the handler gets (event, context, callback); a promise it
//     returns settles the invoke; otherwise callback()/context.done()/succeed()/fail() do, and with
//     context.callbackWaitsForEmptyEventLoop (default true) the response waits until the event loop
//     has nothing left to do. A non-async handler that never calls back answers null once the loop
//     drains; an async one whose promise never settles fails with Runtime.NodeJsExit.
//   nodejs24.x and later ("promise model"): callback handlers are refused at init
//     (Runtime.CallbackHandlerDeprecated); the handler's return value (awaited) is the result.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { finished } from 'node:stream/promises';
import {
  JSONStringifyError,
  NodeJsExit,
  asError,
  toErrorResponse,
} from './errors.mjs';
import { logError, setCurrentRequestId, writeSync } from './logging.mjs';
import { createResponseStream } from './response-stream.mjs';

const W3C_FIELDS = ['traceparent', 'tracestate', 'baggage'];

export class Runtime {
  #client;
  #handler;
  #streaming;
  #highWaterMark;
  #callbackModel;
  #handlerIsAsync;
  #current = null; // { requestId, answered, stream? } for the invoke in progress
  #polling = false; // the first /next has been sent: init is over
  #crashing = false;
  #onEmptyEventLoop = null; // callback model only

  constructor({ client, handler, streaming, highWaterMark, callbackModel, handlerIsAsync }) {
    this.#client = client;
    this.#handler = handler;
    this.#streaming = streaming;
    this.#highWaterMark = highWaterMark;
    this.#callbackModel = callbackModel;
    this.#handlerIsAsync = handlerIsAsync;
    if (callbackModel) process.on('beforeExit', () => this.#onEmptyEventLoop?.());
  }

  start() {
    this.#next();
  }

  /** Reports a fatal error (uncaught exception, unhandled rejection) for init or the current invoke, then exits. */
  async crash(error, exitCode) {
    if (this.#crashing) return;
    this.#crashing = true;
    const invoke = this.#current;
    try {
      if (!this.#polling) {
        await this.#client.postInitError(toErrorResponse(error));
      } else if (invoke && !invoke.answered) {
        invoke.answered = true;
        if (invoke.stream?.opened) await invoke.stream.finish(toErrorResponse(error));
        else await this.#client.postInvocationError(invoke.requestId, toErrorResponse(error));
      }
    } catch {
      // the process is going away anyway
    }
    process.exit(exitCode);
  }

  async #next() {
    this.#current = null;
    this.#polling = true;
    let invocation;
    try {
      invocation = await this.#client.nextInvocation();
    } catch (error) {
      exitOnPlatformError('invocation/next', error);
    }
    this.#invoke(invocation);
  }

  #invoke({ headers, body }) {
    const requestId = headers['lambda-runtime-aws-request-id'];
    const invoke = { requestId, answered: false, stream: null };
    this.#current = invoke;
    setCurrentRequestId(requestId);
    const traceId = headers['lambda-runtime-trace-id'];
    if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
    else delete process.env._X_AMZN_TRACE_ID;

    if (this.#streaming) this.#invokeStreaming(invoke, headers, body);
    else if (this.#callbackModel) this.#invokeCallbackModel(invoke, headers, body);
    else this.#invokePromiseModel(invoke, headers, body);
  }

  // ---- callback model (nodejs18.x–22.x) -------------------------------------------------------

  #invokeCallbackModel(invoke, headers, body) {
    let waitForEmptyEventLoop = true;
    let settled = false;
    // Only the first of callback/done/succeed/fail counts (a call that throws does not count).
    const firstCallOnly =
      (fn) =>
      (...args) => {
        if (settled) return;
        fn(...args);
        settled = true;
      };

    const done = (error, result) => {
      this.#onEmptyEventLoop = null;
      if (error !== undefined && error !== null) this.#fail(invoke, error);
      else this.#succeed(invoke, result);
    };
    const callback = firstCallOnly((error, result) => {
      this.#onEmptyEventLoop = null;
      if (error !== undefined && error !== null) this.#fail(invoke, error);
      else if (!waitForEmptyEventLoop) this.#succeed(invoke, result);
      else {
        this.#onEmptyEventLoop = () => {
          this.#onEmptyEventLoop = null;
          setImmediate(() => this.#succeed(invoke, result));
        };
      }
    });
    const callbackContext = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitForEmptyEventLoop = value;
      },
      succeed: firstCallOnly((result) => done(null, result)),
      fail: firstCallOnly((error) => done(error === undefined || error === null ? 'handled' : error, null)),
      done: firstCallOnly(done),
    };

    // The loop drained before the handler answered.
    this.#onEmptyEventLoop = () => {
      this.#onEmptyEventLoop = null;
      settled = true;
      if (this.#handlerIsAsync) this.#fail(invoke, new NodeJsExit());
      else this.#succeed(invoke, null);
    };

    try {
      const context = Object.assign(callbackContext, environmentFields(), headerFields(headers));
      const result = this.#handler(JSON.parse(body.toString('utf8')), context, callback);
      if (isPromise(result)) {
        result.then(callbackContext.succeed, callbackContext.fail).catch(callbackContext.fail);
      }
    } catch (error) {
      callback(error);
    }
  }

  // ---- promise model (nodejs24.x+) ------------------------------------------------------------

  async #invokePromiseModel(invoke, headers, body) {
    try {
      const context = Object.assign(headerFields(headers, true), environmentFields());
      const result = await this.#handler(JSON.parse(body.toString('utf8')), context);
      await nextTurn();
      this.#succeed(invoke, result, true);
    } catch (error) {
      await nextTurn();
      this.#fail(invoke, error);
    }
  }

  // ---- response streaming (awslambda.streamifyResponse) ---------------------------------------

  async #invokeStreaming(invoke, headers, body) {
    const responseStream = createResponseStream(this.#client, invoke.requestId, this.#highWaterMark);
    invoke.stream = responseStream;
    const { stream } = responseStream;
    try {
      const context = this.#callbackModel
        ? Object.assign({ callbackWaitsForEmptyEventLoop: true }, environmentFields(), headerFields(headers))
        : Object.assign(headerFields(headers, true), environmentFields());
      const returned = this.#handler(JSON.parse(body.toString('utf8')), stream, context);
      if (!isPromise(returned)) {
        this.#failStream(invoke, 'Streaming does not support non-async handlers.');
        return;
      }
      const result = await returned;
      if (result !== undefined) console.warn('Streaming handlers ignore return values.');
      if (!stream.writableEnded) {
        this.#failStream(invoke, 'Response stream is not finished.');
        return;
      }
      await finished(stream);
      invoke.answered = true;
      const status = await responseStream.finish();
      this.#afterPost(status);
    } catch (error) {
      this.#failStream(invoke, error);
    }
  }

  async #failStream(invoke, error) {
    if (!invoke.stream.opened) {
      this.#fail(invoke, error);
      return;
    }
    if (invoke.answered) return;
    invoke.answered = true;
    logError('Invoke Error', error);
    invoke.stream.stream.destroy();
    try {
      this.#afterPost(await invoke.stream.finish(toErrorResponse(error)));
    } catch (postError) {
      exitOnPlatformError('invocation/response', postError);
    }
  }

  // ---- answering ------------------------------------------------------------------------------

  /** Serializes and posts the result. A result JSON cannot represent is thrown to the caller. */
  #succeed(invoke, result, promiseModel = false) {
    if (invoke.answered) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    let body;
    try {
      body = JSON.stringify(result === undefined ? null : result) ?? 'null';
    } catch {
      throw promiseModel ? new JSONStringifyError('Unable to stringify response body') : new Error('Unable to stringify response body');
    }
    invoke.answered = true;
    this.#client.postInvocationResponse(invoke.requestId, body).then(
      (status) => this.#afterPost(status),
      (error) => exitOnPlatformError('invocation/response', error),
    );
  }

  #fail(invoke, error) {
    if (invoke.answered) return;
    invoke.answered = true;
    logError('Invoke Error', error);
    this.#client.postInvocationError(invoke.requestId, toErrorResponse(error)).then(
      (status) => this.#afterPost(status),
      (postError) => exitOnPlatformError('invocation/error', postError),
    );
  }

  /** 2xx, or a 4xx such as 413 (payload too large): the invoke is over, wait for the next. 5xx: give up. */
  #afterPost(status) {
    if (status >= 500) exitOnPlatformError('invocation', new Error(`Runtime API answered ${status}`));
    setImmediate(() => this.#next());
  }
}

/** The Runtime API failed or said the environment is broken: the runtime exits, as Lambda expects. */
export function exitOnPlatformError(endpoint, error) {
  writeSync(`Lambda runtime: ${endpoint} failed, exiting: ${asError(error).message}\n`, 2);
  process.exit(1);
}

function isPromise(value) {
  return value && typeof value.then === 'function';
}

function environmentFields() {
  const env = process.env;
  return {
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
  };
}

function headerFields(headers, promiseModel = false) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const clientContext = parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext');
  const fields = {
    clientContext,
    identity: parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    tenantId: headers['lambda-runtime-aws-tenant-id'],
  };
  if (promiseModel) {
    fields.xRayTraceId = headers['lambda-runtime-trace-id'];
    const w3c = takeW3cFields(clientContext);
    fields.w3c = () => w3c;
  }
  fields.getRemainingTimeInMillis = () => deadline - Date.now();
  return fields;
}

function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`Cannot parse ${name} as json: ${error.toString()}`);
  }
}

/** nodejs24.x: W3C trace fields are moved out of clientContext into context.w3c(). */
function takeW3cFields(clientContext) {
  const fields = {};
  if (!clientContext || typeof clientContext !== 'object' || !('w3c' in clientContext)) return Object.freeze(fields);
  const raw = clientContext.w3c;
  delete clientContext.w3c;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const key of W3C_FIELDS) if (typeof raw[key] === 'string') fields[key] = raw[key];
  }
  return Object.freeze(fields);
}
