#!/usr/bin/env bash
# HDF5's own VOL API test suite (h5_api_test, built from the same HDF5 source by
# h5tools-scripts/bootstrap-hdf5), run natively and through the connector: the connector must
# pass every test that passes natively and fail none.
#   api_tests.sh <area>      (file group dataset datatype attribute link object misc)
set -uo pipefail
area=$1
api_test="$H5SPARSE_HDF5_BIN/h5_api_test"
[ -x "$api_test" ] || { echo "FAIL: $api_test not found (bootstrap-hdf5 builds it)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
summary() {  # prints "passed failed skipped" from the driver's closing lines
  awk '/tests? passed/ {p=$1} /tests? failed/ {f=$1} /tests? skipped/ {s=$1}
       /^[0-9]+\/[0-9]+ \([0-9.]+%\) API tests passed/ {split($1,a,"/"); p=a[1]}
       /API tests? failed/ {f=$1} /API tests? skipped/ {s=$1}
       END {print p+0, f+0, s+0}' "$1"
}
run() {  # name connector-string
  mkdir -p "$work/$1"
  (cd "$work/$1" && HDF5_API_TEST_PATH_PREFIX="$work/$1/" HDF5_VOL_CONNECTOR="$2" "$api_test" "$area" >"$work/$1.log" 2>&1)
  echo $? >"$work/$1.rc"
}
run native ""
run h5sparse "h5sparse under_vol=0;under_info={}"
read -r np nf ns < <(summary "$work/native.log")
read -r sp sf ss < <(summary "$work/h5sparse.log")
echo "area $area: native $np passed, $nf failed, $ns skipped; h5sparse $sp passed, $sf failed, $ss skipped"
grep -q "Using VOL connector 'h5sparse'\|h5sparse" "$work/h5sparse.log" || { echo "FAIL: the API tests did not run through h5sparse"; cat "$work/h5sparse.log" | tail -20; exit 1; }
if [ "$sf" -ne 0 ] || [ "$sp" -lt "$np" ] || [ "$(cat "$work/h5sparse.rc")" -ne "$(cat "$work/native.rc")" ]; then
  echo "FAIL: h5sparse does not pass what native passes"
  grep -B2 -A6 "FAILED\|failed" "$work/h5sparse.log" | head -80
  exit 1
fi
