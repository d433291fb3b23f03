#!/usr/bin/env bash
# filtered_<name>.h5, written by Debian 12's hdf5plugin through h5py (test/fixtures/
# generate_filtered.py): its sparse group /X (components compressed) through the connector and
# its compressed dense /dense natively both equal the twin; h5dump of the whole file through the
# connector succeeds.
#   written_by_hdf5plugin.sh <name>
source "$(dirname "$0")/common.sh"
name=$1
file=$H5SPARSE_FIXTURES/filtered_$name.h5
twin=$H5SPARSE_FIXTURES/filtered_${name}_dense.h5
expect_ok "natively, /dense equals the twin" h5diff "$file" "$twin" /dense /dense
expect_ok "through the connector, /X equals the twin" h5diff "${vol_diff[@]}" "$file" "$twin" /X /X
expect_ok "through the connector, /dense equals the twin" h5diff "${vol_diff[@]}" "$file" "$twin" /dense /dense
expect_ok "h5dump of the whole file through the connector" h5dump "${vol[@]}" "$file"
finish
