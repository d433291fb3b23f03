#!/usr/bin/env bash
# anndata_lzf.h5ad, written by anndata 0.8 with compression="lzf" (h5py's filter 32000, every
# component's chunks really compressed): /X through the connector equals its dense twin, the
# components read natively, and h5dump of the whole file through the connector succeeds.
source "$(dirname "$0")/common.sh"
file=$H5SPARSE_FIXTURES/anndata_lzf.h5ad
twin=$H5SPARSE_FIXTURES/anndata_lzf_dense.h5
expect_ok "through the connector, /X equals the twin" h5diff "${vol_diff[@]}" "$file" "$twin" /X /X
for part in data indices indptr; do
  expect_ok "natively, /X/$part reads" h5dump -d "/X/$part" -o /dev/null "$file"
done
expect_ok "h5dump of the whole file through the connector" h5dump "${vol[@]}" -o /dev/null "$file"
finish
