#!/usr/bin/env bash
# The streamed scan gives the same report whatever the piece size: pieces of 1, 2, 3 and 7
# entries (H5SPARSE_CHECK_PIECE_ENTRIES) put piece boundaries inside every slice of the small
# fixtures, where the default (1M entries) reads each component in one piece.
set -uo pipefail
unset HDF5_VOL_CONNECTOR HDF5_PLUGIN_PATH
check="$H5SPARSE_SOURCE_DIR/h5tools-scripts/h5sparse-check"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 "$(dirname "$0")/make_extra_cases.py" "$dir/extra.h5" || exit 1
cd "$H5SPARSE_FIXTURES" || exit 2
files=(./*.h5 ./*.h5ad "$dir/extra.h5")
status=0
for format in "" --json; do
  reference=$("$check" $format "${files[@]}"; echo "exit status: $?")
  for piece in 1 2 3 7; do
    actual=$(H5SPARSE_CHECK_PIECE_ENTRIES=$piece "$check" $format "${files[@]}"; echo "exit status: $?")
    if [ "$actual" != "$reference" ]; then
      echo "FAIL: pieces of $piece entries change the ${format:-text} report:"
      diff -u <(printf '%s\n' "$reference") <(printf '%s\n' "$actual") | head -40
      status=1
    fi
  done
done
[ $status -eq 0 ] && echo "ok: identical reports with pieces of 1, 2, 3, 7 and 1M entries"
exit $status
