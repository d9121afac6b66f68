#!/usr/bin/env bash
# Installs what the extension's end-to-end test needs, once per machine, and prints the code-server directory:
#   - Debian's chromium (driven by playwright-core; Playwright's own browser download cannot be reached here),
#   - code-server from npm (the newest release whose install accepts Node 20), built against the local Node headers,
#     its ripgrep download satisfied from a cache made of Debian's rg.
# Cached in ${XDG_CACHE_HOME:-$HOME/.cache}/lambda-devtools (override: DEVTOOLS_VSCODE_TEST_CACHE); a finished install
# leaves a marker, so later runs return at once. Every step is bounded in time.
set -euo pipefail

code_server_version=4.100.3
ripgrep_cache_name=vscode-ripgrep-cache-1.15.11
ripgrep_archive=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
cache=${DEVTOOLS_VSCODE_TEST_CACHE:-${XDG_CACHE_HOME:-$home/.cache}/lambda-devtools}
target="$cache/code-server-$code_server_version"
log="$cache/install.log"
mkdir -p "$cache"

as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)

apt_packages=()
command -v chromium >/dev/null || apt_packages+=(chromium)
command -v rg >/dev/null || apt_packages+=(ripgrep)
command -v make >/dev/null && command -v g++ >/dev/null || apt_packages+=(build-essential)
dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_packages+=(libkrb5-dev)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "installing ${apt_packages[*]} from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 "${as_root[@]}" apt-get update -qq >>"$log" 2>&1 || true
  timeout 600 "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >>"$log" 2>&1 \
    || { echo "apt-get install ${apt_packages[*]} failed; see $log" >&2; exit 1; }
fi

if [ ! -e "$target/.installed" ]; then
  echo "installing code-server $code_server_version into $target" >&2
  rm -rf "$target"
  mkdir -p "$target"
  # @vscode/ripgrep downloads rg from a host this machine cannot reach unless its cache already holds the archive.
  tmp=${TMPDIR:-/tmp}
  rg_cache="$tmp/$ripgrep_cache_name"
  if [ ! -s "$rg_cache/$ripgrep_archive" ]; then
    mkdir -p "$rg_cache"
    staging=$(mktemp -d)
    cp "$(command -v rg)" "$staging/rg"
    tar -czf "$rg_cache/$ripgrep_archive" -C "$staging" rg
    rm -rf "$staging"
  fi
  node_prefix=$(dirname "$(dirname "$(command -v node)")")
  (
    cd "$target"
    echo '{"name":"vscode-test-host","private":true}' >package.json
    export npm_config_nodedir="$node_prefix" npm_config_yes=true npm_config_unsafe_perm=true
    timeout 900 npm install --no-audit --no-fund --loglevel=error "code-server@$code_server_version" >>"$log" 2>&1
  ) || { echo "npm install code-server@$code_server_version failed; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  touch "$target/.installed"
fi

echo "$target"
