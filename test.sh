#!/usr/bin/env bash
# Runs the tests (`cargo test`, with any arguments given here).
#
# The end-to-end tests run the real reader inside tmux. If tmux is missing:
# - as root on a Debian/Ubuntu machine, this installs it with apt-get, the only
#   thing it ever installs, and says so;
# - as anyone else it installs nothing (it never calls sudo): it says what to
#   install and stops.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing tmux (apt-get install tmux) for the end-to-end tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null
  else
    cat >&2 <<'EOF'
test.sh: the end-to-end tests need tmux, which is not installed. Install it, then run ./test.sh again:
    sudo apt-get install tmux      # Debian, Ubuntu
    sudo dnf install tmux          # Fedora
    brew install tmux              # macOS
Without it, `cargo test --lib --test library --test cli --test search --test state --test reader` runs the rest.
EOF
    exit 1
  fi
fi

exec cargo test "$@"
