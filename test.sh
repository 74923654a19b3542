#!/usr/bin/env bash
# Runs the tests, first installing what they need on a fresh machine: tmux,
# in which the end-to-end tests run the real reader.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v tmux >/dev/null 2>&1; then
  echo "test.sh: installing tmux for the end-to-end tests" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq tmux >/dev/null
fi

exec cargo test "$@"
