#!/usr/bin/python3
"""The anndata 0.8 contender of h5tools-scripts/h5sparse-bench.

Usage:  /usr/bin/python3 test/bench/anndata_bench.py --files DIR --case NAME[,NAME...] [--reps N] [--warmup N]
        /usr/bin/python3 test/bench/anndata_bench.py --supported

For each case prints one JSON line in the format of the C++ program (h5sparse_bench): the
selection comes from selections.h5; each repetition opens the file with read_h5ad(path,
backed="r") before the clock starts and times `X[sel].toarray(out=buf)` into one preallocated
buffer that is poisoned (touched) before every repetition, outside the timed region. Peak
memory as in measure.hpp: the peak-RSS counter is reset before the file is opened, and the
figure is VmHWM at the end minus VmRSS then. (Run one case per process for that figure to be
the case's own; the smoke mode runs several in one process.)
"""

import argparse
import json
import os
import sys
import time
import warnings

import h5py
import numpy as np

warnings.filterwarnings("ignore")
import anndata as ad  # noqa: E402  (after the warning filter: anndata 0.8 warns on import)

POISON = 0xA5


def selection(case, sel):
    """(file, index expression) for a case anndata's backed mode supports, else None."""
    rows = int(sel.attrs["rows"])
    if case.startswith("sweep_contig_"):
        k = int(case.rsplit("_", 1)[1])
        r0 = int(sel["rows_contig"][0])
        return "csr.h5ad", np.s_[r0:r0 + k]
    if case.startswith("sweep_random_"):
        return "csr.h5ad", sel[case][...]
    r0, n = (int(v) for v in sel["rows_contig"][...])
    c0, w = (int(v) for v in sel["cols_window"][...])
    j = int(sel["col_one"][0])
    if case == "rows_contig":
        return "csr.h5ad", np.s_[r0:r0 + n]
    if case == "rows_random":
        return "csr.h5ad", sel["rows_random"][...]
    if case == "row_runs":
        mask = np.zeros(rows, bool)
        for start, count in sel["row_runs"][...]:
            mask[start:start + count] = True
        return "csr.h5ad", mask
    if case == "csr_cols":
        return "csr.h5ad", np.s_[:, c0:c0 + w]
    if case == "csc_cols":
        return "csc.h5ad", np.s_[:, c0:c0 + w]
    if case == "csr_col":
        return "csr.h5ad", np.s_[:, j:j + 1]
    if case == "csc_col":
        return "csc.h5ad", np.s_[:, j:j + 1]
    if case == "whole":
        return "csr.h5ad", np.s_[:, :]
    if case == "seed_rows":
        s0, sn = (int(v) for v in sel["seed_rows"][...])
        return "seed.h5ad", np.s_[s0:s0 + sn]
    # points: anndata's X[rows, cols] is an outer (np.ix_) selection, not points;
    # tenx_barcodes: not an .h5ad; passthrough: not sparse.
    return None


def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    return -1


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def checksum(buf):
    """Sum of value * (i % 1009 + 1) mod 2^64 and the nonzero count, as measure.cpp computes."""
    flat = buf.reshape(-1)
    total = np.uint64(0)
    nonzero = 0
    step = 1 << 22
    for i0 in range(0, flat.size, step):
        part = flat[i0:i0 + step]
        values = part.astype(np.int64).astype(np.uint64)  # integers: truncation is exact
        weights = (np.arange(i0, i0 + part.size, dtype=np.uint64) % np.uint64(1009)) + np.uint64(1)
        with np.errstate(over="ignore"):
            total = total + np.sum(values * weights, dtype=np.uint64)
        nonzero += int(np.count_nonzero(part))
    return int(total), nonzero


def run_case(files, case, reps, warmup):
    with h5py.File(os.path.join(files, "selections.h5"), "r") as sel:
        spec = selection(case, sel)
    if spec is None:
        return {"case": case, "contender": "anndata", "unsupported": True}
    fname, index = spec
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        peak_reset = True
    except OSError:
        peak_reset = False
    baseline = status("VmRSS:")
    load_before = load()
    path = os.path.join(files, fname)
    adata = ad.read_h5ad(path, backed="r")
    probe = adata.X[index]  # shape and type of the result (an untimed read, like a warm-up)
    buf = np.empty(probe.shape, dtype=probe.dtype)
    del probe
    adata.file.close()
    wall, cpu = [], []
    for rep in range(warmup + reps):
        adata = ad.read_h5ad(path, backed="r")  # reopened each repetition, as the C++ contenders do
        X = adata.X
        buf.view(np.uint8).fill(POISON)
        w0, c0 = time.perf_counter(), time.process_time()
        X[index].toarray(out=buf)
        w1, c1 = time.perf_counter(), time.process_time()
        adata.file.close()
        if rep >= warmup:
            wall.append(w1 - w0)
            cpu.append(c1 - c0)
    peak = status("VmHWM:") - baseline
    weighted, nonzero = checksum(buf)
    result = {"case": case, "contender": "anndata", "wall": wall, "cpu": cpu, "result_bytes": int(buf.nbytes),
              "peak_bytes": peak, "peak_reset": peak_reset, "checksum": str(weighted), "nonzero": nonzero,
              "load": [load_before, load()]}
    return result


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", required=True)
    ap.add_argument("--case", default="")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--supported", action="store_true", help="list the cases anndata supports")
    args = ap.parse_args(argv)
    if args.supported:
        with h5py.File(os.path.join(args.files, "selections.h5"), "r") as sel:
            names = [c for c in args.case.split(",") if c and selection(c, sel) is not None]
        print(json.dumps(names))
        return 0
    for case in [c for c in args.case.split(",") if c]:
        print(json.dumps(run_case(args.files, case, args.reps, args.warmup)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
