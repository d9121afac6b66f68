// Test handlers for the bundled Node.js runtime client (CommonJS).
let initCount = (globalThis.initCount ?? 0) + 1;
globalThis.initCount = initCount;

exports.echo = async (event) => ({ event, initCount });

exports.callback = (event, context, callback) => {
  setTimeout(() => callback(null, { style: 'callback', event }), 5);
};

exports.throws = async () => {
  const error = new Error('something broke');
  error.name = 'CustomError';
  throw error;
};

exports.context = async (event, context) => ({
  awsRequestId: context.awsRequestId,
  functionName: context.functionName,
  functionVersion: context.functionVersion,
  memoryLimitInMB: context.memoryLimitInMB,
  invokedFunctionArn: context.invokedFunctionArn,
  logGroupName: context.logGroupName,
  logStreamName: context.logStreamName,
  remaining: context.getRemainingTimeInMillis(),
  clientContext: context.clientContext ?? null,
  traceId: process.env._X_AMZN_TRACE_ID ?? null,
});

exports.logs = async () => {
  console.log('hello from node');
  console.error('an error line');
  return 'logged';
};

exports.notAFunction = 42;
