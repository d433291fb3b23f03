#!/usr/bin/env bash
# h5sparse-check on a matrix whose indices (48 MB) exceed the memory bound: it must stream them
# in pieces (peak resident memory well below the size of indices), report the matrix correctly,
# draw a progress line on stderr when stderr is a terminal, and keep stderr silent otherwise.
set -uo pipefail
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 2
unset HDF5_VOL_CONNECTOR HDF5_PLUGIN_PATH
check="$H5SPARSE_SOURCE_DIR/h5tools-scripts/h5sparse-check"
for tool in /usr/bin/time script; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (Debian packages time, bsdutils)"; exit 77; }
done
status=0
fail() { echo "FAIL: $*"; status=1; }

# CSR 1000 x 10,000,000 with 6,000 sorted distinct entries per row: 6M int64 indices.
/usr/bin/python3 - <<'PY' || exit 1
import h5py, numpy as np
rows, per_row, cols = 1000, 6000, 10_000_000
rng = np.random.default_rng(7)
indices = np.empty((rows, per_row), "i8")
for r in range(rows):
    indices[r] = np.sort(rng.choice(cols, per_row, replace=False))
with h5py.File("large.h5", "w") as f:
    g = f.create_group("X")
    g.attrs["encoding-type"] = "csr_matrix"
    g.attrs["encoding-version"] = "0.1.0"
    g.attrs["shape"] = np.array([rows, cols], "i8")
    g["indices"] = indices.ravel()
    g["data"] = np.ones(rows * per_row, "f4")
    g["indptr"] = np.arange(0, rows * per_row + 1, per_row, dtype="i8")
PY

# 1. Bounded memory, right answer, quiet stderr when it is not a terminal.
/usr/bin/time -f '%M' -o rss.txt "$check" large.h5 >report.txt 2>stderr.txt
rc=$?
[ $rc -eq 0 ] || { fail "exit status $rc"; cat report.txt stderr.txt; }
rss_kb=$(tail -n1 rss.txt)
echo "peak resident memory: $rss_kb KB (indices alone: 48000 KB)"
[ "$rss_kb" -lt 40000 ] || fail "peak resident memory $rss_kb KB: indices were not streamed"
grep -q '^  stored values   6000000$' report.txt || fail "stored values"
grep -q '^  sorted          yes$' report.txt || fail "sorted"
grep -q '^  duplicate-free  yes$' report.txt || fail "duplicate-free"
[ ! -s stderr.txt ] || { fail "stderr is not a terminal, yet something was written to it:"; cat stderr.txt; }

# 2. A progress line on a terminal (script(1) gives the program a pseudo-terminal).
script -qec "'$check' large.h5 >/dev/null" /dev/null >tty.txt 2>&1
grep -q 'h5sparse-check: large.h5 /X: [0-9]*% of 6001001 entries' tty.txt \
  || { fail "no progress line on a terminal"; cat -A tty.txt | head -5; }

[ $status -eq 0 ] && echo "ok: streamed in bounded memory, progress only on a terminal"
exit $status
