#!/usr/bin/env bash
# Installs code-server (the VS Code server and web client) from npm into .vscode-test/code-server, using only the
# npm registry and Debian's packages. CODE_SERVER_VERSION defaults to 4.100.3 (VS Code 1.100.3, runs on node 20).
set -euo pipefail
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.vscode-test/code-server"
pkg="$dest/node_modules/code-server/package.json"
if [ -f "$pkg" ] && grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$pkg"; then
  exit 0
fi

# Native modules (node-pty, spdlog, kerberos, argon2) are compiled by node-gyp and need make, g++, python3 and the
# krb5 headers. Debian's rg stands in for the ripgrep binary that @vscode/ripgrep would download from GitHub.
need=()
command -v rg >/dev/null || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
{ command -v make >/dev/null && command -v g++ >/dev/null; } || need+=(build-essential)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "installing code-server $CODE_SERVER_VERSION into .vscode-test/code-server"
rm -rf "$dest"; mkdir -p "$dest/tmp"
cd "$dest"
echo '{ "name": "code-server-host", "private": true }' > package.json

# @vscode/ripgrep looks in $TMPDIR/vscode-ripgrep-cache-<version>/ before downloading; seed it with Debian's rg.
rg_cache="$dest/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
tar -czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg

# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` npmrc would cancel.
# --unsafe-perm: code-server's postinstall refuses to run as root without it.
if ! TMPDIR="$dest/tmp" npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm \
     "code-server@$CODE_SERVER_VERSION" > "$dest/install.log" 2>&1; then
  tail -60 "$dest/install.log"; exit 1
fi
rm -rf "$dest/tmp"
echo "code-server $CODE_SERVER_VERSION installed ($(du -sh "$dest" | cut -f1))"
