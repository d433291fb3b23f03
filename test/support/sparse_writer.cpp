#include "support/sparse_writer.hpp"

#include "support/h5_handle.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace h5sparse_test {
namespace {

// Largest value an integer type holds (as uint64; signed types: the positive maximum).
std::uint64_t integer_max(hid_t type) {
    const std::size_t bits = H5Tget_size(type) * 8;
    const bool is_signed = H5Tget_sign(type) != H5T_SGN_NONE;
    const std::size_t value_bits = is_signed ? bits - 1 : bits;
    return value_bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << value_bits) - 1;
}

void require_integer(hid_t type, const char* what) {
    if (H5Tget_class(type) != H5T_INTEGER)
        throw std::invalid_argument(std::string(what) + " type must be an integer type");
}

H5Handle link_create_plist() {
    H5Handle lcpl = owned(H5Pcreate(H5P_LINK_CREATE), "H5Pcreate(LINK_CREATE)");
    check_status(H5Pset_create_intermediate_group(lcpl.get(), 1), "H5Pset_create_intermediate_group");
    return lcpl;
}

H5Handle dataset_create_plist(const SparseGroupOptions& o, hsize_t n, hsize_t* maxdims) {
    H5Handle dcpl = owned(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate(DATASET_CREATE)");
    *maxdims = n;
    if (!o.chunked) return dcpl;
    // A chunk may not exceed a fixed maximum dimension, so an empty component needs unlimited.
    if (o.unlimited || n == 0) *maxdims = H5S_UNLIMITED;
    hsize_t chunk = o.chunk_elements != 0 ? o.chunk_elements : std::max<hsize_t>(1, (n + 3) / 4);
    if (*maxdims != H5S_UNLIMITED) chunk = std::min(chunk, std::max<hsize_t>(1, n));
    check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), "H5Pset_chunk");
    if (o.shuffle) check_status(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle");
    if (o.gzip_level >= 0)
        check_status(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(o.gzip_level)), "H5Pset_deflate");
    return dcpl;
}

