#!/usr/bin/env bash
# HDF5's own VOL API test suite (h5_api_test, built from the same HDF5 source by
# h5tools-scripts/bootstrap-hdf5), run natively and through the connector: the connector must
# pass every test that passes natively and fail none.
#   api_tests.sh <area> [over_native|over_pass_through]
#   area: file group dataset datatype attribute link object misc
#   over_pass_through stacks h5sparse over HDF5's built-in pass_through connector (value 1).
set -uo pipefail
area=$1
case "${2:-over_native}" in
  over_native) info='under_vol=0;under_info={}' ;;
  over_pass_through) info='under_vol=1;under_info={under_vol=0;under_info={}}' ;;
  *) echo "unknown stacking $2"; exit 2 ;;
esac
api_test="$H5SPARSE_HDF5_BIN/h5_api_test"
[ -x "$api_test" ] || { echo "FAIL: $api_test not found (bootstrap-hdf5 builds it)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
summary() {  # "passed failed skipped" from the driver's closing lines, e.g.
  # 54/54 (100.00%) API tests passed with VOL connector 'native'
  awk '/API tests passed with VOL connector/ {split($1,a,"/"); p=a[1]}
       /API tests did not pass with VOL connector/ {split($1,a,"/"); f=a[1]}
       /API tests were skipped with VOL connector/ {split($1,a,"/"); s=a[1]}
       END {print (p==""?-1:p), (f==""?-1:f), (s==""?-1:s)}' "$1"
}
run() {  # name connector-string
  mkdir -p "$work/$1"
  local connector=()
  [ -n "$2" ] && connector=("HDF5_VOL_CONNECTOR=$2")
  (cd "$work/$1" && env -u HDF5_VOL_CONNECTOR HDF5_API_TEST_PATH_PREFIX="$work/$1/" "${connector[@]}" \
     "$api_test" "$area" >"$work/$1.log" 2>&1)
  echo $? >"$work/$1.rc"
}
run native ""
run h5sparse "h5sparse $info"
read -r np nf ns < <(summary "$work/native.log")
read -r sp sf ss < <(summary "$work/h5sparse.log")
echo "area $area: native $np passed, $nf failed, $ns skipped; h5sparse $sp passed, $sf failed, $ss skipped"
grep -q "API tests passed with VOL connector 'h5sparse'" "$work/h5sparse.log" \
  || { echo "FAIL: the API tests did not run through h5sparse"; tail -20 "$work/h5sparse.log"; exit 1; }
if [ "$np" -le 0 ] || [ "$nf" -ne 0 ]; then
  echo "FAIL: the native baseline did not run cleanly"; tail -20 "$work/native.log"; exit 1
fi
if [ "$sf" -ne 0 ] || [ "$sp" -lt "$np" ]; then
  echo "FAIL: h5sparse does not pass every test native passes"
  grep -B3 -A8 "FAILED" "$work/h5sparse.log" | head -120
  exit 1
fi
