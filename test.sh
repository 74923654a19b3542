#!/usr/bin/env bash
# Runs the tests (`cargo test`, with any arguments given here).
#
# The end-to-end tests run the real reader inside tmux (and `brief show`'s
# pager, less). If either is missing:
# - as root on a Debian/Ubuntu machine, this installs it with apt-get, the only
#   things it ever installs, and says so;
# - as anyone else it installs nothing (it never calls sudo): it says what to
#   install and stops.
set -euo pipefail
cd "$(dirname "$0")"

missing=""
for tool in tmux less; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing$missing (apt-get install$missing) for the end-to-end tests" >&2
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    cat >&2 <<EOF
test.sh: the end-to-end tests need$missing, not installed here. Install, then run ./test.sh again:
    sudo apt-get install$missing      # Debian, Ubuntu
    sudo dnf install$missing          # Fedora
    brew install$missing              # macOS
Without them, \`cargo test --lib --test library --test cli --test search --test state --test reader\` runs the rest.
EOF
    exit 1
  fi
fi

exec cargo test "$@"
