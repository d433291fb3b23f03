#!/usr/bin/env bash
# Debian 13's GDAL command-line tools, unmodified, through the connector:
#   gdal_client.sh HDF5|netCDF
# With either driver (GDAL's own HDF5 driver, or its netCDF driver over libnetcdf over HDF5),
# gdalinfo lists each sparse group as a 2-D subdataset, and gdal_translate exports it, whole and
# as a window (-srcwin), to the same text (XYZ, AAIGrid) as the dense twin read natively with the
# same driver. Listing the group at all proves the connector is in use: natively it is a group of
# three 1-D arrays, which GDAL does not list (checked too).
set -uo pipefail
driver=$1
cd "$H5SPARSE_FIXTURES"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; status=1; }

# The subdataset name each driver gives the object at <path> (absolute, e.g. /layers/counts).
name() {  # file path
  case "$driver" in
    HDF5) printf 'HDF5:"%s"://%s' "$1" "${2#/}" ;;
    netCDF) if [ "${2%/*}" = "" ]; then printf 'NETCDF:"%s":%s' "$1" "${2#/}"; else printf 'NETCDF:"%s":%s' "$1" "$2"; fi ;;
    *) echo "unknown driver $driver" >&2; exit 2 ;;
  esac
}
native() { env -u HDF5_VOL_CONNECTOR "$@"; }
case "$driver" in
  HDF5) only=(-if HDF5 -if HDF5Image) ;;  # HDF5Image opens a file with a single 2-D dataset
  *) only=(-if "$driver") ;;
esac

# $1 sparse file, $2 twin, $3 object path, $4 "rows cols"
check_object() {
  local sparse=$1 twin=$2 path=$3 shape=$4 listing sub twin_sub rows cols
  read -r rows cols <<<"$shape"
  sub=$(name "$sparse" "$path") twin_sub=$(name "$twin" "$path")
  listing=$(gdalinfo "${only[@]}" "$sparse" 2>&1)
  local n desc
  n=$(awk -v want="$sub" '/^  SUBDATASET_[0-9]+_NAME=/ { v = substr($0, index($0, "=") + 1)
        if (v == want) { split($0, a, "_"); print a[2]; exit } }' <<<"$listing")
  desc=$([ -n "$n" ] && sed -n "s/^  SUBDATASET_${n}_DESC=//p" <<<"$listing")
  if [[ "$desc" == "[${rows}x${cols}] "* ]]; then
    ok "gdalinfo $sparse lists $sub: $desc"
  elif ! grep -q SUBDATASET <<<"$listing" && grep -qx "Size is $cols, $rows" <<<"$listing"; then
    ok "gdalinfo $sparse opens its only matrix $path directly: $(grep -m1 '^Driver:' <<<"$listing"), Size is $cols, $rows"
  else
    fail "gdalinfo $sparse does not list $sub as a ${rows}x${cols} subdataset"
    grep -E 'SUBDATASET_.*_NAME|ERROR' <<<"$listing" | sed 's/^/    /'
  fi
  if native gdalinfo "${only[@]}" "$sparse" 2>&1 | grep -qE "_NAME=$sub\$|^Size is $cols, $rows\$"; then
    fail "natively (no connector) gdalinfo lists $sub too: the check above proves nothing"
  fi
  local size
  size=$(gdalinfo "$sub" 2>&1 | sed -n 's/^Size is \([0-9]*\), \([0-9]*\)$/\1x\2/p')
  [ "$size" = "${cols}x${rows}" ] && ok "gdalinfo $sub: Size is $cols, $rows" || fail "gdalinfo $sub: size '$size', want ${cols}x${rows}"
  local window=(-srcwin 5 10 $((cols > 30 ? 25 : cols - 5)) $((rows > 20 ? 10 : rows - 10)))
  [ "$rows" -gt 12 ] && [ "$cols" -gt 7 ] || window=()
  for format in XYZ AAIGrid; do
    for what in whole window; do
      local args=(-q -of "$format")
      if [ "$what" = window ]; then [ ${#window[@]} -gt 0 ] || continue; args+=("${window[@]}"); fi
      local out="$tmp/sparse.$format" ref="$tmp/twin.$format"
      rm -f "$tmp"/sparse.* "$tmp"/twin.*
      if ! gdal_translate "${args[@]}" "$sub" "$out" >"$tmp/log" 2>&1; then
        fail "gdal_translate ${args[*]} $sub failed: $(head -c 600 "$tmp/log")"; continue
      fi
      native gdal_translate "${args[@]}" "$twin_sub" "$ref" >/dev/null 2>&1 || { fail "gdal_translate of the twin $twin_sub failed"; continue; }
      if cmp -s "$out" "$ref"; then
        ok "gdal_translate ${args[*]:1} $sub equals the twin ($(wc -l <"$out") lines)"
      else
        fail "gdal_translate ${args[*]:1} $sub differs from the twin"; diff "$ref" "$out" | head -n 6 | sed 's/^/    /'
      fi
    done
  done
}

gdalinfo --version
check_object anndata.h5ad anndata_dense.h5 /X "60 40"
check_object anndata.h5ad anndata_dense.h5 /layers/counts "60 40"
check_object anndata.h5ad anndata_dense.h5 /obsp/connectivities "60 60"
check_object seed_h5sparse.h5 seed_h5sparse_dense.h5 /X "4 3"
check_object tenx_v3.h5 tenx_v3_dense.h5 /matrix "50 30"
check_object binsparse_root.h5 binsparse_root_dense.h5 /matrix "7 17"  # a matrix stored in the root group
# The seed by value, independently of the twin: XYZ rows are "x y value", pixel centres.
expected='0 1 0 0 0 2 0 0 0 3 4 0'
values=$(gdal_translate -q -of XYZ "$(name seed_h5sparse.h5 /X)" /vsistdout/ 2>/dev/null | awk '{printf "%s%s", sep, $3; sep=" "}')
if [ "$driver" = netCDF ]; then  # the netCDF driver puts the last row first (bottom-up)
  values=$(tr ' ' '\n' <<<"$values" | paste -d' ' - - - | tac | tr '\n' ' ' | sed 's/ $//')
fi
[ "$values" = "$expected" ] && ok "seed X by value: $values" || fail "seed X by value: '$values', want '$expected'"
exit $status
