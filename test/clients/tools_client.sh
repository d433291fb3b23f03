#!/usr/bin/env bash
# Debian 13's HDF5 command-line tools (hdf5-tools), unmodified, with the connector from the
# environment only: h5ls lists sparse groups as 2-D datasets and none of their components, and
# h5dump prints each matrix (whole, and as a -s/-c/-S subset) exactly as it prints the dense twin
# read natively, but for the file name. Natively h5ls shows a Group, so the listing proves the
# connector is in use.
set -uo pipefail
cd "$H5SPARSE_FIXTURES"
status=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; status=1; }
native() { env -u HDF5_VOL_CONNECTOR "$@"; }

listing=$(h5ls -r anndata.h5ad 2>&1)
for line in "/X Dataset {60, 40}" "/layers/counts Dataset {60, 40}" "/obsp/connectivities Dataset {60, 60}" \
            "/raw/X Dataset {60, 45}" "/uns/graphs/g1 Dataset {10, 10}" "/varp/corr Dataset {40, 40}"; do
  if awk '{ $1 = $1; print }' <<<"$listing" | grep -qxF "$line"; then ok "h5ls -r anndata.h5ad: $line"
  else fail "h5ls -r anndata.h5ad lacks '$line'"; fi
done
components=$(grep -E '/(data|indices|indptr) ' <<<"$listing" | grep -vE '^/(obs|var|raw/var)/' || true)
[ -z "$components" ] && ok "h5ls -r lists no sparse components" || fail "h5ls -r lists components: $components"
native h5ls anndata.h5ad | grep -q '^X  *Group$' && ok "natively h5ls shows X as a Group" || fail "natively X is not a Group?"
for f in seed_h5sparse.h5:/X tenx_v3.h5:/matrix; do
  file=${f%%:*} obj=${f#*:}
  h5ls -r "$file" | awk '{ $1 = $1; print }' | grep -q "^$obj Dataset {" && ok "h5ls -r $file: $obj is a Dataset" \
    || fail "h5ls -r $file does not show $obj as a Dataset"
done

# h5dump of the sparse file vs the twin read natively; the first line names the file.
same_dump() {  # sparse twin h5dump-args...
  local sparse=$1 twin=$2 a b
  shift 2
  a=$(h5dump "$@" "$sparse" 2>&1 | tail -n +2)
  b=$(native h5dump "$@" "$twin" 2>&1 | tail -n +2)
  if [ "$a" = "$b" ] && grep -q 'DATA {' <<<"$a"; then
    ok "h5dump $* $sparse equals the twin ($(wc -l <<<"$a") lines)"
  else
    fail "h5dump $* $sparse differs from the twin"; diff <(echo "$b") <(echo "$a") | head -n 12 | sed 's/^/    /'
  fi
}
for obj in /X /layers/counts /obsp/connectivities /varp/corr /raw/X /uns/graphs/g1; do
  same_dump anndata.h5ad anndata_dense.h5 -d "$obj"
done
same_dump anndata.h5ad anndata_dense.h5 -d /X -s 10,5 -c 10,25
same_dump anndata.h5ad anndata_dense.h5 -d /layers/counts -s 1,2 -S 3,4 -c 15,9
# Binary output (-b): the same bytes.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
h5dump -d /obsp/connectivities -s 10,5 -c 10,25 -b LE -o "$tmp/sparse.bin" anndata.h5ad >/dev/null 2>&1
native h5dump -d /obsp/connectivities -s 10,5 -c 10,25 -b LE -o "$tmp/twin.bin" anndata_dense.h5 >/dev/null 2>&1
if [ -s "$tmp/twin.bin" ] && cmp -s "$tmp/sparse.bin" "$tmp/twin.bin"; then
  ok "h5dump -b LE of an /obsp/connectivities subset: the twin's $(stat -c %s "$tmp/twin.bin") bytes"
else
  fail "h5dump -b LE of an /obsp/connectivities subset differs from the twin's"
fi
same_dump seed_h5sparse.h5 seed_h5sparse_dense.h5 -d /X
same_dump tenx_v3.h5 tenx_v3_dense.h5 -d /matrix
same_dump tenx_v3.h5 tenx_v3_dense.h5 -d /matrix -s 10,5 -c 10,25
h5dump --version
exit $status
