// Node.js (ES module): the Lambda execution model in one file.
// Code outside the handler runs once per execution environment, during its cold start. After each
// invoke the environment is frozen; the next invoke may thaw and reuse it, with everything below intact.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Top-level await: init waits for it (think "open a database connection"), and the time it takes
// is part of the cold start's Init Duration.
await sleep(50);
const initializedAt = new Date().toISOString();
let invocations = 0;

// A background timer started at init. It only advances while the environment runs:
// compare ticksSincePreviousInvoke with msSincePreviousInvoke after a pause between invokes.
let ticks = 0;
setInterval(() => ticks++, 100);
let previous = null;

// /tmp belongs to this environment and survives between its invokes (TMPDIR points at it).
const tmpFile = join(tmpdir(), 'node-esm-sample.txt');

export const handler = async (event, context) => {
  invocations++;
  const now = Date.now();
  const tmpFileBefore = existsSync(tmpFile) ? readFileSync(tmpFile, 'utf8') : null;
  writeFileSync(tmpFile, `written by invocation ${invocations} (${context.awsRequestId})`);

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
