# Sourced by the filter tests: the HDF5 tools of the build and two ways to run them.
set -uo pipefail
export PATH="$H5SPARSE_HDF5_BIN:$PATH"
unset HDF5_VOL_CONNECTOR
vol=(--vol-name=h5sparse "--vol-info=under_vol=0;under_info={}")
vol_diff=(--vol-name-1=h5sparse "--vol-info-1=under_vol=0;under_info={}" --vol-name-2=h5sparse "--vol-info-2=under_vol=0;under_info={}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
expect_ok() {  # what command...
  local what=$1
  shift
  local out
  if out=$("$@" 2>&1); then
    echo "ok: $what"
  else
    echo "FAIL: $what"
    printf '%s\n' "$out" | head -20
    failures=$((failures + 1))
  fi
}
finish() { [ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }; }
