#!/bin/sh
# Installs what the README's two commands need on a fresh machine (Node 20 + npm, nothing global):
# the pinned pnpm, then the workspace's dependencies; then runs `pnpm <args>` with that pnpm
# (`sh infra/scripts/bootstrap.sh run stack`). Safe to run again; it does nothing when all is there.
#
# The pinned pnpm goes into node_modules/.bootstrap (`npm install --prefix`), never into npm's global
# prefix: a user who cannot `npm install --global` gets it all the same. A pnpm of the pinned version
# already on the PATH is used as it is.
set -eu
cd "$(dirname "$0")/../.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
local_dir=node_modules/.bootstrap
local_bin="$local_dir/node_modules/.bin"
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  if [ "$("$local_bin/pnpm" --version 2>/dev/null || true)" != "$want" ]; then
    echo "installing pnpm $want into $local_dir (npm install --prefix) ..."
    mkdir -p "$local_dir"
    npm install --prefix "$local_dir" --no-save --no-package-lock --no-fund --no-audit --loglevel=error "pnpm@$want"
  fi
  # Every script below (and the scripts they run) finds this pnpm first.
  PATH="$(pwd)/$local_bin:$PATH"
  export PATH
fi
pnpm install --frozen-lockfile --reporter=silent
if [ "$#" -gt 0 ]; then exec pnpm "$@"; fi
