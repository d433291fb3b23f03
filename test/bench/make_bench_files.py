#!/usr/bin/python3
"""Write (or reuse) the benchmark files of h5tools-scripts/h5sparse-bench.

Usage:  /usr/bin/python3 test/bench/make_bench_files.py [--small] [--out DIR] [--force]

Prints the directory holding the files on stdout (progress goes to stderr). The files live
outside the checkout, in ${H5SPARSE_CACHE:-~/.cache/h5sparse-vol}/bench (bench-small with
--small), and are reused while stamp.json there matches GENERATOR_VERSION and the parameters
below; stamp.json is written last, so an interrupted run is redone from scratch.

Needs Debian's python3 (anndata 0.8, h5py 3.7, scipy, numpy). h5py links HDF5 1.10, which is
fine for writing: the files are read later by HDF5 1.14 (and by anndata in backed mode).

Files (one random matrix X, rows x cols, integer values 1..50, 2 % density, sorted indices):
  csr.h5ad    anndata.write_h5ad of X as CSR (float32 data, int32 indices)
  csc.h5ad    the same X written as CSC
  tenx.h5     Cell Ranger v3 layout of the same values: /matrix is features x barcodes CSC,
              i.e. X transposed, so its arrays are X's CSR arrays; int32 data, int64
              indices/indptr, 65,536-element chunks, shuffle + gzip level 1
  tenx_h5py.h5  the same 10x layout with h5py's default chunking and gzip (level 4, no shuffle),
              as a script that writes the Cell Ranger layout itself usually does
  csr_gzip.h5ad anndata.write_h5ad(compression="gzip") of X as CSR
  dense.h5    /X: the dense twin of X (float32, chunked, no filter), natively readable
  seed.h5ad   the seed's case: seed x seed CSR of float64 ones (10^8 stored values in the full
              mode, about 1.2 GB), written piece by piece in the anndata layout
  groups.h5ad anndata.write_h5ad of a small CSR X (X's first 500 rows, first 200 columns) whose
              uns holds uns_entries nested dicts, each a group of a parameters group and an array
              (as analyses leave in uns): a listing of many small groups
  selections.h5  the selections every contender reads (C++ and Python read the same ones)
"""

import argparse
import json
import os
import shutil
import sys
import time

import h5py
import numpy as np
import scipy.sparse as sp

# Bump when any file's content or layout changes: cached files are then regenerated.
GENERATOR_VERSION = 4

FULL = dict(rows=50_000, cols=20_000, density=0.02, dense_chunks=(250, 1000), seed_n=10_000,
            seed_piece_rows=1000, seed=20240605, uns_entries=500)
SMALL = dict(rows=2_000, cols=400, density=0.02, dense_chunks=(100, 100), seed_n=100,
             seed_piece_rows=10, seed=20240605, uns_entries=20)
TENX_CHUNK = 1 << 16


def say(msg):
    print(f"make_bench_files: {msg}", file=sys.stderr, flush=True)


