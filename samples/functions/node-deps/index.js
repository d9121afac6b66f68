// A function whose dependency (ms, from npm) is declared in package.json and not installed in this folder:
// `devtools build` (Lambda: Build in VS Code, Build-LocalFunction in PowerShell) installs it into the function's
// build folder, and the function finds it there as it would in its deployment package.
const ms = require('ms');

exports.handler = async (event) => ({ input: event.duration ?? '90s', milliseconds: ms(event.duration ?? '90s') });
