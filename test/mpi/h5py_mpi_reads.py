"""h5py with mpi4py (Debian's python3-h5py-mpi) reading blocks of an h5ad and a 10x file through
the connector under mpiexec: each rank opens the files with driver="mpio", reads its block of
rows (and of columns) with independent and with collective transfer (``dset.collective``), and
compares it with the same block of the dense twin (a plain dataset, which the connector passes
through) read with the serial driver. X being an h5py.Dataset proves the connector is in use. Run: mpiexec -n N python3 h5py_mpi_reads.py <fixtures dir>"""
import os
import sys

import h5py
import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, ranks = comm.Get_rank(), comm.Get_size()
fixtures = sys.argv[1]
failures = 0
if not h5py.get_config().mpi:
    print(f"rank {rank}: FAIL: this h5py is not built with MPI", flush=True)
    sys.exit(1)


def block(n, r):
    return n * r // ranks, n * (r + 1) // ranks


for name, path, twin in [("anndata.h5ad", "X", "anndata_dense.h5"),
                         ("anndata.h5ad", "layers/counts", "anndata_dense.h5"),
                         ("tenx_v3.h5", "matrix", "tenx_v3_dense.h5")]:
    with h5py.File(os.path.join(fixtures, name), "r", driver="mpio", comm=comm) as f, \
         h5py.File(os.path.join(fixtures, twin), "r") as t:
        d, dense = f[path], t[path]
        ok = isinstance(d, h5py.Dataset) and d.shape == dense.shape
        for axis in (0, 1):
            lo, hi = block(d.shape[axis], rank)
            index = np.s_[lo:hi, :] if axis == 0 else np.s_[:, lo:hi]
            for collective in (False, True):
                if collective:
                    with d.collective:
                        got = d[index]
                else:
                    got = d[index]
                good = ok and np.array_equal(got, dense[index]) and got.dtype == dense.dtype
                if not good:
                    failures += 1
                    print(f"rank {rank}: FAIL: {name}:/{path} axis {axis} [{lo}, {hi}) "
                          f"{'collective' if collective else 'independent'}", flush=True)
                everyone = comm.allreduce(0 if good else 1)
                if rank == 0:
                    print(f"{'FAIL' if everyone else 'ok'}: {name}:/{path} "
                          f"{'rows' if axis == 0 else 'columns'} in {ranks} blocks, "
                          f"{'collective' if collective else 'independent'}", flush=True)
total = comm.allreduce(failures)
if rank == 0:
    print(f"h5py {h5py.__version__} (MPI), HDF5 {h5py.version.hdf5_version}, {ranks} ranks: {total} failure(s)")
sys.exit(1 if total else 0)
