#!/usr/bin/python3
"""The cooler peer benchmark of issue 11 (h5tools-scripts/h5sparse-bench --cooler).

Usage:  /usr/bin/python3 test/bench/cooler_bench.py BUILD_DIR FILES_DIR [REPS]

Writes (once, cached in FILES_DIR) a symmetric-upper cooler with cooler itself (Debian's
python3-cooler): 100,000 bins of 1 kb on one chromosome, about 60 contacts per bin at distances
that decay as Hi-C contacts do, int32 counts, cooler's default chunking and compression. Then
reads 2,000 x 2,000 regions (on the diagonal, above it, below it) through the connector
(h5sparse_region_bench, C) and with cooler's own reader, matrix(balance=False)[...], each
repetition opening the file anew, and checks that both read the same values (a weighted
checksum). Prints a markdown table: median wall time of each, and the ratio.
"""

import os
import statistics
import sys

import cooler
import numpy as np
import pandas as pd

from peer_bench import time_connector, time_peer

BINS = 100_000
BIN_SIZE = 1000
REGION = 2000
REGIONS = [  # (name, row0, col0)
    ("on the diagonal", 50_000, 50_000),
    ("above it, overlapping", 10_000, 11_000),
    ("below it, overlapping", 71_000, 70_000),
    ("far from it", 20_000, 80_000),
]


def say(msg):
    print(f"cooler_bench: {msg}", file=sys.stderr, flush=True)


def make_cooler(path):
    rng = np.random.default_rng(2026)
    per_bin = 60
    bin1 = np.repeat(np.arange(BINS, dtype=np.int64), per_bin)
    bin2 = bin1 + rng.geometric(0.01, bin1.size) - 1
    keep = bin2 < BINS
    key = np.unique(bin1[keep] * BINS + bin2[keep])
    pixels = pd.DataFrame({"bin1_id": key // BINS, "bin2_id": key % BINS,
                           "count": rng.integers(1, 200, key.size).astype(np.int32)})
    bins = cooler.binnify(pd.Series({"chr1": BINS * BIN_SIZE}), BIN_SIZE)
    tmp = path + ".tmp"
    cooler.create_cooler(tmp, bins, pixels, ordered=True, symmetric_upper=True, dtypes={"count": np.int32})
    os.replace(tmp, path)
    say(f"wrote {path}: {BINS} bins, {len(pixels)} pixels, {os.path.getsize(path) / 1e6:.1f} MB")


def main(build, files, reps):
    path = os.path.join(files, f"cooler_{BINS // 1000}k.cool")
    if not os.path.exists(path):
        make_cooler(path)
    c = cooler.Cooler(path)
    lines = [f"File: `{os.path.basename(path)}`, written by cooler {cooler.__version__}: {c.info['nbins']:,} bins, "
             f"{c.info['nnz']:,} pixels (symmetric-upper, int32 counts), {os.path.getsize(path) / 1e6:.0f} MB. "
             f"Regions of {REGION:,} x {REGION:,} bins; median of {reps} repetitions, each opening the file anew.",
             "",
             "| region | rows, columns | non-zero | connector (C, H5Dread) | cooler matrix(balance=False) | connector / cooler |",
             "|---|---|---|---|---|---|"]
    failed = False
    for name, r0, c0 in REGIONS:
        say(f"{name}: [{r0}, {r0 + REGION}) x [{c0}, {c0 + REGION})")
        conn, conn_sum, conn_nz = time_connector(build, path, "/pixels", r0, c0, REGION, REGION, reps)
        peer, peer_sum, peer_nz = time_peer(
            lambda: cooler.Cooler(path).matrix(balance=False)[r0:r0 + REGION, c0:c0 + REGION], reps)
        if (conn_sum, conn_nz) != (peer_sum, peer_nz):
            say(f"MISMATCH in {name}: connector {conn_sum}/{conn_nz}, cooler {peer_sum}/{peer_nz}")
            failed = True
        a, b = statistics.median(conn), statistics.median(peer)
        lines.append(f"| {name} | {r0:,}.., {c0:,}.. | {conn_nz:,} | {a * 1e3:.1f} ms | {b * 1e3:.1f} ms | {a / b:.2f}x |")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 7))
