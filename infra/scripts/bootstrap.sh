#!/bin/sh
# Installs what the README's two commands need on a fresh machine (Node 20 + npm, nothing global):
# the pinned pnpm, then the workspace's dependencies. Safe to run again; it does nothing when all is there.
set -eu
cd "$(dirname "$0")/../.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
have=$(pnpm --version 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "installing pnpm $want (npm i -g) ..."
  npm install --global --no-fund --no-audit --loglevel=error "pnpm@$want"
fi
pnpm install --frozen-lockfile --reporter=silent
