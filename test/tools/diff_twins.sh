#!/usr/bin/env bash
# Every sparse fixture equals its dense twin in h5diff's eyes (values, types, shapes and the
# visible attributes), object by object and, for files whose twin holds everything, whole-file.
set -uo pipefail
cd "$H5SPARSE_FIXTURES"
export PATH="$H5SPARSE_HDF5_BIN:$PATH"
unset HDF5_VOL_CONNECTOR
vol=(--vol-name-1=h5sparse "--vol-info-1=under_vol=0;under_info={}")
status=0
check() {  # file twin object
  out=$(h5diff -v "${vol[@]}" "$1" "$2" "$3" "$3" 2>&1); rc=$?
  if [ $rc -ne 0 ] || ! grep -q "0 differences found" <<<"$out"; then
    echo "FAIL: h5diff $1 $2 $3 (exit $rc)"; echo "$out"; status=1
  else
    echo "ok: $1 $3"
  fi
}
for pair in seed_h5sparse:/X anndata:/X anndata:/layers/counts anndata:/obsp/connectivities anndata:/varp/corr \
            anndata:/raw/X anndata:/uns/graphs/g1 tenx_v3:/matrix tenx_v2:/GRCh38 hdf5array_tenx:/counts \
            binsparse_root:/matrix; do
  base=${pair%%:*} obj=${pair#*:}
  sparse=$base.h5; [ -f "$sparse" ] || sparse=$base.h5ad
  check "$sparse" "${base}_dense.h5" "$obj"
done
# Every dataset of the twins of types.h5 and string_variants.h5.
for base in types string_variants; do
  for obj in $(h5ls -r "${base}_dense.h5" | awk '$2=="Dataset"{print $1}'); do
    check "$base.h5" "${base}_dense.h5" "$obj"
  done
done
exit $status
