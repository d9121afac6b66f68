#!/usr/bin/env bash
# The benchmark suite (issue targets are read from its output, never asserted in tests):
# builds in Release, installs the peers from npm (cached in .artifacts/peers), measures everything in
# one run, prints a table and rewrites docs/performance.md. `--only soak` runs the full soak instead.
set -euo pipefail
cd "$(dirname "$0")/.."
peers=.artifacts/peers
if [ ! -d "$peers/node_modules/serverless-offline" ]; then
  mkdir -p "$peers"
  printf '{ "name": "peers", "private": true, "dependencies": { "serverless": "3.40.0", "serverless-offline": "13.10.1" } }\n' > "$peers/package.json"
  (cd "$peers" && npm install --no-audit --no-fund --loglevel=error)
fi
dotnet build src/DevTools.Benchmarks -c Release --nologo -v quiet
# The servers measured are the ReadyToRun CLI (`npm run build:cli`), as a user would run it for a fast start.
npm run --silent build:cli
dotnet build powershell/src/DevTools.PowerShell -c Release --nologo -v quiet
dotnet tool restore >/dev/null
exec dotnet src/DevTools.Benchmarks/bin/Release/net10.0/DevTools.Benchmarks.dll --peers "$PWD/$peers" --cli "$PWD/src/DevTools.Cli/bin/ReadyToRun/net10.0/devtools.dll" --out docs/performance.md "$@"
