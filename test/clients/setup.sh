#!/usr/bin/env bash
# ctest fixture of the clients suite: the Debian root filesystem of H5SPARSE_CLIENTS_SUITE
# (h5tools-scripts/debian-rootfs, built once and cached), this checkout copied into it, and the
# connector built there by the project's own CMake against Debian's system HDF5 (1.14 in trixie,
# 2.x in forky) -- which is also the test that the build picks a system HDF5 when one exists --
# then installed with `cmake --install --prefix /usr`, as a user would.
set -euo pipefail
source "$(dirname "$0")/common.sh"
skip_unless_runnable
if ! rootfs --check; then
  archive_reachable || skip "no cached root filesystem in $(rootfs --dir) and the Debian archive" \
    "($("$source_dir/h5tools-scripts/debian-mirror" 2>/dev/null || echo 'no mirror in /etc/apt')) is not reachable"
fi
start=$SECONDS
root=$(rootfs)
echo "root filesystem: $root ($((SECONDS - start)) s)"
exec 8>"$root.setup.lock"  # two test runs at once take turns
flock 8

rootfs --copy-in "$source_dir" "$in_src"
mkdir -p "$root$in_build"

configure_args=(-DH5SPARSE_CLIENT_TESTS=OFF)  # inside, no root filesystem in the root filesystem
# CMake's own switch for a parallel HDF5 (Debian's libhdf5-openmpi-dev here).
[ "$suite" = trixie-mpi ] && configure_args+=(-DHDF5_PREFER_PARALLEL=ON)
if [ "$suite" != trixie ]; then
  # The whole suite runs here (suite.sh), filter tests included: the filter plugins are built
  # against this root's HDF5 from the sources bootstrap-filters fetched for this machine's build.
  filter_sources=${H5SPARSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/h5sparse-vol}/src/filters
  [ -d "$filter_sources" ] || { echo "FAIL: no filter sources in $filter_sources (h5tools-scripts/bootstrap-filters)"; exit 1; }
  rootfs --copy-in "$filter_sources" /src/filters
  log="$root/build/filters.log"
  if ! { rootfs --run cmake -S "$in_src/h5tools-scripts/filters" -B /build/filters/build -DCMAKE_BUILD_TYPE=Release \
           -DH5SPARSE_FILTER_SOURCES=/src/filters -DCMAKE_INSTALL_PREFIX=/build/filters "${configure_args[@]:1}" &&
         rootfs --run cmake --build /build/filters/build -j "${H5SPARSE_JOBS:-2}" &&
         rootfs --run cmake --install /build/filters/build; } >"$log" 2>&1; then
    tail -30 "$log"; echo "FAIL: building the filter plugins in the $suite root filesystem"; exit 1
  fi
  echo "ok: filter plugins built in $root/build/filters/plugin"
  configure_args+=(-DH5SPARSE_FILTER_PLUGIN_DIR=/build/filters/plugin)
fi

log="$root$in_build.configure.log"
if ! rootfs --run cmake -S "$in_src" -B "$in_build" "${configure_args[@]}" >"$log" 2>&1; then
  cat "$log"; echo "FAIL: configuring the connector in the $suite root filesystem"; exit 1
fi
grep -E '^-- (HDF5|h5sparse)' "$log" || true
# The library CMake chose must be Debian's system HDF5 of this release, not a bootstrapped one.
library=$(sed -n 's/^-- HDF5 library: \([^;]*\);.*/\1/p' "$log")
case "$library" in
  /usr/lib/*/libhdf5*.so|/usr/lib/*/libhdf5*.so.*) echo "ok: built against the system HDF5 $library" ;;
  *) echo "FAIL: CMake chose '$library', not Debian's system HDF5 under /usr/lib"; exit 1 ;;
esac
grep -q "^-- HDF5 $hdf5_series" "$log" || { echo "FAIL: CMake did not report an HDF5 matching $hdf5_series"; exit 1; }
if [ "$suite" = trixie-mpi ]; then
  grep -q '^-- h5sparse: parallel HDF5' "$log" && echo "ok: a parallel HDF5" || { echo "FAIL: CMake did not find a parallel HDF5"; exit 1; }
fi
rootfs --run cmake --build "$in_build" --target h5sparse_vol h5sparse_check -j "${H5SPARSE_JOBS:-2}"
rootfs --run test -f "$in_plugin_dir/libh5sparse_vol.so"
echo "ok: connector built in $root$in_build ($((SECONDS - start)) s in all)"
# Installed as a user would (the installed client uses it with nothing but HDF5_VOL_CONNECTOR set).
log="$root$in_build.install.log"
if ! rootfs --run cmake --install "$in_build" --prefix /usr >"$log" 2>&1; then
  cat "$log"; echo "FAIL: cmake --install in the $suite root filesystem"; exit 1
fi
grep -E 'Linked:' "$log" | sed 's/^-- /ok: /' || true
