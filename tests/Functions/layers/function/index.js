// Uses what its layers put in /opt, and its own files in /var/task, as a function on Lambda does.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/** A layer's executable on PATH (/opt/bin); null when no layer provides it. */
function run(tool) {
  try { return execFileSync(tool, { encoding: 'utf8' }).trim(); } catch { return null; }
}

exports.handler = async () => {
  const opt = process.env.LAMBDA_TASK_ROOT === '/var/task' ? '/opt' : null;
  return {
    greeting: require('greet').greet('function'),
    config: opt ? JSON.parse(fs.readFileSync(path.join(opt, 'config.json'), 'utf8')) : null,
    data: JSON.parse(fs.readFileSync(path.join(process.env.LAMBDA_TASK_ROOT, 'data.json'), 'utf8')),
    tool: run('layer-tool'),
    taskRoot: process.env.LAMBDA_TASK_ROOT,
    file: __filename,
    cwd: process.cwd(),
    nodePath: process.env.NODE_PATH,
    wrappedBy: process.env.WRAPPED_BY ?? null,
  };
};
