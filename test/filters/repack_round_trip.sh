#!/usr/bin/env bash
# h5repack applies one filter (h5repack's UD= form) to a dense dataset and to the components of
# a sparse group; the filter is really in the new file, and the values round-trip: natively,
# and through the connector for the sparse group.
#   repack_round_trip.sh <name> <UD=...>
source "$(dirname "$0")/common.sh"
name=$1 filter=$2
id=${filter#UD=}
id=${id%%,*}
sparse=$H5SPARSE_FIXTURES/filtered_lz4.h5       # /X: an anndata CSR; /dense: the same matrix
twin=$H5SPARSE_FIXTURES/filtered_lz4_dense.h5   # both dense, gzip
expect_ok "h5repack -f $filter of the dense twin" h5repack -f "$filter" "$twin" "$tmp/dense.h5"
expect_ok "h5repack -f X/data,X/indices,X/indptr:$filter" \
  h5repack -f "X/data,X/indices,X/indptr:$filter" "$sparse" "$tmp/sparse.h5"
for f in dense sparse; do
  if h5dump -p -H "$tmp/$f.h5" 2>/dev/null | grep -q "FILTER_ID $id\$\|FILTER_ID $id "; then
    echo "ok: filter $id is in the repacked $f file"
  else
    echo "FAIL: filter $id is not in the repacked $f file"
    failures=$((failures + 1))
  fi
done
expect_ok "natively, the repacked twin equals the twin" h5diff "$tmp/dense.h5" "$twin"
expect_ok "natively, the repacked components equal the originals" h5diff "$tmp/sparse.h5" "$sparse" /X /X
expect_ok "through the connector, the repacked /X equals the twin" h5diff "${vol_diff[@]}" "$tmp/sparse.h5" "$twin" /X /X
finish
