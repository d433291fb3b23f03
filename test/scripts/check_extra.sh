#!/usr/bin/env bash
# h5sparse-check on extra.h5 (written now by make_extra_cases.py: the rules and paths that the
# committed fixtures do not cover), compared with the committed expected output.
#   check_extra.sh <case-name> [h5sparse-check options...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=$1
shift
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 "$here/make_extra_cases.py" "$dir/extra.h5" || exit 1
H5SPARSE_CASE_DIR=$dir "$here/run_script_case.sh" "$name" h5sparse-check "$@" extra.h5
