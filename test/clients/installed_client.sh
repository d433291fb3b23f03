#!/usr/bin/env bash
# The connector as `cmake --install --prefix /usr` put it (clients.setup): with no
# HDF5_PLUGIN_PATH, HDF5_VOL_CONNECTOR=h5sparse alone switches it on for Debian's own tools and
# h5py (HDF5's default plugin folder holds it); a C program built with pkg-config and a CMake
# project built with find_package(h5sparse_vol) register it themselves, with no variable at all.
# Each read is checked against the dense twin, read with the connector off.
set -uo pipefail
unset HDF5_PLUGIN_PATH
failures=0
check() { if [ "$1" = ok ]; then echo "ok: $2"; else echo "FAIL: $2"; failures=$((failures + 1)); fi; }
f=$H5SPARSE_FIXTURES/anndata.h5ad
twin=$H5SPARSE_FIXTURES/anndata_dense.h5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

listing=$(env -u HDF5_VOL_CONNECTOR HDF5_VOL_CONNECTOR=h5sparse h5ls -r "$f" 2>&1)
grep -Eq '^/X +Dataset \{60, 40\}$' <<<"$listing" && check ok "h5ls -r with HDF5_VOL_CONNECTOR=h5sparse alone" \
  || { check fail "h5ls -r with HDF5_VOL_CONNECTOR=h5sparse alone"; printf '%s\n' "$listing" | head; }
out=$(HDF5_VOL_CONNECTOR=h5sparse h5diff "$f" "$twin" /X /X 2>&1)
[ $? -eq 0 ] && check ok "h5diff /X against the twin" || { check fail "h5diff /X against the twin"; echo "$out" | head; }
HDF5_VOL_CONNECTOR=h5sparse python3 - "$f" "$twin" <<'PY' && check ok "h5py reads /X" || check fail "h5py reads /X"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as s, h5py.File(sys.argv[2], "r") as d:
    assert isinstance(s["X"], h5py.Dataset), type(s["X"])
    assert np.array_equal(s["X"][10:20, 5:30], d["X"][10:20, 5:30])
PY

# Programs that register the connector themselves: no environment variable at all.
cat >"$tmp/reader.c" <<'C'
#include <h5sparse_vol.h>
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char** argv) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (h5sparse_vol_set_fapl(fapl, "under_vol=0;under_info={}") < 0) return 1;
    hid_t f = H5Fopen(argv[1], H5F_ACC_RDONLY, fapl), d = H5Dopen2(f, "/X", H5P_DEFAULT);
    hid_t g = H5Fopen(argv[2], H5F_ACC_RDONLY, H5P_DEFAULT), t = H5Dopen2(g, "/X", H5P_DEFAULT);
    double a[60 * 40], b[60 * 40];
    if (d < 0 || t < 0 || H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a) < 0 ||
        H5Dread(t, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, b) < 0) return 1;
    for (int i = 0; i < 60 * 40; ++i) if (a[i] != b[i]) { printf("element %d differs\n", i); return 1; }
    return 0;
}
C
if gcc -o "$tmp/reader-pc" "$tmp/reader.c" $(pkg-config --cflags --libs h5sparse-vol hdf5-serial) 2>"$tmp/cc.log" &&
   env -u HDF5_VOL_CONNECTOR "$tmp/reader-pc" "$f" "$twin"; then check ok "a C program built with pkg-config h5sparse-vol"
else check fail "a C program built with pkg-config h5sparse-vol"; cat "$tmp/cc.log"; fi
mkdir -p "$tmp/project"
cp "$tmp/reader.c" "$tmp/project/"
cat >"$tmp/project/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(reader C)
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(h5sparse_vol REQUIRED)
add_executable(reader reader.c)
target_link_libraries(reader PRIVATE h5sparse::h5sparse_vol ${HDF5_C_LIBRARIES})
target_include_directories(reader PRIVATE ${HDF5_C_INCLUDE_DIRS})
CM
if cmake -S "$tmp/project" -B "$tmp/project/build" >"$tmp/cmake.log" 2>&1 &&
   cmake --build "$tmp/project/build" >>"$tmp/cmake.log" 2>&1 &&
   env -u HDF5_VOL_CONNECTOR "$tmp/project/build/reader" "$f" "$twin"; then check ok "a CMake project with find_package(h5sparse_vol)"
else check fail "a CMake project with find_package(h5sparse_vol)"; tail -20 "$tmp/cmake.log"; fi
[ "$failures" -eq 0 ]