// 1-D, or as Octave stores them, an (n, 1) column.
void write_component(hid_t group, const char* name, hid_t file_type, hid_t mem_type, const void* values, hsize_t n,
                     const SparseGroupOptions& o) {
    hsize_t maxdims = 0;
    const H5Handle dcpl = dataset_create_plist(o, n, &maxdims);
    const bool column = o.convention == Convention::octave;
    if (column && o.chunked) {
        hsize_t chunk[2] = {1, 1};
        H5Pget_chunk(dcpl.get(), 1, chunk);
        check_status(H5Pset_chunk(dcpl.get(), 2, chunk), "H5Pset_chunk (column)");
    }
    const hsize_t dims[2] = {n, 1}, max2[2] = {maxdims, 1};
    const H5Handle space = owned(H5Screate_simple(column ? 2 : 1, dims, max2), "H5Screate_simple");
    const H5Handle dset = owned(H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                std::string("H5Dcreate2(") + name + ")");
    if (n > 0)
        check_status(H5Dwrite(dset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
                     std::string("H5Dwrite(") + name + ")");
}

void write_string_attribute(hid_t obj, const char* name, const char* value) {
    const H5Handle type = owned(H5Tcopy(H5T_C_S1), "H5Tcopy(C_S1)");
    check_status(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size(VARIABLE)");
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset(UTF8)");
    const H5Handle space = owned(H5Screate(H5S_SCALAR), "H5Screate(SCALAR)");
    const H5Handle attr = owned(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                std::string("H5Acreate2(") + name + ")");
    const char* ptr = value;
    check_status(H5Awrite(attr.get(), type.get(), &ptr), std::string("H5Awrite(") + name + ")");
}

// A scalar integer attribute, or (as_dataset) a scalar integer dataset.
void write_scalar(hid_t obj, const char* name, hid_t file_type, std::uint64_t value, bool as_dataset) {
    const H5Handle space = owned(H5Screate(H5S_SCALAR), "H5Screate(SCALAR)");
    if (as_dataset) {
        const H5Handle d = owned(H5Dcreate2(obj, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name);
        check_status(H5Dwrite(d.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), name);
    } else {
        const H5Handle a = owned(H5Acreate2(obj, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), name);
        check_status(H5Awrite(a.get(), H5T_NATIVE_UINT64, &value), name);
    }
}

// Fixed-length ASCII strings, as matio and Octave write them.
H5Handle fixed_string_type(const char* value) {
    H5Handle type = owned(H5Tcopy(H5T_C_S1), "H5Tcopy(C_S1)");
    check_status(H5Tset_size(type.get(), std::strlen(value) + 1), "H5Tset_size");
    return type;
}

void write_fixed_string_attribute(hid_t obj, const char* name, const char* value) {
    const H5Handle type = fixed_string_type(value);
    const H5Handle space = owned(H5Screate(H5S_SCALAR), "H5Screate(SCALAR)");
    const H5Handle a = owned(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), name);
    check_status(H5Awrite(a.get(), type.get(), value), name);
}

void write_fixed_string_dataset(hid_t obj, const char* name, const char* value) {
    const H5Handle type = fixed_string_type(value);
    const H5Handle space = owned(H5Screate(H5S_SCALAR), "H5Screate(SCALAR)");
    const H5Handle d = owned(H5Dcreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name);
    check_status(H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, value), name);
}

void write_shape_attribute(hid_t obj, const char* name, std::uint64_t rows, std::uint64_t cols) {
    const hsize_t two = 2;
    const H5Handle space = owned(H5Screate_simple(1, &two, nullptr), "H5Screate_simple");
    const H5Handle attr = owned(H5Acreate2(obj, name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                std::string("H5Acreate2(") + name + ")");
    const std::int64_t shape[2] = {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(cols)};
    check_status(H5Awrite(attr.get(), H5T_NATIVE_INT64, shape), std::string("H5Awrite(") + name + ")");
}

// Every value must survive double -> value_type -> double unchanged, or the dense reference
// (built from the doubles) would not describe the file.
void require_exact_values(hid_t value_type, const std::vector<double>& values) {
    if (values.empty()) return;
    const std::size_t size = std::max<std::size_t>(H5Tget_size(value_type), sizeof(double));
    std::vector<unsigned char> buf(values.size() * size);
    std::copy_n(reinterpret_cast<const unsigned char*>(values.data()), values.size() * sizeof(double), buf.data());
    check_status(H5Tconvert(H5T_NATIVE_DOUBLE, value_type, values.size(), buf.data(), nullptr, H5P_DEFAULT),
                 "H5Tconvert(double -> value type)");
    check_status(H5Tconvert(value_type, H5T_NATIVE_DOUBLE, values.size(), buf.data(), nullptr, H5P_DEFAULT),
                 "H5Tconvert(value type -> double)");
    const auto* back = reinterpret_cast<const double*>(buf.data());
    for (std::size_t i = 0; i < values.size(); ++i)
        if (back[i] != values[i])
            throw std::invalid_argument("value " + std::to_string(values[i]) +
                                        " is not exactly representable in the value type");
}

}  // namespace

const char* to_string(Convention c) {
    switch (c) {
        case Convention::anndata: return "anndata";
        case Convention::h5sparse: return "h5sparse";
        case Convention::matlab: return "matlab";
        case Convention::octave: return "octave";
        case Convention::hdmf: return "hdmf";
        case Convention::h5seurat: return "h5seurat";
    }
    return "?";
}

std::string virtual_dataset_path(const SparseGroupOptions& o) {
    return o.convention == Convention::octave ? o.path + "/value" : o.path;
}
const char* to_string(Orientation o) { return o == Orientation::csr ? "csr" : "csc"; }

void write_sparse_group(hid_t file, const SparseGroupOptions& o, std::span<const Triplet> entries) {
    require_integer(o.index_type, "index");
    require_integer(o.indptr_type, "indptr");
    const bool csr = o.orientation == Orientation::csr;
    const std::uint64_t major_dim = csr ? o.rows : o.cols;

    std::vector<std::uint64_t> indptr(major_dim + 1, 0);
    std::vector<std::uint64_t> indices;
    std::vector<double> data;
    indices.reserve(entries.size());
    data.reserve(entries.size());
    std::uint64_t previous_major = 0;
    for (const Triplet& t : entries) {
        if (t.row >= o.rows || t.col >= o.cols)
            throw std::invalid_argument("entry (" + std::to_string(t.row) + "," + std::to_string(t.col) +
                                        ") outside the shape");
        const std::uint64_t major = csr ? t.row : t.col;
        if (major < previous_major)
            throw std::invalid_argument("entries are not grouped by non-decreasing major index");
        previous_major = major;
        ++indptr[major + 1];
        indices.push_back(csr ? t.col : t.row);
        data.push_back(t.value);
    }
    for (std::uint64_t m = 0; m < major_dim; ++m) indptr[m + 1] += indptr[m];

    if (!indices.empty() && *std::max_element(indices.begin(), indices.end()) > integer_max(o.index_type))
        throw std::invalid_argument("an index does not fit the index type");
    if (indptr.back() > integer_max(o.indptr_type)) throw std::invalid_argument("nnz does not fit the indptr type");
    require_exact_values(o.value_type, data);

    const bool csr_only = o.convention == Convention::matlab || o.convention == Convention::octave ||
                          o.convention == Convention::hdmf;
    if (csr_only && !csr) throw std::invalid_argument(std::string(to_string(o.convention)) + " presents a CSR only");
    if (o.convention == Convention::h5seurat && csr) throw std::invalid_argument("h5seurat stores a CSC only");
    const H5Handle lcpl = link_create_plist();
    const std::string group_path = virtual_dataset_path(o);
    const H5Handle group = owned(H5Gcreate2(file, group_path.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT),
                                 "H5Gcreate2(" + group_path + ")");
    const char* names[3] = {"data", "indices", "indptr"};
    if (o.convention == Convention::matlab) {
        write_scalar(group.get(), "MATLAB_sparse", H5T_STD_U64LE, o.cols, false);
        write_fixed_string_attribute(group.get(), "MATLAB_class", "double");
        names[1] = "ir";
        names[2] = "jc";
    } else if (o.convention == Convention::octave) {
        const H5Handle variable = owned(H5Gopen2(file, o.path.c_str(), H5P_DEFAULT), "H5Gopen2(" + o.path + ")");
        write_scalar(variable.get(), "OCTAVE_NEW_FORMAT", H5T_STD_U8LE, 1, false);
        write_fixed_string_dataset(variable.get(), "type", "sparse matrix");
        write_scalar(group.get(), "nr", H5T_STD_I64LE, o.cols, true);
        write_scalar(group.get(), "nc", H5T_STD_I64LE, o.rows, true);
        write_scalar(group.get(), "nz", H5T_STD_I64LE, data.size(), true);
        names[1] = "ridx";
        names[2] = "cidx";
    } else if (o.convention == Convention::hdmf) {
        write_string_attribute(group.get(), "data_type", "CSRMatrix");
        write_string_attribute(group.get(), "namespace", "hdmf-common");
        write_shape_attribute(group.get(), "shape", o.rows, o.cols);
    } else if (o.convention == Convention::h5seurat) {
        const H5Handle root = owned(H5Gopen2(file, "/", H5P_DEFAULT), "H5Gopen2(/)");
        for (const char* name : {"active.assay", "version"})
            if (H5Aexists(root.get(), name) <= 0) write_string_attribute(root.get(), name, name[0] == 'a' ? "RNA" : "3.1.5");
        const H5Handle space = owned(H5Screate_simple(1, std::array<hsize_t, 1>{2}.data(), nullptr), "dims space");
        const H5Handle dims = owned(H5Acreate2(group.get(), "dims", H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), "dims");
        const std::uint64_t shape[2] = {o.rows, o.cols};
        check_status(H5Awrite(dims.get(), H5T_NATIVE_UINT64, shape), "H5Awrite(dims)");
    } else if (o.convention == Convention::anndata) {
        write_string_attribute(group.get(), "encoding-type", csr ? "csr_matrix" : "csc_matrix");
        write_string_attribute(group.get(), "encoding-version", "0.1.0");
        write_shape_attribute(group.get(), "shape", o.rows, o.cols);
    } else {
        write_string_attribute(group.get(), "h5sparse_format", csr ? "csr" : "csc");
        write_shape_attribute(group.get(), "h5sparse_shape", o.rows, o.cols);
    }
    write_component(group.get(), names[0], o.value_type, H5T_NATIVE_DOUBLE, data.data(), data.size(), o);
    write_component(group.get(), names[1], o.index_type, H5T_NATIVE_UINT64, indices.data(), indices.size(), o);
    write_component(group.get(), names[2], o.indptr_type, H5T_NATIVE_UINT64, indptr.data(), indptr.size(), o);
}

void write_dense_twin(hid_t file, const std::string& path, hid_t value_type, std::uint64_t rows, std::uint64_t cols,
                      std::span<const double> row_major, bool chunked) {
    if (row_major.size() != rows * cols)
        throw std::invalid_argument("dense twin: value count does not match the shape");
    const hsize_t dims[2] = {rows, cols};
    const H5Handle space = owned(H5Screate_simple(2, dims, nullptr), "H5Screate_simple");
    const H5Handle dcpl = owned(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate(DATASET_CREATE)");
    if (chunked && rows > 0 && cols > 0) {
        const hsize_t chunk[2] = {std::max<hsize_t>(1, rows / 3), std::max<hsize_t>(1, cols / 2)};
        check_status(H5Pset_chunk(dcpl.get(), 2, chunk), "H5Pset_chunk");
    }
    const H5Handle lcpl = link_create_plist();
    const H5Handle dset =
        owned(H5Dcreate2(file, path.c_str(), value_type, space.get(), lcpl.get(), dcpl.get(), H5P_DEFAULT),
              "H5Dcreate2(" + path + ")");
    if (!row_major.empty())
        check_status(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, row_major.data()),
                     "H5Dwrite(" + path + ")");
}

}  // namespace h5sparse_test
