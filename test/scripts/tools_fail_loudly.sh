#!/usr/bin/env bash
# When the connector cannot load (HDF5_PLUGIN_PATH names a directory without it), h5sparse-dump,
# -ls and -diff must fail: non-zero exit status, a message naming the problem, and none of the
# file's content (the HDF5 tools fall back to the native connector silently when the connector
# comes from HDF5_VOL_CONNECTOR; named on the command line, they must refuse instead).
set -uo pipefail
cd "$H5SPARSE_FIXTURES" || exit 2
empty=$(mktemp -d); trap 'rmdir "$empty"' EXIT
unset HDF5_VOL_CONNECTOR
scripts="$H5SPARSE_SOURCE_DIR/h5tools-scripts"
status=0
expect_failure() {  # label command...
  local label=$1 out rc
  shift
  out=$(HDF5_PLUGIN_PATH=$empty "$@" 2>&1); rc=$?
  if [ $rc -eq 0 ]; then
    echo "FAIL: $label exited 0 without the connector"; status=1
  elif ! grep -q "no h5sparse connector in HDF5_PLUGIN_PATH=$empty" <<<"$out"; then
    echo "FAIL: $label gave no explanation"; status=1
  elif ! grep -q "unable to set VOL" <<<"$out"; then
    echo "FAIL: $label: the HDF5 tool's own refusal is missing"; status=1
  elif grep -q -e 'GROUP "/X"' -e '^/X ' -e 'Group$' -e 'differences found' <<<"$out"; then
    echo "FAIL: $label showed the file natively"; status=1
  else
    echo "ok: $label failed loudly (exit $rc)"
  fi
  printf '%s\n' "$out" | sed 's/^/    /'
}
expect_failure h5sparse-dump "$scripts/h5sparse-dump" seed_h5sparse.h5
expect_failure h5sparse-ls "$scripts/h5sparse-ls" -r seed_h5sparse.h5
expect_failure h5sparse-diff "$scripts/h5sparse-diff" seed_h5sparse.h5 seed_h5sparse_dense.h5
exit $status
