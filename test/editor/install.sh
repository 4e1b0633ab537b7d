#!/usr/bin/env bash
# Debian's Chromium for the editor test (never a browser build downloaded by a tool): installed
# with apt when /usr/bin/chromium is missing. Needs root, as on the project's machines and CI.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0
# `npm test` starts this in the background and the editor stage calls it again: one apt at a time.
exec 9> "${TMPDIR:-/tmp}/logpull-chromium-install.lock"
flock 9
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" != "0" ]; then
	echo "test/editor/install.sh: $CHROMIUM is missing and this is not root; install Debian's chromium package" >&2
	exit 1
fi
echo "Installing Debian's chromium (first run only)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation > /dev/null
[ -x "$CHROMIUM" ] || { echo "apt-get installed no $CHROMIUM" >&2; exit 1; }
"$CHROMIUM" --version
