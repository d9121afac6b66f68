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

// What an S3-triggered function reads: the bucket, and the key decoded as AWS documents it (S3 form-encodes keys).
exports.s3Object = async (event) => {
  const s3 = event.Records[0].s3;
  return { bucket: s3.bucket.name, key: decodeURIComponent(s3.object.key.replace(/\+/g, ' ')), encodedKey: s3.object.key };
};
