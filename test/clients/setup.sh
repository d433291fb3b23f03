#!/usr/bin/env bash
# ctest fixture of the clients suite: the Debian 13 root filesystem (h5tools-scripts/trixie-rootfs,
# built once and cached), this checkout copied into it, and the connector built there by the
# project's own CMake against Debian's system HDF5 1.14 (libhdf5-dev) -- which is also the test
# that the build picks a system HDF5 >= 1.14 when one exists.
set -euo pipefail
source "$(dirname "$0")/common.sh"
skip_unless_runnable
if ! "$rootfs_script" --check; then
  archive_reachable || skip "no cached root filesystem in $("$rootfs_script" --dir) and the Debian archive" \
    "($("$source_dir/h5tools-scripts/debian-mirror" 2>/dev/null || echo 'no mirror in /etc/apt')) is not reachable"
fi
start=$SECONDS
root=$("$rootfs_script")
echo "root filesystem: $root ($((SECONDS - start)) s)"
exec 8>"$root.setup.lock"  # two test runs at once take turns
flock 8

# A copy, not a bind mount: nothing stays mounted. Modification times are kept, so an unchanged
# source rebuilds nothing; the copy is made afresh so files deleted here disappear there too.
rm -rf --one-file-system "$root$in_src.new"
mkdir -p "$root$in_src.new" "$root$in_build"
tar -C "$source_dir" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$root$in_src.new" -xf -
rm -rf --one-file-system "$root$in_src"
mv "$root$in_src.new" "$root$in_src"

# Inside, the clients suite is off (it would try to build a root filesystem in the root filesystem).
log="$root$in_build.configure.log"
if ! "$rootfs_script" --run cmake -S "$in_src" -B "$in_build" -DH5SPARSE_CLIENT_TESTS=OFF >"$log" 2>&1; then
  cat "$log"; echo "FAIL: configuring the connector in the Debian 13 root filesystem"; exit 1
fi
grep -E '^-- (HDF5|h5sparse)' "$log" || true
# The library CMake chose must be Debian's system HDF5 1.14, not a bootstrapped one.
library=$(sed -n 's/^-- HDF5 library: \([^;]*\);.*/\1/p' "$log")
case "$library" in
  /usr/lib/*/libhdf5*.so) echo "ok: built against the system HDF5 $library" ;;
  *) echo "FAIL: CMake chose '$library', not Debian's system HDF5 under /usr/lib"; exit 1 ;;
esac
grep -q 'HDF5 1\.14\.' "$log" || { echo "FAIL: CMake did not report an HDF5 1.14"; exit 1; }
"$rootfs_script" --run cmake --build "$in_build" --target h5sparse_vol -j "${H5SPARSE_JOBS:-2}"
"$rootfs_script" --run test -f "$in_plugin_dir/libh5sparse_vol.so"
echo "ok: connector built in $root$in_build ($((SECONDS - start)) s in all)"
# Installed as a user would (clients.installed uses it with nothing but HDF5_VOL_CONNECTOR set).
log="$root$in_build.install.log"
if ! "$rootfs_script" --run cmake --install "$in_build" --prefix /usr >"$log" 2>&1; then
  cat "$log"; echo "FAIL: cmake --install in the Debian 13 root filesystem"; exit 1
fi
grep -E 'Linked:' "$log" | sed 's/^-- /ok: /' || true
