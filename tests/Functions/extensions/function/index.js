// Returns what the extensions recorded in this environment's /tmp so far (they share the environment's /tmp).
const fs = require('node:fs');
const path = require('node:path');

const lines = name => {
  const file = path.join(process.env.TMPDIR ?? '/tmp', name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
};

exports.handler = async event => {
  console.log('handling the invoke');
  if (event?.sleepMs) await new Promise(resolve => setTimeout(resolve, event.sleepMs));
  return { recorded: lines('extension-events'), telemetry: lines('telemetry.jsonl').map(line => JSON.parse(line)) };
};
