#!/usr/bin/env bash
# Runs one of the user scripts (h5tools-scripts/<script>) and compares what it prints (stdout
# and stderr, then its exit status) with the committed expected output.
#   run_script_case.sh <case-name> <script> [args...]
# Like ../tools/run_tool_case.sh, but the command is our script rather than an HDF5 tool, and
# the environment that ctest prepares for the connector is removed first: the scripts must find
# the connector and the tools by themselves (H5SPARSE_BUILD_DIR, set by CMakeLists.txt, names
# the build under test) and name the connector on the command line.
# Runs in the fixtures directory (or $H5SPARSE_CASE_DIR) so file names in the output are stable.
# H5SPARSE_UPDATE_EXPECTED=1 rewrites the expected file instead of comparing.
set -uo pipefail
name=$1 script=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
expected="$here/expected/$name.txt"
cd "${H5SPARSE_CASE_DIR:-$H5SPARSE_FIXTURES}" || exit 2
unset HDF5_VOL_CONNECTOR HDF5_PLUGIN_PATH
actual=$("$H5SPARSE_SOURCE_DIR/h5tools-scripts/$script" "$@" 2>&1; echo "exit status: $?")
if [ "${H5SPARSE_UPDATE_EXPECTED:-0}" = 1 ]; then
  printf '%s\n' "$actual" >"$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
  echo "FAIL: $script $* differs from $expected" >&2
  exit 1
fi
