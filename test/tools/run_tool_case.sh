#!/usr/bin/env bash
# Runs one HDF5 tool case and compares its output with the committed expected output.
#   run_tool_case.sh <case-name> <mode> <tool> [args...]
# mode: "vol"   -> the connector named on the command line (--vol-name/--vol-info; the tools
#                  then fail loudly instead of silently falling back to the native connector),
#       "env"   -> the connector from HDF5_VOL_CONNECTOR (as set by ctest),
#       "native"-> no connector.
# Runs in the fixtures directory so file names in the output are stable.
# H5SPARSE_UPDATE_EXPECTED=1 rewrites the expected file instead of comparing.
set -uo pipefail
name=$1 mode=$2 tool=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
expected="$here/expected/$name.txt"
cd "$H5SPARSE_FIXTURES"
export PATH="$H5SPARSE_HDF5_BIN:$PATH"
vol_args=()
case "$mode" in
  vol)
    unset HDF5_VOL_CONNECTOR
    case "$tool" in
      h5diff) vol_args=(--vol-name-1=h5sparse "--vol-info-1=under_vol=0;under_info={}") ;;
      *) vol_args=(--vol-name=h5sparse "--vol-info=under_vol=0;under_info={}") ;;
    esac ;;
  env) : ;;
  native) unset HDF5_VOL_CONNECTOR ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
# Paths of the HDF5 source the tools were built from vary between machines: keep them out.
actual=$("$tool" "${vol_args[@]}" "$@" 2>&1 | sed -E 's#\(file [^ ]*/(tools|src)/#(file <hdf5>/\1/#'; echo "exit status: ${PIPESTATUS[0]}")
if [ "${H5SPARSE_UPDATE_EXPECTED:-0}" = 1 ]; then
  printf '%s\n' "$actual" >"$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
  echo "FAIL: $tool $* ($mode) differs from $expected" >&2
  exit 1
fi
