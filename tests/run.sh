#!/usr/bin/env bash
# Runs gobind's whole test suite: makes .venv (once), installs gobind from this checkout
# with its test tools, then runs pytest.  Extra arguments go to pytest; when one of them
# names a test file or folder, only those run (bash tests/run.sh tests/test_hello.py).
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
# The unit layer (tests/unit) needs neither Go nor a C compiler; every other test does.
unit_only=
for arg in "$@"; do
    case $arg in -*) ;; tests/unit|tests/unit/*) unit_only=${unit_only:-yes} ;; *) [ -e "${arg%%::*}" ] && unit_only=no ;; esac
done
if [ "$unit_only" != yes ]; then
    command -v go >/dev/null || { echo "tests/run.sh: Go is not on PATH; install Go 1.21 or newer" >&2; exit 1; }
    command -v cc >/dev/null || { echo "tests/run.sh: no C compiler (cc) on PATH" >&2; exit 1; }
fi

if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q --upgrade ".[test]"
# Always reinstall from this checkout (same version number, new contents).
.venv/bin/python -m pip install -q --force-reinstall --no-deps .

export PATH="$PWD/.venv/bin:$PATH"
for arg in "$@"; do
    case $arg in -*) ;; *) [ -e "${arg%%::*}" ] && exec .venv/bin/python -m pytest "$@" ;; esac
done
exec .venv/bin/python -m pytest tests "$@"
