#!/usr/bin/env bash
# Writes plugin/listing_functions.txt: the plugin's functions that listing files runs, one
# (mangled) name per line, for the linker to place side by side (plugin/CMakeLists.txt).
#
# Why: a listing (h5ls -r, h5dump -H, a Python program walking a file) runs about 130 KB of the
# plugin's 700 KB of code, scattered over nine of its eleven 64 KiB windows; the kernel maps code
# a window per page fault, and on the virtual machines we measure on a fault costs tens of
# microseconds: a tenth of a millisecond of a 12 ms h5ls -r. Placed together they fill three.
#
# The listings profiled (callgrind, instruction level; needs Debian's valgrind): h5ls -r and
# h5dump -H through the connector of the benchmark's small h5ad and of one fixture of every
# convention. Run it again when detection or the callbacks change much; names it lists that no
# longer exist are ignored by the linker, and functions it misses keep the linker's order.
#   test/bench/order_functions.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-${H5SPARSE_BUILD_DIR:-$top/build}}
plugin_dir="$build/plugin"
[ -f "$plugin_dir/libh5sparse_vol.so" ] || { echo "order_functions: no $plugin_dir/libh5sparse_vol.so" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "order_functions: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
libdir=$(sed -n 's/^H5SPARSE_BUILT_HDF5_LIBDIR:INTERNAL=//p' "$build/CMakeCache.txt")
bin="$libdir/../bin"
files=$(/usr/bin/python3 "$here/make_bench_files.py" --small)
fixtures="$top/test/fixtures/data"
work=$(mktemp -d "${TMPDIR:-/tmp}/h5sparse-order.XXXXXX")
trap 'rm -rf "$work"' EXIT

vol=(--vol-name=h5sparse "--vol-info=under_vol=0;under_info={}")
n=0
for f in "$files/csr.h5ad" "$files/tenx.h5" "$fixtures"/{anndata.h5ad,binsparse.h5,binsparse_root.h5,chihaya.h5,cooler_symm.cool,epetraext_crs.h5,h5seurat.h5Seurat,hdf5array_tenx.h5,hdmf_csr.h5,loom_graphs.loom,matlab_v73.mat,octave_sparse.h5,seed_h5sparse.h5,tenx_v3.h5,broken.h5}; do
  for tool in "h5ls -r" "h5dump -H"; do
    n=$((n + 1))
    # shellcheck disable=SC2086 # the tool's name and option
    LD_LIBRARY_PATH="$libdir" HDF5_PLUGIN_PATH="$plugin_dir" \
      valgrind --tool=callgrind --demangle=no --compress-strings=no --callgrind-out-file="$work/$n.out" \
      "$bin/"$tool "${vol[@]}" "$f" >/dev/null 2>&1 || true
  done
done
# fn= lines name the functions that ran, each under the object (ob=) it belongs to. In the order
# of the listings above, first the benchmark's h5ad: the commonest listing touches the fewest pages.
# First the C runtime's start-up and exit code, which every program that loads the plugin runs
# and callgrind names only as addresses.
{ printf '%s\n' frame_dummy register_tm_clones deregister_tm_clones __do_global_dtors_aux
  for i in $(seq 1 "$n"); do cat "$work/$i.out"; done \
    | awk '/^ob=/ { mine = index($0, "libh5sparse_vol") > 0 }
           /^fn=/ && mine { name = substr($0, 4); if (name !~ /^0x/ && !seen[name]++) print name }'
} >"$top/plugin/listing_functions.txt"
echo "order_functions: $(wc -l <"$top/plugin/listing_functions.txt") functions from $n listings" \
     "-> plugin/listing_functions.txt" >&2
