// A function that uses two layers: a package from the first (found on NODE_PATH, as on Lambda) and a file the
// second puts in /opt. Where the engine gives environments Lambda's layout, its code runs from /var/task.
const fs = require('node:fs');
const { format } = require('greeting-format');

const opt = process.env.LAMBDA_TASK_ROOT === '/var/task' ? '/opt' : null;
const settings = opt ? JSON.parse(fs.readFileSync(`${opt}/settings.json`, 'utf8')) : null;

exports.handler = async (event) => ({
  message: format(process.env.GREETING, event.name ?? 'layers'),
  settingsFrom: settings?.source ?? 'not in /opt (this machine gives environments no mount namespace: see devtools doctor)',
  codeAt: __filename,
});
