#!/usr/bin/env bash
# Runs every test suite of the repository and ends with one line: "N passed, N failed".
# Needs only the .NET SDK, Node.js and Python 3; everything else (a JDK and Ruby too) is installed here.
set -uo pipefail
cd "$(dirname "$0")/.."

results=".artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# AWS's own Node.js runtime client, for the Runtime API conformance test (native addon: headers from the local Node).
if [ ! -d tests/Functions/aws-ric/node_modules/aws-lambda-ric ]; then
  node_prefix=$(dirname "$(dirname "$(command -v node)")")
  (cd tests/Functions/aws-ric && npm_config_nodedir="$node_prefix" npm ci --no-audit --no-fund --loglevel=error) \
    || echo "warning: aws-lambda-ric could not be installed; its conformance test will fail" >&2
fi

# Node clients of the backend (vscode-jsonrpc, @aws-sdk/client-lambda), pinned by tests/js/package-lock.json.
if [ ! -d tests/js/node_modules/vscode-jsonrpc ] || [ ! -d tests/js/node_modules/@aws-sdk/client-lambda ]; then
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error) \
    || echo "warning: the Node test clients could not be installed; their tests will fail" >&2
fi

# Debian's boto3, for the test of a Python without boto3 (no Python package index is reachable here: the engine copies
# the machine's installation into its runtime SDK cache).
if [ ! -d /usr/lib/python3/dist-packages/boto3 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-boto3) > "$results/apt-python3-boto3.log" 2>&1 \
    || echo "warning: python3-boto3 could not be installed; the runtime SDK test that copies it will fail" >&2
fi

# A JDK (javac builds the Java runtime client, java* functions run on it) and Ruby (ruby* functions), from Debian.
toolchains=()
command -v javac >/dev/null || toolchains+=(openjdk-17-jdk-headless)
command -v ruby >/dev/null || toolchains+=(ruby)
if [ ${#toolchains[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  mkdir -p /usr/share/man/man1 # slim images lack it, and the JDK's alternatives link their man pages there
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${toolchains[@]}") > "$results/apt-toolchains.log" 2>&1 \
    || echo "warning: ${toolchains[*]} could not be installed; the Java and Ruby runtime tests will fail" >&2
fi

# slirp4netns, the way out of each environment's network namespace (as root): without it environments share the
# machine's network, and the tests of a network per environment fail saying so.
if ! command -v slirp4netns >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slirp4netns) > "$results/apt-slirp4netns.log" 2>&1 \
    || echo "warning: slirp4netns could not be installed; the tests of a network namespace per environment will fail" >&2
fi

status=0
dotnet build DevTools.sln --nologo -v quiet || status=$?
if [ "$status" -eq 0 ]; then
  # One project at a time: the tests time real processes, so they should not compete for the 2 cores.
  for project in tests/*.Tests/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?
  done
fi

# The Node tests drive the built CLI (`devtools serve`); node's TAP summary is added to the totals.
node_passed=0
node_failed=0
if [ "$status" -eq 0 ] || [ -e src/DevTools.Cli/bin/Debug/net10.0/devtools.dll ]; then
  (cd tests/js && DEVTOOLS_CLI="$PWD/../../src/DevTools.Cli/bin/Debug/net10.0/devtools.dll" \
    timeout 600 node --test --test-reporter=tap --test-concurrency=1 ./*.test.mjs) > "$results/node.tap" 2>&1 || status=$?
  grep -E '^(not ok|# (pass|fail))' "$results/node.tap" || true
  grep -E -A14 '^ *not ok' "$results/node.tap" | grep -E -v '^ +(duration_ms|type|\.\.\.|---)' >&2 || true
  node_passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$results/node.tap" | tail -1)
  node_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$results/node.tap" | tail -1)
  if [ -z "$node_passed" ] && [ -z "$node_failed" ]; then
    node_failed=1 # node's runner did not get to its summary
    tail -20 "$results/node.tap" >&2
  fi
fi

# --- PowerShell module (powershell/) -------------------------------------------------------------------
# The Pester suites (powershell/tests/*.Tests.ps1) run once, inside `dotnet test` above: tests/DevTools.PowerShell.Tests
# runs them in the repository's pwsh (a local .NET tool its build restores), one xUnit case per Pester test.
# --- end PowerShell module -----------------------------------------------------------------------------

passed=${node_passed:-0}
failed=${node_failed:-0}
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# ---- VS Code extension (extension/) -------------------------------------------------------------------------------
# The npm workspace (root package-lock.json) is installed, the extension type-checked, bundled and unit-tested, then
# packaged as a .vsix (.artifacts/) and tested end to end in code-server driven by Chromium against the built backend
# (.ci/install-vscode-test-deps.sh installs both once per machine; screenshots in .artifacts/e2e/). Node's TAP counts
# are added to the totals.
extension_counts() { # <tap file>: adds its "# pass" / "# fail" to the totals; a run that never got to them is one failure
  local p f
  grep -E '^(not ok|# (pass|fail))' "$1" || true
  # A failed subtest (indented in TAP) with its error, so the CI log says which step failed and why.
  grep -E -A14 '^ +not ok' "$1" | grep -E -v '^ +(duration_ms|type|\.\.\.|---)' >&2 || true
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$1" | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$1" | tail -1)
  if [ -z "$p" ] && [ -z "$f" ]; then f=1; tail -20 "$1" >&2; fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}
if [ ! -e node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  timeout 600 npm ci --no-audit --no-fund --loglevel=error \
    || echo "warning: the extension's npm packages could not be installed; its tests will fail" >&2
fi
(cd extension && node scripts/build.mjs --tests && timeout 300 node --test --test-reporter=tap out/test/unit/) \
  > "$results/extension-unit.tap" 2>&1 || status=$?
extension_counts "$results/extension-unit.tap"
if [ -e src/DevTools.Cli/bin/Debug/net10.0/devtools.dll ]; then
  vsix=$(cd extension && node scripts/package.mjs 2>"../$results/extension-package.log" | tail -1) || status=$?
  code_server=$(timeout 1500 bash .ci/install-vscode-test-deps.sh 2>"$results/vscode-test-deps.log" | tail -1) || status=$?
  if [ -n "$vsix" ] && [ -d "$code_server" ]; then
    (cd extension && DEVTOOLS_VSIX="$vsix" DEVTOOLS_CODE_SERVER="$code_server" DEVTOOLS_CLI="$PWD/../src/DevTools.Cli/bin/Debug/net10.0/devtools.dll" \
      timeout 900 node --test --test-reporter=tap test/e2e/) > "$results/extension-e2e.tap" 2>&1 || status=$?
    extension_counts "$results/extension-e2e.tap"
  else
    echo "The extension's end-to-end test could not run: see $results/extension-package.log and $results/vscode-test-deps.log" >&2
    cat "$results/extension-package.log" "$results/vscode-test-deps.log" >&2
    failed=$((failed + 1))
    status=1
  fi
fi
# ---- end of the VS Code extension ----------------------------------------------------------------------------------

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -ne 0 ]; then
  failed=1 # the build or the test host failed before any test ran
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
