"""Writes extra.h5: sparse groups for the h5sparse-check rules and paths that the committed
fixtures (test/fixtures/data) do not cover. Deterministic; run with Debian's /usr/bin/python3
(h5py). Each group is the 4x3 seed matrix [[0,1,0],[0,0,2],[0,0,0],[3,4,0]] as anndata CSR
with one thing changed:

  shape_missing       no `shape` attribute                              -> shape-missing
  shape_float         `shape` is float64                                -> shape-type
  data_string         `data` holds strings                              -> data-type
  indptr_group        `indptr` is a group, not a dataset                -> component-missing
  negative_index      indices [1, -2, 0, 1]                             -> index-range
  huge_index          uint64 indices, one of them 2**63 + 5             -> index-range, not clipped
  huge_indptr         uint64 indptr ending in 2**64 - 1                 -> indptr-last, not clipped
  big_endian          >f8 / >i4 / >i8 components, fletcher32 + chunks  -> valid
  unsorted_long       3 x 50, row 1 has 30 unsorted entries, 3 repeats  -> valid, not sorted, duplicates
  zero_by_zero        0 x 0, nnz 0                                      -> valid, density n/a
  outer               valid, holding another sparse group `inner`      -> inner is not reported
                                                                           (hidden, as the connector hides it)
  alias               a second hard link to /outer                      -> the group is reported once,
                                                                           as /alias (first in name order)

and, in other conventions: cooler_lower (a pixel below the diagonal), col_graphs/bad (a loom
column out of range), matlab_empty (MATLAB's empty matrix without data and ir: valid),
matlab_empty_promises (its jc promises an entry), binsparse_upper_entry (a symmetric_lower COO
with an entry above the diagonal), binsparse_dcsr_order (a DCSR whose listed rows go backwards).
"""
import sys

import h5py
import numpy as np

SEED = dict(data=np.array([1, 2, 3, 4], "f8"), indices=np.array([1, 2, 0, 1], "i4"),
            indptr=np.array([0, 1, 2, 2, 4], "i4"))


def sparse(parent, name, shape=(4, 3), marker=True, **components):
    g = parent.create_group(name)
    if marker:
        g.attrs["encoding-type"] = "csr_matrix"
        g.attrs["encoding-version"] = "0.1.0"
    if shape is not None:
        g.attrs["shape"] = np.array(shape, "i8")
    for key in ("data", "indices", "indptr"):
        value = components.get(key, SEED[key])
        if value is not None:
            g.create_dataset(key, data=value)
    return g


def main(path):
    with h5py.File(path, "w", track_order=False) as f:
        sparse(f, "shape_missing", shape=None)
        g = sparse(f, "shape_float", shape=None)
        g.attrs["shape"] = np.array([4.0, 3.0])
        sparse(f, "data_string", data=np.array([b"a", b"b", b"c", b"d"]))
        g = sparse(f, "indptr_group", indptr=None)
        g.create_group("indptr")
        sparse(f, "negative_index", indices=np.array([1, -2, 0, 1], "i4"))
        sparse(f, "huge_index", indices=np.array([1, 2, 2**63 + 5, 1], "u8"))
        sparse(f, "huge_indptr", indptr=np.array([0, 1, 2, 2, 2**64 - 1], "u8"))
        g = f.create_group("big_endian")
        g.attrs["encoding-type"] = "csr_matrix"
        g.attrs["shape"] = np.array([4, 3], ">i8")
        for key, dtype in (("data", ">f8"), ("indices", ">i4"), ("indptr", ">i8")):
            g.create_dataset(key, data=SEED[key].astype(dtype), chunks=(2,), fletcher32=True)
        row1 = np.array([49, 3, 7, 3, 0, 12, 11, 10, 9, 8, 7, 6, 5, 4, 2, 1, 13, 14, 15, 16,
                         17, 18, 19, 20, 21, 22, 23, 24, 25, 7], "i4")
        indices = np.concatenate([np.array([0, 5], "i4"), row1, np.array([2], "i4")])
        sparse(f, "unsorted_long", shape=(3, 50), data=np.ones(len(indices), "f4"), indices=indices,
               indptr=np.array([0, 2, 32, 33], "i4"))
        sparse(f, "zero_by_zero", shape=(0, 0), data=np.zeros(0, "f4"), indices=np.zeros(0, "i4"),
               indptr=np.zeros(1, "i4"))
        outer = sparse(f, "outer")
        sparse(outer, "inner")
        f["alias"] = f["outer"]
        # A symmetric-upper cooler (cooler itself refuses to write this) with a pixel below the
        # diagonal, (1, 0).
        c = f.create_group("cooler_lower")
        c.attrs["format"] = "HDF5::Cooler"
        c.attrs["storage-mode"] = "symmetric-upper"
        c.attrs["nbins"] = np.int64(3)
        c["pixels/bin1_id"] = np.array([0, 0, 1, 2], "i8")
        c["pixels/bin2_id"] = np.array([0, 2, 0, 2], "i8")
        c["pixels/count"] = np.array([1, 2, 5, 3], "i4")
        c["indexes/bin1_offset"] = np.array([0, 2, 3, 4], "i8")
        # A loom graph (the file's 2-D /matrix makes it a loom file) with a column out of range.
        f["matrix"] = np.zeros((3, 4), "f4")
        f["col_graphs/bad/a"] = np.array([0, 3], "i4")
        f["col_graphs/bad/b"] = np.array([1, 9], "i4")
        f["col_graphs/bad/w"] = np.array([1, 2], "f4")
        # MATLAB's own empty sparse matrices (MATLAB leaves data and ir out; no MATLAB on Debian):
        # one valid, one whose jc promises an entry; and a binsparse COO storing its lower
        # triangle with an entry above the diagonal.
        for name, jc in (("matlab_empty", [0, 0, 0, 0]), ("matlab_empty_promises", [0, 0, 1, 1])):
            g = f.create_group(name)
            g.attrs["MATLAB_class"] = np.bytes_("double")
            g.attrs["MATLAB_sparse"] = np.uint64(2)
            g["jc"] = np.array(jc, "u8")
        g = f.create_group("binsparse_upper_entry")
        g.attrs["binsparse"] = ('{"binsparse": {"version": "0.1", "format": "COO", "shape": [3, 3], '
                                '"number_of_stored_values": 2, "structure": "symmetric_lower"}}')
        g["indices_0"] = np.array([1, 0], "i8")
        g["indices_1"] = np.array([0, 2], "i8")
        g["values"] = np.array([1.0, 2.0])
        # A binsparse DCSR whose listed rows go backwards.
        g = f.create_group("binsparse_dcsr_order")
        g.attrs["binsparse"] = '{"binsparse": {"version": "0.1", "format": "DCSR", "shape": [6, 4]}}'
        g["indices_0"] = np.array([4, 1], "i8")
        g["pointers_to_1"] = np.array([0, 1, 3], "i8")
        g["indices_1"] = np.array([0, 2, 3], "i8")
        g["values"] = np.array([1.0, 2.0, 3.0])


if __name__ == "__main__":
    main(sys.argv[1])
