#!/usr/bin/env bash
# Each filter plugin loads with nothing preloaded: every symbol it needs resolves from the
# libraries it names (its codec and libhdf5), checked by the dynamic linker itself.
#   plugins_load_alone.sh <plugin folder>
source "$(dirname "$0")/common.sh"
lib=$(cd "$H5SPARSE_HDF5_BIN/../lib" && pwd)
count=0
for plugin in "$1"/libH5Z*.so; do
  count=$((count + 1))
  out=$(LD_LIBRARY_PATH=$lib ldd -r "$plugin" 2>&1)
  if grep -q "undefined symbol\|not found" <<<"$out"; then
    echo "FAIL: $(basename "$plugin"):"
    printf '%s\n' "$out"
    failures=$((failures + 1))
  else
    echo "ok: $(basename "$plugin") resolves every symbol"
  fi
done
[ "$count" -ge 6 ] || { echo "FAIL: only $count plugins in $1"; failures=$((failures + 1)); }
finish
