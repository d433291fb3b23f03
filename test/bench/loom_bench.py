#!/usr/bin/python3
"""The coordinate-list benchmark (h5tools-scripts/h5sparse-bench --loom): a loom graph read
through the connector, with its in-memory row index (the default) and by scanning
(index_memory=0), against loompy's own reading of the same graph.

Usage:  /usr/bin/python3 test/bench/loom_bench.py BUILD_DIR FILES_DIR [REPS]

Writes (once, cached in FILES_DIR) a loom file with loompy itself (Debian's python3-loompy): a
20 x 200,000 /matrix and col_graphs/KNN, 30 neighbours per cell (6,000,000 entries, in random
order, integer weights stored as float32). Reads row blocks of the 200,000 x 200,000 graph: the
connector (h5sparse_region_bench, C, H5Dread of the region; each repetition opens the file anew,
so the index is built again each time) and loompy (connect, ds.col_graphs["KNN"], which reads
the whole coordinate list, then tocsr()[rows, cols]), checksums compared. Prints a markdown table.
"""

import os
import statistics
import sys

import loompy
import numpy as np
import scipy.sparse as sp

from peer_bench import PLAIN_INFO, time_connector, time_peer

CELLS = 200_000
GENES = 20
NEIGHBOURS = 30
REGIONS = [  # (name, row0, rows, col0, cols)
    ("4 rows, all columns", 100_000, 4, 0, CELLS),
    ("1,000 rows x 1,000 columns", 50_000, 1000, 50_000, 1000),
]


def say(msg):
    print(f"loom_bench: {msg}", file=sys.stderr, flush=True)


def make_loom(path):
    rng = np.random.default_rng(2026)
    a = np.repeat(np.arange(CELLS, dtype=np.int64), NEIGHBOURS)
    b = rng.integers(0, CELLS, a.size)
    w = rng.integers(1, 200, a.size).astype(np.float32)
    order = rng.permutation(a.size)
    tmp = path + ".tmp"
    loompy.create(tmp, np.zeros((GENES, CELLS), np.float32), {"Gene": np.array([f"g{i}" for i in range(GENES)])},
                  {"CellID": np.arange(CELLS).astype(str)})
    with loompy.connect(tmp) as ds:
        ds.col_graphs["KNN"] = sp.coo_matrix((w[order], (a[order], b[order])), shape=(CELLS, CELLS))
    os.replace(tmp, path)
    say(f"wrote {path}: {a.size:,} entries, {os.path.getsize(path) / 1e6:.0f} MB")


def loompy_region(path, r0, rows, c0, cols):
    with loompy.connect(path, "r") as ds:
        return ds.col_graphs["KNN"].tocsr()[r0:r0 + rows, c0:c0 + cols].toarray()


def main(build, files, reps):
    path = os.path.join(files, f"loom_knn_{CELLS // 1000}k.loom")
    if not os.path.exists(path):
        make_loom(path)
    lines = [f"File: `{os.path.basename(path)}`, written by loompy {loompy.__version__}: col_graphs/KNN, "
             f"{CELLS:,} x {CELLS:,}, {CELLS * NEIGHBOURS:,} entries in random order, "
             f"{os.path.getsize(path) / 1e6:.0f} MB. Median of {reps} repetitions, each opening the file anew.",
             "",
             "| region | non-zero | connector, row index | connector, scanned (index_memory=0) | loompy | index / loompy | scan / loompy |",
             "|---|---|---|---|---|---|---|"]
    failed = False
    for name, r0, rows, c0, cols in REGIONS:
        say(name)
        idx, idx_sum, idx_nz = time_connector(build, path, "/col_graphs/KNN", r0, c0, rows, cols, reps)
        scan, scan_sum, scan_nz = time_connector(build, path, "/col_graphs/KNN", r0, c0, rows, cols, reps,
                                                 PLAIN_INFO + ";index_memory=0")
        peer, peer_sum, peer_nz = time_peer(lambda: loompy_region(path, r0, rows, c0, cols), reps)
        if not (idx_sum == scan_sum == peer_sum and idx_nz == scan_nz == peer_nz):
            say(f"MISMATCH in {name}: index {idx_sum}/{idx_nz}, scan {scan_sum}/{scan_nz}, loompy {peer_sum}/{peer_nz}")
            failed = True
        a, s, b = statistics.median(idx), statistics.median(scan), statistics.median(peer)
        lines.append(f"| {name} | {idx_nz:,} | {a * 1e3:.0f} ms | {s * 1e3:.0f} ms | {b * 1e3:.0f} ms | "
                     f"{a / b:.2f}x | {s / b:.2f}x |")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5))
