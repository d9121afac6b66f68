// Returns what the extension recorded in this environment's /tmp so far (it shares the environment's /tmp).
const fs = require('node:fs');
const path = require('node:path');

exports.handler = async () => {
  const file = path.join(process.env.TMPDIR ?? '/tmp', 'extension-events');
  return { recorded: fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [] };
};
