// Writes a tagged sparse group (data/indices/indptr + convention attributes) with the plain
// HDF5 C API, and its dense twin. Independent of the connector: everything goes through the
// file id the caller passes (open it with native_access.hpp).
//
// Entries are written in *storage order as given*: the writer only groups them by major index
// (row for CSR, column for CSC), which must be non-decreasing, and keeps the given order within
// a major slice. Tests use that to write unsorted indices and duplicate entries on purpose.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <span>
#include <string>

namespace h5sparse_test {

enum class Convention {
    anndata,   // encoding-type = csr_matrix|csc_matrix, encoding-version = 0.1.0, shape int64[2]
    h5sparse,  // h5sparse_format = csr|csc, h5sparse_shape int64[2]
    // The next three present a CSR only (their views are CSR over the stored pointers):
    matlab,    // MATLAB_sparse = cols (MATLAB's row count), MATLAB_class; jc, ir, data
    octave,    // path = Octave's variable (OCTAVE_NEW_FORMAT, `type`); path/value holds nr = cols,
               // nc = rows, nz and (n, 1) columns cidx, ridx, data
    hdmf,      // data_type = CSRMatrix, namespace = hdmf-common, shape uint64[2]
    h5seurat,  // CSC only: dims int32[2]; the file's root gets SeuratDisk's active.assay and version
};
enum class Orientation { csr, csc };

const char* to_string(Convention c);
const char* to_string(Orientation o);

struct Triplet {
    std::uint64_t row = 0;
    std::uint64_t col = 0;
    double value = 0;  // must be exactly representable in the value type
};

struct SparseGroupOptions {
    std::string path = "/X";  // intermediate groups are created
    Convention convention = Convention::anndata;
    Orientation orientation = Orientation::csr;
    std::uint64_t rows = 0;
    std::uint64_t cols = 0;
    hid_t value_type = H5T_NATIVE_DOUBLE;  // file type of `data`: any integer or float type
    hid_t index_type = H5T_NATIVE_INT32;   // file type of `indices`: any integer type
    hid_t indptr_type = H5T_NATIVE_INT64;  // file type of `indptr`: any integer type
    bool chunked = false;
    std::uint64_t chunk_elements = 0;  // 0: the writer picks a small chunk (several chunks per component)
    bool unlimited = true;             // chunked only: maxdims H5S_UNLIMITED, as anndata writes them
    int gzip_level = -1;               // chunked only; -1: no filter
    bool shuffle = false;              // chunked only: HDF5's shuffle before deflate (Cell Ranger's pipeline)
};

// Writes the group. Throws std::invalid_argument when the entries do not fit the options (major
// order decreasing, index out of range, index or indptr values the integer types cannot hold,
// values the value type cannot hold exactly) and std::runtime_error on HDF5 failures.
void write_sparse_group(hid_t file, const SparseGroupOptions& options,
                        std::span<const Triplet> entries_in_storage_order);

// Where the connector shows the matrix: options.path, or Octave's path/value.
std::string virtual_dataset_path(const SparseGroupOptions& options);

// A plain 2-D dataset of `value_type` holding `row_major` (rows*cols values, converted from
// double by HDF5). Contiguous unless `chunked`.
void write_dense_twin(hid_t file, const std::string& path, hid_t value_type, std::uint64_t rows, std::uint64_t cols,
                      std::span<const double> row_major, bool chunked = false);

}  // namespace h5sparse_test
