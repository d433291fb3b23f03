#!/usr/bin/env bash
# The whole test suite (every test but the clients suite itself and the benchmark smoke test,
# whose generator needs anndata, which the release does not package) built and run inside the
# root filesystem of H5SPARSE_CLIENTS_SUITE, against its system HDF5: with forky, the suite on
# HDF5 2.x. setup.sh configured the build there and built the connector; this builds the rest.
set -euo pipefail
source "$(dirname "$0")/common.sh"
skip_unless_runnable
rootfs --check || skip "no $suite root filesystem (the clients setup test builds it)"
root=$(rootfs --dir)
[ -f "$root$in_build/CMakeCache.txt" ] || skip "the build in $root$in_build is not configured (see the clients setup test)"
log="$root$in_build.suite-build.log"
if ! rootfs --run cmake --build "$in_build" -j "${H5SPARSE_JOBS:-2}" >"$log" 2>&1; then
  grep -E 'error|Error' "$log" | head -40; echo "FAIL: building the test suite in the $suite root filesystem"; exit 1
fi
echo "ok: test suite built in $root$in_build"
exec "$source_dir/h5tools-scripts/debian-rootfs" "$suite" --run \
  /bin/sh -c 'cd "$1" && exec ctest --output-on-failure -j "$2" -LE "clients|packages|bench-smoke"' sh "$in_build" "${H5SPARSE_JOBS:-2}"
