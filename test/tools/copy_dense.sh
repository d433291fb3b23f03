#!/usr/bin/env bash
# h5copy of a sparse matrix through the connector writes a dense dataset with the same values
# (and the same visible attributes): natively, the copy equals the dense twin.
set -uo pipefail
export PATH="$H5SPARSE_HDF5_BIN:$PATH"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
status=0
for pair in anndata.h5ad:anndata_dense.h5:/X anndata.h5ad:anndata_dense.h5:/layers/counts \
            tenx_v3.h5:tenx_v3_dense.h5:/matrix types.h5:types_dense.h5:/duplicates \
            binsparse_root.h5:binsparse_root_dense.h5:/matrix binsparse.h5:binsparse_dense.h5:/fill_coo; do
  IFS=: read -r sparse dense obj <<<"$pair"
  out="$dir/$(basename "$sparse").copy.h5"
  rm -f "$out"
  HDF5_VOL_CONNECTOR="h5sparse under_vol=0;under_info={}" \
    h5copy -p -i "$H5SPARSE_FIXTURES/$sparse" -o "$out" -s "$obj" -d "$obj" || { echo "FAIL: h5copy $sparse $obj"; status=1; continue; }
  unset HDF5_VOL_CONNECTOR
  h5ls "$out$obj" | grep -q "Dataset {" || { echo "FAIL: the copy of $obj is not a dataset on disk"; h5ls -r "$out"; status=1; }
  if h5diff -v "$out" "$H5SPARSE_FIXTURES/$dense" "$obj" "$obj" | grep -q "0 differences found"; then
    echo "ok: $sparse $obj copied as a dense dataset equal to the twin"
  else
    echo "FAIL: the copy of $obj differs from the dense twin"; h5diff -v "$out" "$H5SPARSE_FIXTURES/$dense" "$obj" "$obj"; status=1
  fi
done
exit $status
