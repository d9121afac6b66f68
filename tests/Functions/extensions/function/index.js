// Returns what the extensions recorded in this environment's /tmp so far (they share the environment's /tmp), and what
// the agent extension on 127.0.0.1:AGENT_PORT says when asked to call it.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const lines = name => {
  const file = path.join(process.env.TMPDIR ?? '/tmp', name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
};

const askAgent = port => new Promise((resolve, reject) => {
  let said = '';
  net.connect(port, '127.0.0.1').on('data', chunk => { said += chunk; }).on('end', () => resolve(said)).on('error', reject);
});

exports.handler = async (event) => {
  console.log('handling the invoke');
  if (event?.sleepMs) await new Promise(resolve => setTimeout(resolve, event.sleepMs)); // holds the environment busy
  const agent = event?.askAgent ? await askAgent(Number(process.env.AGENT_PORT)) : undefined;
  return { recorded: lines('extension-events'), telemetry: lines('telemetry.jsonl').map(line => JSON.parse(line)), agent };
};
