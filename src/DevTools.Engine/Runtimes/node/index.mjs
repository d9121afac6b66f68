// Lambda DevTools' runtime client for the nodejs18.x–nodejs24.x runtimes.
//
// Started by the engine as `node <runtime dir>/index.mjs` in the function's code directory, it
// talks to the Lambda Runtime API at $AWS_LAMBDA_RUNTIME_API exactly like AWS's own Node.js
// runtime: init (patch console, load $_HANDLER from $LAMBDA_TASK_ROOT), then GET /next, run the
// handler, POST the result or error, forever. No dependencies beyond Node itself.
//
// Init failures are posted to /init/error and the process exits with 129 (128 for an unhandled
// promise rejection), as AWS's runtime does. An uncaught exception or unhandled rejection during
// an invoke is posted as that invoke's error, then the process exits the same way.
import { CallbackHandlerDeprecated, UnhandledPromiseRejection, toErrorResponse } from './errors.mjs';
import { STREAM_RESPONSE, HANDLER_HIGHWATERMARK, HANDLER_STREAMING, isAsyncFunction, loadHandler } from './handler-loader.mjs';
import { logError, patchConsole } from './logging.mjs';
import { HttpResponseStream } from './response-stream.mjs';
import { RuntimeApiClient } from './runtime-api-client.mjs';
import { Runtime } from './runtime.mjs';

const UNCAUGHT_EXCEPTION_EXIT_CODE = 129;
const UNHANDLED_REJECTION_EXIT_CODE = 128;

const CALLBACK_HANDLERS_REMOVED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/** nodejs24.x and later dropped callback handlers; earlier runtimes (and unknown ones) keep them. */
function usesCallbackModel(executionEnv) {
  const match = /^AWS_Lambda_nodejs(\d+)/.exec(executionEnv || '');
  return !match || Number(match[1]) < 24;
}

/** The `awslambda` global AWS's runtime provides (response streaming helpers). */
function installAwsLambdaGlobal() {
  const optOut = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (optOut === '1' || optOut === 'true') return;
  globalThis.awslambda = {
    ...globalThis.awslambda,
    streamifyResponse(handler, options) {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') handler[HANDLER_HIGHWATERMARK] = parseInt(options.highWaterMark, 10);
      return handler;
    },
    HttpResponseStream,
  };
}

patchConsole();
installAwsLambdaGlobal();

const client = new RuntimeApiClient(process.env.AWS_LAMBDA_RUNTIME_API);
const callbackModel = usesCallbackModel(process.env.AWS_EXECUTION_ENV);

// Until the invoke loop starts, a fatal error is an init error.
let initFailed = false;
let crash = async (error, exitCode) => {
  if (initFailed) return;
  initFailed = true;
  try {
    await client.postInitError(toErrorResponse(error));
  } catch {
    // exiting anyway
  }
  process.exit(exitCode);
};

process.on('uncaughtException', (error) => {
  logError('Uncaught Exception', error);
  crash(error, UNCAUGHT_EXCEPTION_EXIT_CODE);
});
process.on('unhandledRejection', (reason, promise) => {
  const error = new UnhandledPromiseRejection(reason, promise);
  logError('Unhandled Promise Rejection', error);
  crash(error, UNHANDLED_REJECTION_EXIT_CODE);
});

async function initialize() {
  let loaded;
  try {
    const handlerString = process.env._HANDLER;
    if (!handlerString) throw new Error('_HANDLER environment variable is not set');
    loaded = await loadHandler(process.env.LAMBDA_TASK_ROOT || process.cwd(), handlerString);
    if (!callbackModel && !loaded.streaming && loaded.handler.length >= 3) {
      throw new CallbackHandlerDeprecated(CALLBACK_HANDLERS_REMOVED);
    }
  } catch (error) {
    logError(callbackModel ? 'Uncaught Exception' : 'Init Error', error);
    crash(error, UNCAUGHT_EXCEPTION_EXIT_CODE);
    return;
  }

  const runtime = new Runtime({
    client,
    handler: loaded.handler,
    streaming: loaded.streaming,
    highWaterMark: loaded.highWaterMark,
    callbackModel,
    handlerIsAsync: isAsyncFunction(loaded.handler),
  });
  crash = (error, exitCode) => runtime.crash(error, exitCode);
  runtime.start();
}

await initialize();
