#!/usr/bin/env bash
# The hello demo: installs gobind into .venv, builds test_projects/hello with
# meson and ninja, and calls the Go function from Python.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q --force-reinstall .
export PATH="$PWD/.venv/bin:$PATH"

rm -rf build/hello
meson setup build/hello test_projects/hello
ninja -C build/hello
cd build/hello
python -c 'import hello; print(hello.__doc__); print(hello.Hello("advent-2015")); help(hello.Hello)' | cat
