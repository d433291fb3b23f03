#!/usr/bin/env bash
# h5sparse-check --json on every fixture at once: a valid JSON document (python3 -m json.tool)
# whose content agrees with the fixtures' own descriptions: each group of broken.h5 listed in
# broken_expected.json is invalid with a message containing its keyword, types.h5's /f64_unsorted
# and /duplicates have the sortedness and duplicates their generator wrote, every other group is
# valid (those the connector cannot show, such as binsparse's DCSR, valid and kept groups), and
# the exit status is 1 (some group is broken).
set -uo pipefail
cd "$H5SPARSE_FIXTURES" || exit 2
unset HDF5_VOL_CONNECTOR HDF5_PLUGIN_PATH
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$H5SPARSE_SOURCE_DIR/h5tools-scripts/h5sparse-check" --json ./*.h5 ./*.h5ad >"$out"
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: exit status $rc, expected 1"; exit 1; }
/usr/bin/python3 -m json.tool "$out" >/dev/null || { echo "FAIL: not valid JSON"; cat "$out"; exit 1; }
/usr/bin/python3 - "$out" <<'PY'
import json, sys

report = json.load(open(sys.argv[1]))
groups = {(f["file"].lstrip("./"), g["path"]): g for f in report["files"] for g in f["groups"]}
expected = json.load(open("broken_expected.json"))
failures = []
for name, keyword in sorted(expected.items()):
    g = groups.get(("broken.h5", "/" + name))
    if g is None:
        failures.append(f"broken.h5 /{name}: not reported")
    elif g["valid"] or not any(keyword in p["message"] for p in g["problems"]):
        failures.append(f"broken.h5 /{name}: no problem mentioning {keyword!r}: {g['problems']}")
unsorted, duplicates = groups[("types.h5", "/f64_unsorted")], groups[("types.h5", "/duplicates")]
if unsorted["indices_sorted"] is not False or unsorted["duplicate_free"] is not True:
    failures.append(f"types.h5 /f64_unsorted: {unsorted}")
if duplicates["duplicate_free"] is not False or duplicates["duplicate_entries"] != 4:
    failures.append(f"types.h5 /duplicates: {duplicates}")
for (file, path), g in sorted(groups.items()):
    if file != "broken.h5" or path == "/ok":
        if g["unsupported"]:  # well-formed, not shown: the connector keeps it a group
            if not g["valid"] or g["connector"]["opens"]:
                failures.append(f"{file} {path}: expected a valid group the connector refuses, got {g}")
        elif not g["valid"] or not g["connector"]["opens"]:
            failures.append(f"{file} {path}: expected valid, got {g['problems']}")
if report["broken_groups"] != len(expected) or report["unreadable_files"] != 0:
    failures.append(f"totals: {report['broken_groups']} broken, {report['unreadable_files']} unreadable")
for f in failures:
    print("FAIL:", f)
print(f"{len(groups)} groups in {len(report['files'])} files checked")
sys.exit(1 if failures else 0)
PY
