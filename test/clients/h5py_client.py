"""Debian 13's h5py, unmodified, reads sparse groups through the connector as ordinary datasets.

Run by run_client.sh inside the Debian 13 root filesystem; the connector comes from the
environment (HDF5_PLUGIN_PATH, HDF5_VOL_CONNECTOR). Each sparse group is compared with its dense
twin (test/fixtures/README.md). A silent fallback to the native connector fails here: the group
would open as an h5py.Group, and the file's connector name (asked from the very libhdf5 h5py
loaded) would be "native".
"""
import ctypes
import os
import re
import sys

import h5py
import numpy as np

FIXTURES = os.environ["H5SPARSE_FIXTURES"]
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def same(actual, expected, what):
    actual, expected = np.asarray(actual), np.asarray(expected)
    ok = actual.shape == expected.shape and actual.dtype == expected.dtype and np.array_equal(actual, expected)
    detail = "" if ok else f" (got {actual.dtype}{actual.shape}, want {expected.dtype}{expected.shape})"
    check(ok, what + detail)


def loaded_libraries():
    with open("/proc/self/maps") as maps:
        return {line.split()[-1] for line in maps if "/" in line}


def connector_name(object_id):
    """H5VLget_connector_name on an h5py object id, through the libhdf5 h5py itself loaded."""
    libhdf5 = next(path for path in sorted(loaded_libraries()) if re.search(r"/libhdf5(_serial)?\.so", path))
    lib = ctypes.CDLL(libhdf5)
    lib.H5VLget_connector_name.restype = ctypes.c_ssize_t
    lib.H5VLget_connector_name.argtypes = [ctypes.c_int64, ctypes.c_char_p, ctypes.c_size_t]
    buf = ctypes.create_string_buffer(64)
    if lib.H5VLget_connector_name(object_id.id, buf, len(buf)) < 0:
        return None
    return buf.value.decode()


def fixture(name):
    return h5py.File(os.path.join(FIXTURES, name), "r")


def check_matrix(f, twin, path):
    """The sparse group at `path` reads like the twin's dataset, whatever the selection."""
    x, dense = f[path], twin[path][()]
    check(isinstance(x, h5py.Dataset), f"{path} is an h5py.Dataset ({type(x).__name__})")
    if not isinstance(x, h5py.Dataset):
        return
    check(x.shape == dense.shape and x.ndim == 2 and len(x) == dense.shape[0], f"{path} shape {x.shape}")
    check(x.dtype == dense.dtype, f"{path} dtype {x.dtype}")
    rows, cols = dense.shape
    same(x[()], dense, f"{path}[()]")
    same(x[...], dense, f"{path}[...]")
    same(np.asarray(x), dense, f"np.asarray({path})")
    r0, c0 = (10 if rows > 12 else 1), (5 if cols > 7 else 1)  # [10:20, 5:30] when it exists
    r1, c1 = min(r0 + 10, rows), min(c0 + 25, cols)
    same(x[r0:r1, c0:c1], dense[r0:r1, c0:c1], f"{path}[{r0}:{r1}, {c0}:{c1}]")
    same(x[::3, 1::4], dense[::3, 1::4], f"{path}[::3, 1::4]")
    same(x[rows - 1], dense[rows - 1], f"{path}[{rows - 1}] (one row)")
    same(x[:, cols - 1], dense[:, cols - 1], f"{path}[:, {cols - 1}] (one column)")
    picked = sorted({0, 1, rows // 3, rows // 2, rows - 1})
    same(x[picked, :], dense[picked, :], f"{path}[{picked}, :] (fancy rows)")
    picked_cols = sorted({0, cols // 2, cols - 1})
    same(x[r0:r1, picked_cols], dense[r0:r1, picked_cols], f"{path}[{r0}:{r1}, {picked_cols}] (fancy columns)")
    row_mask = np.arange(rows) % 4 == 1
    same(x[row_mask, :], dense[row_mask, :], f"{path}[row mask, :] (boolean mask over rows)")
    mask = (np.add.outer(np.arange(rows), np.arange(cols)) % 5 == 0) | (dense != 0)
    same(x[mask], dense[mask], f"{path}[2-D boolean mask] ({int(mask.sum())} points)")
    out = np.zeros((r1 - r0, c1 - c0), dtype=np.float64)
    x.read_direct(out, np.s_[r0:r1, c0:c1])
    same(out, dense[r0:r1, c0:c1].astype(np.float64), f"{path}.read_direct into float64 (type conversion)")
    same(x.astype(np.float64)[:5], dense[:5].astype(np.float64), f"{path}.astype(float64)[:5]")
    check(sorted(x.attrs.keys()) == sorted(twin[path].attrs.keys()),
          f"{path}.attrs {sorted(x.attrs.keys())} are the twin's (markers hidden)")
    check(connector_name(x.id) == "h5sparse", f"{path}: H5VLget_connector_name is {connector_name(x.id)!r}")


def main():
    with fixture("anndata.h5ad") as f, fixture("anndata_dense.h5") as twin:
        check(connector_name(f.id) == "h5sparse", f"anndata.h5ad: H5VLget_connector_name is {connector_name(f.id)!r}")
        for path in ("X", "layers/counts", "obsp/connectivities"):
            check_matrix(f, twin, path)
        seen = {}
        f.visititems(lambda name, obj: seen.__setitem__(name, type(obj).__name__))
        for path in ("X", "layers/counts", "obsp/connectivities", "varp/corr", "raw/X", "uns/graphs/g1"):
            check(seen.get(path) == "Dataset", f"visititems sees {path} as a Dataset ({seen.get(path)})")
        components = sorted(n for n in seen if re.search(r"/(data|indices|indptr)$", n))
        check(not components, f"visititems sees no sparse components {components}")
        check("X" in f and "X/data" not in f, "'X' in f and 'X/data' not in f")
    with fixture("seed_h5sparse.h5") as f, fixture("seed_h5sparse_dense.h5") as twin:
        check_matrix(f, twin, "X")
        same(f["X"][()], np.array([[0, 1, 0], [0, 0, 2], [0, 0, 0], [3, 4, 0]], dtype=np.float64), "seed X by value")
    with fixture("tenx_v3.h5") as f, fixture("tenx_v3_dense.h5") as twin:
        check_matrix(f, twin, "matrix")
    # A matrix stored in the root group is /matrix beside the root's arrays.
    with fixture("binsparse_root.h5") as f, fixture("binsparse_root_dense.h5") as twin:
        check_matrix(f, twin, "matrix")
        names = list(f)
        check(names == ["indices_1", "matrix", "pointers_to_1", "values"] and len(f) == len(names),
              f"binsparse_root.h5 lists {names} (len {len(f)})")
        check("matrix" in f and "/matrix" in f and f["matrix"].name == "/matrix", "'/matrix' in f, named /matrix")
        check(isinstance(f["/"], h5py.Group), "the root stays a group")
    # binsparse's fill_value other than 0: the background, and the dataset's fill value.
    with fixture("binsparse.h5") as f, fixture("binsparse_dense.h5") as twin:
        for path, background in (("fill_nonzero", 5.0), ("fill_coo", -1.5), ("fill_symmetric", 7)):
            check_matrix(f, twin, path)
            check(f[path].fillvalue == background, f"{path}.fillvalue is {f[path].fillvalue!r}, want {background}")
    check(any(p.endswith("/libh5sparse_vol.so") for p in loaded_libraries()), "libh5sparse_vol.so is loaded")
    print(f"h5py {h5py.__version__}, HDF5 {h5py.version.hdf5_version}, numpy {np.__version__}")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