def random_csr(p):
    """X as scipy CSR (float32 values 1..50, int32 sorted indices), built block by block."""
    rng = np.random.default_rng(p["seed"])
    rows, cols, density = p["rows"], p["cols"], p["density"]
    block = max(1, min(rows, 20_000_000 // cols))
    indptr = np.zeros(rows + 1, np.int64)
    indices_parts, data_parts = [], []
    for r0 in range(0, rows, block):
        r1 = min(rows, r0 + block)
        mask = rng.random((r1 - r0, cols), dtype=np.float32) < density
        r, c = np.nonzero(mask)  # row-major: sorted by row, then column
        indptr[r0 + 1:r1 + 1] = indptr[r0] + np.cumsum(np.bincount(r, minlength=r1 - r0))
        indices_parts.append(c.astype(np.int32))
        data_parts.append(rng.integers(1, 51, size=c.size).astype(np.float32))
    m = sp.csr_matrix((np.concatenate(data_parts), np.concatenate(indices_parts), indptr),
                      shape=(rows, cols))
    m.has_sorted_indices = True
    return m


def names(prefix, n):
    return [f"{prefix}{i}" for i in range(n)]


def write_h5ad(path, matrix, n_rows, n_cols, compression=None):
    import anndata as ad
    import pandas as pd
    obs = pd.DataFrame(index=names("cell", n_rows))
    var = pd.DataFrame(index=names("gene", n_cols))
    ad.AnnData(X=matrix, obs=obs, var=var).write_h5ad(path, compression=compression)


def tenx_column(group, name, arr, cellranger=True):
    """Cell Ranger's make_column_ds: 65,536-element chunks, shuffle, gzip level 1; or h5py's
    defaults for compression="gzip" (its own chunk size, level 4, no shuffle)."""
    if not cellranger:
        group.create_dataset(name, data=arr, chunks=True, maxshape=(None,), compression="gzip")
        return
    arr = np.asarray(arr)
    group.create_dataset(name, data=arr, chunks=(min(TENX_CHUNK, max(1, arr.shape[0])),),
                         maxshape=(None,), shuffle=True, compression="gzip", compression_opts=1)


def write_many_groups(path, m, entries):
    import anndata as ad
    import pandas as pd
    x = m[:500, :200].tocsr()
    uns = {f"run_{i:04d}": {"params": {"method": "umap", "n_neighbors": 15 + i % 7},
                            "values": np.arange(4, dtype=np.float64) * i}
           for i in range(entries)}
    ad.AnnData(X=x, obs=pd.DataFrame(index=names("cell", x.shape[0])),
               var=pd.DataFrame(index=names("gene", x.shape[1])), uns=uns).write_h5ad(path)


def write_tenx(path, m, cellranger=True):
    n_barcodes, n_features = m.shape

    def col(group, name, arr):
        tenx_column(group, name, arr, cellranger)

    with h5py.File(path, "w") as f:
        g = f.create_group("matrix")
        col(g, "barcodes", np.array([b"%016d-1" % i for i in range(n_barcodes)], dtype="S18"))
        col(g, "data", m.data.astype(np.int32))
        col(g, "indices", m.indices.astype(np.int64))
        col(g, "indptr", m.indptr.astype(np.int64))
        col(g, "shape", np.array([n_features, n_barcodes], dtype=np.int32))
        fg = g.create_group("features")
        col(fg, "id", np.array([b"ENSG%011d" % i for i in range(n_features)], dtype="S15"))
        col(fg, "name", np.array([b"GENE%d" % i for i in range(n_features)], dtype="S16"))
        col(fg, "feature_type", np.array([b"Gene Expression"] * n_features, dtype="S15"))
        col(fg, "genome", np.array([b"GRCh38"] * n_features, dtype="S6"))
        col(fg, "_all_tag_keys", np.array([b"genome"], dtype="S6"))
        f.attrs["library_ids"] = np.array([b"bench"], dtype="S5")
        f.attrs["chemistry_description"] = b"Single Cell 3' v3"
        f.attrs["filetype"] = b"matrix"
        f.attrs["version"] = np.int64(2)


def write_dense(path, m, chunks):
    rows, cols = m.shape
    with h5py.File(path, "w") as f:
        ds = f.create_dataset("X", shape=(rows, cols), dtype=np.float32,
                              chunks=(min(chunks[0], rows), min(chunks[1], cols)))
        step = chunks[0] * 8
        for r0 in range(0, rows, step):
            ds[r0:min(rows, r0 + step)] = m[r0:r0 + step].toarray()


def write_seed(path, n, piece_rows):
    """n x n CSR of float64 ones in the anndata layout, written in pieces of piece_rows rows."""
    import anndata as ad
    import pandas as pd
    ad.AnnData(obs=pd.DataFrame(index=names("cell", n)),
               var=pd.DataFrame(index=names("gene", n))).write_h5ad(path)
    nnz = n * n
    with h5py.File(path, "r+") as f:
        if "X" in f:
            del f["X"]
        g = f.create_group("X")
        g.attrs["encoding-type"] = "csr_matrix"
        g.attrs["encoding-version"] = "0.1.0"
        g.attrs["shape"] = np.array([n, n], np.int64)
        # anndata's own writer passes maxshape=(None,) (h5py then chooses chunks); do the same.
        data = g.create_dataset("data", shape=(nnz,), dtype=np.float64, maxshape=(None,))
        indices = g.create_dataset("indices", shape=(nnz,), dtype=np.int32, maxshape=(None,))
        g.create_dataset("indptr", data=np.arange(n + 1, dtype=np.int64) * n, maxshape=(None,))
        ones = np.ones(piece_rows * n, np.float64)
        cols = np.tile(np.arange(n, dtype=np.int32), piece_rows)
        for r0 in range(0, n, piece_rows):
            k = min(piece_rows, n - r0) * n
            data[r0 * n:r0 * n + k] = ones[:k]
            indices[r0 * n:r0 * n + k] = cols[:k]


def write_selections(path, p):
    """Every selection of every case, explicit, so the C++ and Python contenders agree."""
    rng = np.random.default_rng(p["seed"] + 1)
    rows, cols = p["rows"], p["cols"]
    n = min(1000, rows // 10)
    sel = {}
    sel["rows_contig"] = np.array([rows * 2 // 5, n], np.int64)            # start, count
    sel["rows_random"] = np.sort(rng.choice(rows, n, replace=False)).astype(np.int64)
    # A boolean-mask-like union of 50 row runs: run lengths 1..39 (about 1,000 rows in all),
    # placed in order with random gaps.
    n_runs = 50 if rows >= 10_000 else 10
    lengths = rng.integers(1, 40 if rows >= 10_000 else 8, size=n_runs)
    slack = rows - int(lengths.sum())
    gaps = np.diff(np.concatenate(([0], np.sort(rng.choice(slack, n_runs, replace=False)))))
    starts = np.cumsum(gaps) + np.concatenate(([0], np.cumsum(lengths)[:-1]))
    sel["row_runs"] = np.stack([starts, lengths], axis=1).astype(np.int64)  # (start, count) rows
    sel["cols_window"] = np.array([cols // 2, min(100, cols // 10)], np.int64)
    sel["col_one"] = np.array([cols // 3], np.int64)
    n_points = 10_000 if rows >= 10_000 else 200
    sel["points"] = np.stack([rng.integers(0, rows, n_points), rng.integers(0, cols, n_points)],
                             axis=1).astype(np.int64)                      # random order
    sel["seed_rows"] = np.array([1, 4], np.int64)                            # X[1:5]
    sel["tenx_barcodes"] = np.array([rows // 5, n], np.int64)
    # Issue 15's CSC and 10x cases: columns of X (genes: rows of the 10x matrix), rows of X
    # (barcodes: its columns).
    sel["cols_contig"] = np.array([cols // 4, min(1000, cols // 10)], np.int64)
    sel["cols_random"] = np.sort(rng.choice(cols, min(1000, cols // 10), replace=False)).astype(np.int64)
    sel["rows_random_100"] = np.sort(rng.choice(rows, min(100, rows // 10), replace=False)).astype(np.int64)
    sel["cols_random_100"] = np.sort(rng.choice(cols, min(100, cols // 10), replace=False)).astype(np.int64)
    sel["h5dump_block"] = np.array([rows // 2, min(2000, rows // 10)], np.int64)
    # The columns plot: k random sorted columns of X (CSC primaries) and k random barcodes of
    # the 10x matrix (X's rows).
    col_sweep = [k for k in (1, 10, 100, 1000, 10_000) if k <= cols // 2]
    sel["sweep_col_counts"] = np.array(col_sweep, np.int64)
    for k in col_sweep:
        sel[f"sweep_cols_{k}"] = np.sort(rng.choice(cols, k, replace=False)).astype(np.int64)
        sel[f"sweep_barcodes_{k}"] = np.sort(rng.choice(rows, k, replace=False)).astype(np.int64)
    sweep = [k for k in (1, 10, 100, 1000, 10_000) if k <= rows // 4]
    sel["sweep_counts"] = np.array(sweep, np.int64)
    for k in sweep:
        sel[f"sweep_random_{k}"] = np.sort(rng.choice(rows, k, replace=False)).astype(np.int64)
    with h5py.File(path, "w") as f:
        for name, arr in sel.items():
            f.create_dataset(name, data=arr)
        f.attrs["rows"] = rows
        f.attrs["cols"] = cols
        f.attrs["seed_n"] = p["seed_n"]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true", help="tiny files (the smoke mode)")
    ap.add_argument("--out", help="directory (default: the cache)")
    ap.add_argument("--force", action="store_true", help="regenerate even when the stamp matches")
    args = ap.parse_args(argv)
    p = SMALL if args.small else FULL
    cache = os.environ.get("H5SPARSE_CACHE") or os.path.expanduser("~/.cache/h5sparse-vol")
    out = args.out or os.path.join(cache, "bench-small" if args.small else "bench")
    stamp_path = os.path.join(out, "stamp.json")
    want = {"version": GENERATOR_VERSION, "params": p}
    try:
        with open(stamp_path) as f:
            if json.load(f) == json.loads(json.dumps(want)) and not args.force:
                say(f"reusing {out}")
                print(out)
                return 0
    except (OSError, ValueError):
        pass

    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    t0 = time.monotonic()
    say(f"generating into {out} ({p['rows']} x {p['cols']}, density {p['density']})")
    m = random_csr(p)
    say(f"X: {m.nnz} stored values ({time.monotonic() - t0:.1f} s)")
    write_h5ad(os.path.join(out, "csr.h5ad"), m, *m.shape)
    write_h5ad(os.path.join(out, "csc.h5ad"), m.tocsc(), *m.shape)
    say(f"h5ad files written ({time.monotonic() - t0:.1f} s)")
    write_h5ad(os.path.join(out, "csr_gzip.h5ad"), m, *m.shape, compression="gzip")
    write_many_groups(os.path.join(out, "groups.h5ad"), m, p["uns_entries"])
    write_tenx(os.path.join(out, "tenx.h5"), m)
    write_tenx(os.path.join(out, "tenx_h5py.h5"), m, cellranger=False)
    say(f"10x file written ({time.monotonic() - t0:.1f} s)")
    write_dense(os.path.join(out, "dense.h5"), m, p["dense_chunks"])
    say(f"dense twin written ({time.monotonic() - t0:.1f} s)")
    del m
    write_seed(os.path.join(out, "seed.h5ad"), p["seed_n"], p["seed_piece_rows"])
    say(f"seed file written ({time.monotonic() - t0:.1f} s)")
    write_selections(os.path.join(out, "selections.h5"), p)
    with open(stamp_path, "w") as f:
        json.dump(want, f)
    say(f"done in {time.monotonic() - t0:.1f} s")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
