// Node.js (CommonJS): the Lambda execution model in one file.
// Code outside the handler runs once per execution environment, during its cold start. After each
// invoke the environment is frozen; the next invoke may thaw and reuse it, with everything below intact.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const initializedAt = new Date().toISOString();
let invocations = 0;

// A background timer started at init. It only advances while the environment runs:
// compare ticksSincePreviousInvoke with msSincePreviousInvoke after a pause between invokes.
let ticks = 0;
setInterval(() => ticks++, 100);
let previous = null;

// /tmp belongs to this environment and survives between its invokes (TMPDIR points at it).
const tmpFile = path.join(os.tmpdir(), 'node-cjs-sample.txt');

exports.handler = async (event, context) => {
  invocations++;
  const now = Date.now();
  const tmpFileBefore = fs.existsSync(tmpFile) ? fs.readFileSync(tmpFile, 'utf8') : null;
  fs.writeFileSync(tmpFile, `written by invocation ${invocations} (${context.awsRequestId})`);

  const result = {
    greeting: process.env.GREETING,
    requestId: context.awsRequestId,
    remainingTimeMs: context.getRemainingTimeInMillis(),
    initializedAt,
    invocations,
    tmpFileBefore,
    ticks,
    ticksSincePreviousInvoke: previous && ticks - previous.ticks,
    msSincePreviousInvoke: previous && now - previous.at,
    event,
  };
  previous = { ticks, at: now };
  console.log(`invocation ${invocations}, ${ticks} ticks so far`);
  return result;
};
