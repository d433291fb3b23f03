#!/usr/bin/env bash
# The HDF5 tools are unaffected on files without sparse groups: the same command gives the same
# output (and exit status) natively and through the connector (named explicitly, so a broken
# connector cannot hide behind the tools' silent native fallback).
#   same_output.sh <tool> [args...]
set -uo pipefail
tool=$1
shift
cd "$H5SPARSE_FIXTURES"
export PATH="$H5SPARSE_HDF5_BIN:$PATH"
unset HDF5_VOL_CONNECTOR
native=$("$tool" "$@" 2>&1; echo "exit status: $?")
case "$tool" in
  h5diff) vol=(--vol-name-1=h5sparse "--vol-info-1=under_vol=0;under_info={}" --vol-name-2=h5sparse "--vol-info-2=under_vol=0;under_info={}") ;;
  h5stat) vol=() ; export HDF5_VOL_CONNECTOR="h5sparse under_vol=0;under_info={}" ;;  # h5stat has no VOL options
  *) vol=(--vol-name=h5sparse "--vol-info=under_vol=0;under_info={}") ;;
esac
through=$("$tool" "${vol[@]}" "$@" 2>&1; echo "exit status: $?")
if [ "$native" != "$through" ]; then
  diff -u <(printf '%s\n' "$native") <(printf '%s\n' "$through")
  echo "FAIL: $tool $* differs through the connector" >&2
  exit 1
fi
[ -n "$native" ] || { echo "FAIL: no output" >&2; exit 1; }
