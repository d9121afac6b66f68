// console.* as AWS's Node.js runtime patches it: one line per call, written synchronously to stdout.
//   text (default):              <ISO time>\t<request id>\t<LEVEL>\t<util.format(...)>
//   AWS_LAMBDA_LOG_FORMAT=JSON:  {"timestamp","level","requestId","message"[,"errorType","errorMessage","stackTrace"]}
// Newlines inside a message become \r so that one call stays one line (one log event).
// AWS_LAMBDA_LOG_LEVEL drops the levels below it.
import fs from 'node:fs';
import util from 'node:util';
import { asError, toLoggedError } from './errors.mjs';

// The same well-known symbol AWS's runtime uses, so libraries that read the current request id find it.
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const STDOUT = 1;

const LEVELS = {
  TRACE: 1,
  DEBUG: 2,
  INFO: 3,
  WARN: 4,
  ERROR: 5,
  FATAL: 6,
};

export function setCurrentRequestId(requestId) {
  globalThis[REQUEST_ID] = requestId;
}

// Sleeping without returning to the event loop, for when the stdout pipe is full.
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to stdout before returning, even when the pipe is non-blocking and full. */
export function writeSync(text, fd = STDOUT) {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') return; // stdout is gone: nothing sensible to do
      Atomics.wait(sleepCell, 0, 0, 1);
    }
  }
}

function formatText(level, message, params) {
  const line = `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level}\t${util.format(message, ...params)}`;
  return line.replace(/\n/g, '\r') + '\n';
}

function errorFieldsForJson(key, value) {
  if (!(value instanceof Error)) return value;
  return Object.assign(
    {
      errorType: value?.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

function formatJson(level, message, params) {
  const record = {
    timestamp: new Date().toISOString(),
    level,
    requestId: globalThis[REQUEST_ID],
  };
  let json;
  if (params.length === 0) {
    record.message = message;
    try {
      json = JSON.stringify(record, errorFieldsForJson);
    } catch {
      record.message = util.format(message);
      json = JSON.stringify(record);
    }
  } else {
    record.message = util.format(message, ...params);
    const error = [message, ...params].find((p) => p instanceof Error);
    if (error) {
      record.errorType = error?.constructor?.name ?? 'UnknownError';
      record.errorMessage = error.message;
      record.stackTrace = typeof error.stack === 'string' ? error.stack.split('\n') : [];
    }
    json = JSON.stringify(record);
  }
  return json.replace(/\n/g, '\r') + '\n';
}

const isJsonFormat = () => process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';

/** Replaces console.trace/debug/info/log/warn/error (and adds console.fatal) with Lambda-style writers. */
export function patchConsole() {
  const format = isJsonFormat() ? formatJson : formatText;
  const minimum = LEVELS[process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase()] ?? LEVELS.TRACE;
  const writer = (level) =>
    LEVELS[level] >= minimum
      ? (message, ...params) => writeSync(format(level, message, params))
      : () => {};

  console.trace = writer('TRACE');
  console.debug = writer('DEBUG');
  console.info = writer('INFO');
  console.log = console.info;
  console.warn = writer('WARN');
  console.error = writer('ERROR');
  console.fatal = (message, ...params) => writeSync(format('FATAL', message, params));
}

/** Logs an error the runtime is about to report, e.g. `Invoke Error`, `Uncaught Exception`. */
export function logError(label, error) {
  if (isJsonFormat()) console.error(asError(error));
  else console.error(label, toLoggedError(asError(error)));
}
