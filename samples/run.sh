#!/usr/bin/env bash
# Invokes each sample function three times on one warm pool: a cold start, then warm ones.
# The result goes to stdout, Lambda's lifecycle records (START/END/REPORT, environments) to stderr.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build ../src/DevTools.Cli --nologo -v quiet -c Release >/dev/null
cli=(dotnet ../src/DevTools.Cli/bin/Release/net10.0/devtools.dll)

# What `sam init` leaves for a function with dependencies: build them once (reused until package.json changes).
echo "=== devtools build ==="
"${cli[@]}" build -t template.yaml

# SdkFunction's DynamoDB: a small local stub, as a developer would run DynamoDB Local.
stub_output=$(mktemp)
node stubs/dynamodb-stub.mjs > "$stub_output" &
stub=$!
trap 'kill $stub 2>/dev/null' EXIT
until [ -s "$stub_output" ]; do sleep 0.1; done
# The function reaches this machine's loopback by the name `devtools doctor` gives (its own loopback is its own).
host=$("${cli[@]}" doctor | sed -n 's/^  host services .* at \([^ ]*\).*/\1/p')
endpoint=$(head -1 "$stub_output" | sed "s/127\.0\.0\.1/${host:-127.0.0.1}/")
rm -f "$stub_output"

# Java and Ruby run on the machine's JDK and Ruby: without them, their samples are skipped.
functions=(NodeCjsFunction:node-cjs NodeEsmFunction:node-esm PythonFunction:python DotnetFunction:dotnet ShellFunction:shell)
if command -v javac >/dev/null; then
  # Lambda runs compiled classes: the sample's are compiled next to it (its code folder is the class path's root).
  javac --release 11 -d functions/java $(find functions/java/src -name '*.java')
  functions+=(JavaFunction:java)
else
  echo "=== JavaFunction skipped: no JDK here (install one, e.g. apt-get install openjdk-17-jdk-headless) ==="
fi
if command -v ruby >/dev/null; then
  functions+=(RubyFunction:ruby)
else
  echo "=== RubyFunction skipped: no Ruby here (install it, e.g. apt-get install ruby) ==="
fi
functions+=(SdkFunction:node-sdk NodeDepsFunction:node-deps NodeLayerFunction:node-layer)

for fn in "${functions[@]}"; do
  name=${fn%%:*}
  echo
  echo "=== $name ==="
  "${cli[@]}" invoke "$name" -t template.yaml -e "events/${fn##*:}.json" --repeat 3 --interval 1000 --parameter-overrides "TableEndpoint=$endpoint"
done
