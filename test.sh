#!/usr/bin/env bash
# Runs the tests (`cargo test`, with any arguments given here).
#
# The end-to-end tests run the real reader inside tmux (and `brief show`'s
# pager, less), and one history test measures brief's peak memory with
# /usr/bin/time (Debian's `time`). If any is missing:
# - as root on a Debian/Ubuntu machine, this installs it with apt-get and says
#   so;
# - as anyone else it installs nothing (it never calls sudo): it says what to
#   install and stops.
#
# The STIX interchange tests (tests/interchange/main.rs) also run the OASIS Python
# tools (stix2, stix2-validator, stix2-generator) at the versions pinned in
# tests/stix/requirements.txt, from a venv this makes at target/stix-venv, and
# find its python in BRIEF_STIX_PYTHON:
# - pip runs only when requirements.txt differs from the copy left in the venv
#   by the last install that worked, so later runs are quick and need no network;
# - if python3 or its venv module is missing: as root with apt-get, this
#   installs python3-venv and says so; otherwise it says in one line why the
#   STIX validator tests will be skipped, leaves BRIEF_STIX_PYTHON unset, and
#   runs the tests;
# - if pip fails (no network, a bad pin), this stops with pip's reason and runs
#   no tests: Python is there, so CI must run the STIX tests, not skip them.
set -euo pipefail
cd "$(dirname "$0")"

apt_updated=""

missing=""
for tool in tmux less; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing$missing (apt-get install$missing) for the end-to-end tests" >&2
    apt-get update -qq
    apt_updated=1
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    cat >&2 <<EOF
test.sh: the tests need$missing, not installed here. Install, then run ./test.sh again:
    sudo apt-get install$missing      # Debian, Ubuntu
    sudo dnf install$missing          # Fedora
    brew install$missing              # macOS
Without them, \`cargo test --lib --test library --test cli --test search --test state --test reader\` runs the rest.
EOF
    exit 1
  fi
fi

# Whether $1 can make a venv with pip in it (Debian's python3 cannot without
# python3-venv, which brings ensurepip).
makes_venvs() {
  "$1" -c 'import ensurepip, venv' >/dev/null 2>&1
}

stix_venv=target/stix-venv
stix_requirements=tests/stix/requirements.txt
stix_skip=""
apt_note=""
python=python3
if ! makes_venvs "$python"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing python3-venv (apt-get install python3-venv) for the STIX validator tests" >&2
    if ! { { [ -n "$apt_updated" ] || apt-get update -qq; } &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }; then
      apt_note=", and apt-get install python3-venv failed"
    fi
    # A python3 earlier in PATH (pyenv, say) is not the one apt-get mended.
    makes_venvs "$python" || python=/usr/bin/python3
  fi
  if ! makes_venvs "$python"; then
    if ! command -v python3 >/dev/null 2>&1; then
      stix_skip="python3 is not installed$apt_note"
    else
      stix_skip="python3 cannot make a venv (python3-venv is not installed)$apt_note"
    fi
  fi
fi
if [ -z "$stix_skip" ] && ! { [ -x "$stix_venv/bin/python" ] && "$stix_venv/bin/python" -c '' 2>/dev/null; }; then
  rm -rf "$stix_venv"
  if ! "$python" -m venv "$stix_venv" >/dev/null; then
    rm -rf "$stix_venv"
    stix_skip="$python -m venv $stix_venv failed"
  fi
fi
if [ -n "$stix_skip" ]; then
  echo "test.sh: skipping the STIX validator tests: $stix_skip" >&2
else
  if ! cmp -s "$stix_requirements" "$stix_venv/requirements.txt"; then
    echo "test.sh: installing the STIX tools ($stix_requirements) into $stix_venv" >&2
    rm -f "$stix_venv/requirements.txt"
    if ! "$stix_venv/bin/python" -m pip install -q --disable-pip-version-check -r "$stix_requirements"; then
      echo "test.sh: pip could not install $stix_requirements into $stix_venv (its reason above); the STIX tests need it" >&2
      exit 1
    fi
    cp "$stix_requirements" "$stix_venv/requirements.txt"
  fi
  export BRIEF_STIX_PYTHON="$PWD/$stix_venv/bin/python"
fi

exec cargo test "$@"
