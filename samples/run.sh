#!/usr/bin/env bash
# Invokes each sample function three times on one warm pool: a cold start, then warm ones.
# The result goes to stdout, Lambda's lifecycle records (START/END/REPORT, environments) to stderr.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build ../src/DevTools.Cli --nologo -v quiet -c Release >/dev/null
cli=(dotnet ../src/DevTools.Cli/bin/Release/net10.0/devtools.dll)
for fn in NodeCjsFunction:node-cjs NodeEsmFunction:node-esm PythonFunction:python ShellFunction:shell; do
  name=${fn%%:*}
  echo
  echo "=== $name ==="
  "${cli[@]}" invoke "$name" -t template.yaml -e "events/${fn##*:}.json" --repeat 3 --interval 1000
done
