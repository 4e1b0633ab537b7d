#!/usr/bin/env bash
# Runs the example workflows inside a real n8n 1.123.x with the packed pack installed as a user
# would. The n8n install (~5 min, 1.8 GB) is cached under $LOGPULL_CACHE and reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
N8N_VERSION="${N8N_VERSION:-1.123.81}"
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}"
N8N_HOME="$CACHE/n8n-$N8N_VERSION"

if [ ! -f "$N8N_HOME/.ready" ]; then
	echo "Installing n8n $N8N_VERSION into $N8N_HOME (first run only, ~5 minutes)..."
	rm -rf "$N8N_HOME" && mkdir -p "$N8N_HOME"
	# xlsx: n8n-nodes-base pins a tarball on a CDN this network cannot reach; 0.18.5 is on npm.
	echo '{ "name": "n8n-e2e-runtime", "private": true, "overrides": { "xlsx": "0.18.5" } }' > "$N8N_HOME/package.json"
	# --ignore-scripts: isolated-vm cannot build on Node 20 (n8n then needs N8N_EXPRESSION_ENGINE=legacy).
	(cd "$N8N_HOME" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
	(cd "$N8N_HOME" && npm rebuild sqlite3 --loglevel=error)
	touch "$N8N_HOME/.ready"
fi

[ -f dist/nodes/YeastarPSeries/YeastarPSeries.node.js ] || npm run build
mkdir -p .tmp
rm -f .tmp/n8n-nodes-logpull-*.tgz
npm pack --pack-destination .tmp --loglevel=error > /dev/null
[ -f .tmp/build/test/real-n8n/runInN8n.js ] || npx tsc -p tsconfig.test.json
node .tmp/build/test/real-n8n/runInN8n.js "$N8N_HOME/node_modules/.bin/n8n" "$(ls "$PWD"/.tmp/n8n-nodes-logpull-*.tgz)"
