#!/usr/bin/env bash
# Builds the pack (unless LOGPULL_BUILT=1, set by test/run-all.sh after its own build), packs it
# into .tmp as a user's tarball and sets PACK to the tarball's path. Sourced by the stages that install
# it into a real n8n.
if [ "${LOGPULL_BUILT:-}" != "1" ]; then
	npm run --silent build > /dev/null
	rm -rf .tmp/build && npx tsc -p tsconfig.test.json
fi
mkdir -p .tmp
rm -f .tmp/n8n-nodes-logpull-*.tgz
npm pack --pack-destination .tmp --loglevel=error > /dev/null
PACK="$(ls "$PWD"/.tmp/n8n-nodes-logpull-*.tgz)"
