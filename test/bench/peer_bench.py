"""What the peer benchmarks (cooler_bench.py, loom_bench.py) share: the weighted checksum both
sides compute the same way, and one region timed through the connector by h5sparse_region_bench."""

import json
import os
import subprocess
import time

import numpy as np

PLAIN_INFO = "under_vol=0;under_info={}"


def checksum(m):
    """sum of value * ((row * 7 + col) % 1009 + 1), wrapping; h5sparse_region_bench agrees."""
    r, c = np.indices(m.shape, dtype=np.uint64)
    weights = (r * np.uint64(7) + c) % np.uint64(1009) + np.uint64(1)
    return int(np.sum(m.astype(np.int64).astype(np.uint64) * weights, dtype=np.uint64))


def time_connector(build, path, dataset, r0, c0, rows, cols, reps, info=PLAIN_INFO):
    """(wall seconds per repetition, checksum, non-zero count) of one region read by H5Dread."""
    env = dict(os.environ, HDF5_PLUGIN_PATH=os.path.join(build, "plugin"))
    env.pop("HDF5_VOL_CONNECTOR", None)
    out = subprocess.run([os.path.join(build, "test", "bench", "h5sparse_region_bench"), path, dataset,
                          str(r0), str(c0), str(rows), str(cols), str(reps), info],
                         env=env, check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["wall"], r["checksum"], r["nonzero"]


def time_peer(read, reps):
    """(wall seconds per repetition, checksum, non-zero count) of read(), a peer's dense region."""
    wall = []
    for _ in range(reps):
        t0 = time.perf_counter()
        m = read()
        wall.append(time.perf_counter() - t0)
    return wall, checksum(m), int(np.count_nonzero(m))
