#!/usr/bin/env bash
# Every user script answers --help with exit status 0: the wrappers explain themselves and then
# show the HDF5 tool's own help; h5sparse-check lists every rule it checks.
set -uo pipefail
scripts="$H5SPARSE_SOURCE_DIR/h5tools-scripts"
unset HDF5_VOL_CONNECTOR HDF5_PLUGIN_PATH
status=0
expect() {  # label pattern output
  if grep -q -e "$2" <<<"$3"; then echo "ok: $1 mentions '$2'"; else echo "FAIL: $1 lacks '$2'"; status=1; fi
}
for pair in dump:h5dump ls:h5ls diff:h5diff; do
  script=h5sparse-${pair%%:*} tool=${pair#*:}
  for flag in --help -h; do
    out=$("$scripts/$script" "$flag" 2>&1); rc=$?
    [ $rc -eq 0 ] || { echo "FAIL: $script $flag exited $rc"; status=1; }
    expect "$script $flag" "usage: $script" "$out"
    expect "$script $flag" "fails loudly when the connector cannot load" "$out"
    expect "$script $flag" "--vol-name.*=h5sparse" "$out"
    expect "$script $flag" "^usage: $tool " "$out"  # the tool's own help follows
  done
done
out=$("$scripts/h5sparse-check" --help 2>&1); rc=$?
[ $rc -eq 0 ] || { echo "FAIL: h5sparse-check --help exited $rc"; status=1; }
for rule in shape-size shape-negative shape-overflow component-missing component-rank index-type \
            indptr-length indptr-first indptr-monotone indptr-last data-indices-length index-range; do
  expect "h5sparse-check --help" "^  $rule " "$out"
done
expect "h5sparse-check --help" "--json" "$out"
out=$("$scripts/h5sparse-check" 2>&1); rc=$?
[ $rc -eq 2 ] || { echo "FAIL: h5sparse-check without files exited $rc, expected 2"; status=1; }
expect "h5sparse-check (no files)" "usage: h5sparse-check" "$out"
exit $status
