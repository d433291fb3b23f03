// libFuzzer target: fuzz bytes become one sparse group in an in-memory HDF5 file (core driver),
// written natively with the plain C API, so HDF5's own format is always valid and the fuzzing
// lands on what the connector must not trust: which convention (anndata, h5sparse, 10x and
// unmarked, binsparse with its JSON descriptor, MATLAB with its empty form, HDMF, chihaya; Octave,
// cooler, loom and EpetraExt with the objects around their groups) and markers, marker string
// forms, shape values and types, each component present or not, its rank, type, length (small
// and written, or huge and unwritten), values, chunking and filters. The file is then opened
// through the connector (linked in, not loaded) and listed, visited, opened, and read with
// selections and memory types taken from the input. Any crash, sanitizer report, leak, hang
// (libFuzzer -timeout) or allocation sized by a claimed length (-rss_limit_mb) is a finding.
//
// Exactness is the randomised differential suite's job (test/read); this target looks for
// what breaks on input nobody would write on purpose.
#include <h5sparse_vol.h>
#include <hdf5.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_input.hpp"

using h5sparse_fuzz::FuzzInput;

namespace {

// Components: lengths written in full stay small; a "claimed" length is unwritten chunks.
constexpr std::uint64_t kMaxWritten = 64;
constexpr std::uint64_t kMaxClaimed = std::uint64_t{1} << 40;
// Memory buffers are sized by the selection, which is clamped to this many elements.
constexpr hsize_t kMaxSelected = 4096;

struct Id {  // closes whatever it holds
    hid_t id = H5I_INVALID_HID;
    herr_t (*close)(hid_t) = nullptr;
    Id(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) {}
    Id(Id&& other) noexcept : id(other.id), close(other.close) { other.id = H5I_INVALID_HID; }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
    ~Id() {
        if (id >= 0 && close) close(id);
    }
    operator hid_t() const { return id; }
};

hid_t pick_type(FuzzInput& in, bool allow_odd) {
    static const hid_t* const kTypes[] = {&H5T_NATIVE_INT8_g,   &H5T_NATIVE_UINT8_g,  &H5T_NATIVE_INT16_g,
                                          &H5T_NATIVE_UINT16_g, &H5T_NATIVE_INT32_g,  &H5T_NATIVE_UINT32_g,
                                          &H5T_NATIVE_INT64_g,  &H5T_NATIVE_UINT64_g, &H5T_NATIVE_FLOAT_g,
                                          &H5T_NATIVE_DOUBLE_g, &H5T_STD_I64BE_g,     &H5T_IEEE_F64BE_g};
    const unsigned n = sizeof(kTypes) / sizeof(kTypes[0]);
    unsigned which = in.pick(allow_odd ? n + 2 : n);
    if (which < n) return H5Tcopy(*kTypes[which]);
    if (which == n) {  // a compound where a number is expected
        hid_t t = H5Tcreate(H5T_COMPOUND, 16);
        H5Tinsert(t, "real", 0, H5T_NATIVE_DOUBLE);
        H5Tinsert(t, "imag", 8, H5T_NATIVE_DOUBLE);
        return t;
    }
    hid_t t = H5Tcopy(H5T_C_S1);  // a string
    H5Tset_size(t, 4);
    return t;
}

// An attribute or (`as_dataset`) a dataset `name` of `obj` of `type`, written from `buf` of
// `mem_type`.
void write_object(hid_t obj, const char* name, hid_t type, hid_t mem_type, hid_t space, const void* buf,
                  bool as_dataset) {
    if (as_dataset) {
        Id d(H5Dcreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
        if (d >= 0) H5Dwrite(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
    } else {
        Id a(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
        if (a >= 0) H5Awrite(a, mem_type, buf);
    }
}

// A string of a fuzzed form (variable or fixed length, scalar or one element, padded or not), as
// an attribute or (`as_dataset`) a dataset.
void write_string(FuzzInput& in, hid_t obj, const char* name, std::string value, bool as_dataset) {
    if (in.pick(8) == 0) value += std::string(in.pick(5), in.flag() ? ' ' : '\0');  // padding
    const unsigned form = in.pick(3);
    Id type(H5Tcopy(H5T_C_S1), H5Tclose);
    hsize_t one = 1;
    Id space(form == 2 ? H5Screate_simple(1, &one, nullptr) : H5Screate(H5S_SCALAR), H5Sclose);
    if (form == 0) {  // variable length, as h5py writes
        H5Tset_size(type, H5T_VARIABLE);
        H5Tset_cset(type, in.flag() ? H5T_CSET_UTF8 : H5T_CSET_ASCII);
        const char* text = value.c_str();
        write_object(obj, name, type, type, space, &text, as_dataset);
    } else {  // fixed length
        H5Tset_size(type, std::max<size_t>(1, value.size()));
        H5Tset_strpad(type, in.flag() ? H5T_STR_NULLPAD : H5T_STR_NULLTERM);
        value.resize(std::max<size_t>(1, value.size()));
        write_object(obj, name, type, type, space, value.data(), as_dataset);
    }
}

void write_string_attribute(FuzzInput& in, hid_t obj, const char* name, std::string value) {
    write_string(in, obj, name, std::move(value), false);
}

// A 1-D (sometimes 2-D) integer array, as an attribute (`as_dataset` false) or a dataset.
void write_shape(FuzzInput& in, hid_t obj, const char* name, bool as_dataset, std::int64_t rows, std::int64_t cols) {
    std::vector<std::int64_t> values = {rows, cols};
    const unsigned variant = in.pick(10);
    if (variant == 0) values.push_back(in.i64());    // three elements
    if (variant == 1) values.resize(1);             // one
    Id type(variant == 2 ? H5Tcopy(H5T_NATIVE_DOUBLE) : pick_type(in, false), H5Tclose);
    hsize_t n = values.size();
    Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    write_object(obj, name, type, H5T_NATIVE_INT64, space, values.data(), as_dataset);
}

// One integer (MATLAB_sparse, chihaya's by_column), as an attribute or a dataset: mostly one
// element of a fuzzed type, sometimes two, sometimes a float.
void write_count(FuzzInput& in, hid_t obj, const char* name, bool as_dataset, std::int64_t value) {
    const unsigned variant = in.pick(10);
    const std::int64_t values[2] = {variant == 0 ? in.i64() : value, value};
    Id type(variant == 1 ? H5Tcopy(H5T_NATIVE_DOUBLE) : pick_type(in, false), H5Tclose);
    hsize_t n = variant == 2 ? 2 : 1;
    Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    write_object(obj, name, type, H5T_NATIVE_INT64, space, values, as_dataset);
}

// One component: absent, a group, or a dataset of a fuzzed type, rank, length and layout.
// `plausible` values (indptr: a running sum; indices: below `extent`) keep cases deep enough
// to reach the read path; the input can always break them.
void write_component(FuzzInput& in, hid_t group, const char* name, std::uint64_t length_hint, int role,
                     std::uint64_t extent, bool column_vector = false) {
    const unsigned presence = in.pick(16);
    if (presence == 0) return;  // missing
    if (presence == 1) {        // not a dataset
        Id g(H5Gcreate2(group, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        return;
    }
    Id type(role == 0 ? pick_type(in, true) : (in.pick(6) == 0 ? pick_type(in, true) : pick_type(in, false)), H5Tclose);
    if (type < 0) return;
    const bool claimed = in.pick(12) == 0;
    std::uint64_t length = claimed ? in.count(kMaxClaimed) : std::min<std::uint64_t>(length_hint, kMaxWritten);
    if (!claimed && in.pick(6) == 0) length = in.count(kMaxWritten);
    const bool two_d = in.pick(20) == 0 || column_vector;
    hsize_t dims[2] = {length, column_vector && in.pick(8) ? 1u : 2u};  // Octave's (n, 1), mostly
    Id space(H5Screate_simple(two_d ? 2 : 1, dims, nullptr), H5Sclose);
    Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    const bool chunked = claimed || in.flag();
    if (chunked && length > 0) {
        hsize_t chunk[2] = {std::max<hsize_t>(1, std::min<hsize_t>(length, 1 + in.count(70))), dims[1]};
        H5Pset_chunk(dcpl, two_d ? 2 : 1, chunk);
        if (in.pick(3) == 0) H5Pset_shuffle(dcpl);
        if (in.pick(3) == 0) H5Pset_deflate(dcpl, in.pick(10));
    }
    Id d(H5Dcreate2(group, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose);
    if (d < 0 || claimed || length == 0 || H5Tget_class(type) == H5T_STRING) return;
    std::vector<std::int64_t> values(length * (two_d ? dims[1] : 1));
    std::int64_t running = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const unsigned how = in.pick(16);
        if (how == 0) values[i] = in.i64();
        else if (role == 2) values[i] = (running += (i == 0 ? 0 : in.pick(4)));  // indptr
        else if (role == 1) values[i] = static_cast<std::int64_t>(in.count(extent ? extent - 1 : 0));  // indices
        else values[i] = static_cast<std::int64_t>(in.byte()) - 100;  // data
    }
    if (H5Tget_class(type) == H5T_COMPOUND) return;  // left unwritten (fill value)
    H5Dwrite(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
}

// A binsparse descriptor: mostly well-formed JSON with fuzzed members (format, shape, structure,
// fill), sometimes raw fuzz bytes (the JSON reader's own input).
std::string binsparse_descriptor(FuzzInput& in, std::int64_t rows, std::int64_t cols, const char*& format) {
    static const char* const kFormats[] = {"CSR", "CSC", "COO", "COOR", "COOC", "DCSR", "DMATR", "csr"};
    format = kFormats[in.pick(8)];
    if (in.pick(8) == 0) {
        std::string raw;
        for (unsigned n = in.pick(64); n > 0; --n) raw += static_cast<char>(in.byte());
        return raw;
    }
    static const char* const kStructures[] = {"", "symmetric_lower", "symmetric_upper", "hermitian_lower", "x"};
    const char* structure = kStructures[in.pick(5)];
    std::string shape = "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
    if (in.pick(10) == 0) shape = in.flag() ? "[1.5, 2]" : "[" + std::to_string(rows) + "]";
    std::string body = std::string("\"format\": \"") + format + "\", \"shape\": " + shape;
    if (*structure) body += std::string(", \"structure\": \"") + structure + "\"";
    if (in.pick(4) == 0) body += ", \"fill\": true";
    if (in.pick(6) == 0) body += ", \"data_types\": {\"values\": \"complex[float64]\"}";
    std::string text = in.flag() ? "{\"binsparse\": {" + body + "}}" : "{" + body + "}";
    if (in.pick(10) == 0) text.resize(in.count(text.size()));  // truncated
    for (unsigned n = in.pick(40) == 0 ? 200 : 0; n > 0; --n) text = "[" + text + "]";  // deep nesting
    return text;
}

struct ComponentNames {
    const char* data = "data";
    const char* indices = "indices";
    const char* indptr = "indptr";
};

std::vector<unsigned char> finish_file(FuzzInput& in, hid_t file);

// hickle's marker on `group`: attribute `type`, an object reference (the old kind hickle writes
// through h5py) to an entry of /hickle_types_table whose `base_type` refers to csr_matrix,
// csc_matrix (the orientation written, or the other), bsr_matrix or the entry itself; sometimes
// `type` refers to no entry, or the entry has no `base_type`.
void write_hickle_type(FuzzInput& in, hid_t file, hid_t group, bool csr) {
    Id table(H5Gcreate2(file, "hickle_types_table", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    if (table < 0) return;
    Id null_space(H5Screate(H5S_NULL), H5Sclose), scalar(H5Screate(H5S_SCALAR), H5Sclose);
    for (const char* name : {"csr_matrix", "csc_matrix", "bsr_matrix", "0"})
        Id(H5Dcreate2(table, name, H5T_NATIVE_INT8, name[0] == '0' ? scalar : null_space, H5P_DEFAULT, H5P_DEFAULT,
                      H5P_DEFAULT),
           H5Dclose);
    const char* const kBase[] = {csr ? "csr_matrix" : "csc_matrix", csr ? "csc_matrix" : "csr_matrix", "bsr_matrix", "0"};
    const unsigned base = in.pick(5);  // 4: no base_type
    hobj_ref_t ref = 0;
    if (base < 4) {
        Id entry(H5Dopen2(table, "0", H5P_DEFAULT), H5Dclose);
        if (H5Rcreate(&ref, table, kBase[base], H5R_OBJECT, -1) >= 0)
            write_object(entry, "base_type", H5T_STD_REF_OBJ, H5T_STD_REF_OBJ, scalar, &ref, false);
    }
    const char* target = in.pick(8) ? "/hickle_types_table/0" : "/hickle_types_table/csr_matrix";
    if (H5Rcreate(&ref, file, target, H5R_OBJECT, -1) >= 0)
        write_object(group, "type", H5T_STD_REF_OBJ, H5T_STD_REF_OBJ, scalar, &ref, false);
}

// A new file in memory (core driver, nothing written to disk); its image is taken at the end.
Id create_file_in_memory() {
    Id fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    H5Pset_fapl_core(fapl, 64 * 1024, false);
    return Id(H5Fcreate("fuzz.h5", H5F_ACC_TRUNC, H5P_DEFAULT, fapl), H5Fclose);
}

// A matrix extent: mostly up to 40, sometimes any 64-bit value (negative, huge).
std::int64_t fuzzed_extent(FuzzInput& in) {
    return in.pick(8) == 0 ? in.i64() : static_cast<std::int64_t>(in.count(40));
}

// The file image of one fuzzed sparse group at /g, or in the root group (shown as /matrix), and
// sometimes an ordinary /ok beside it.
std::vector<unsigned char> build_file(FuzzInput& in, std::string& info, bool at_root) {
    Id file = create_file_in_memory();
    if (file < 0) return {};
    Id g(at_root ? H5Gopen2(file, "/", H5P_DEFAULT) : H5Gcreate2(file, "g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
         H5Gclose);
    const unsigned convention = in.pick(8);
    bool csr = in.flag();
    const std::int64_t rows = fuzzed_extent(in);
    const std::int64_t cols = fuzzed_extent(in);
    ComponentNames names;
    switch (convention) {
        case 4: {  // binsparse: compressed or coordinates, maybe symmetric, maybe scanned
            const char* format = "";
            write_string_attribute(in, g, "binsparse", binsparse_descriptor(in, rows, cols, format));
            const bool coordinates = std::string(format).rfind("COO", 0) == 0;
            names = {"values", "indices_1", coordinates ? "indices_0" : "pointers_to_1"};
            if (coordinates) {  // rows per entry, in range mostly: written as indices
                const std::uint64_t nnz = in.count(kMaxWritten);
                write_component(in, g, "values", nnz, 0, 0);
                write_component(in, g, "indices_1", nnz, 1, static_cast<std::uint64_t>(cols));
                write_component(in, g, "indices_0", nnz, 1, static_cast<std::uint64_t>(rows));
                if (in.flag()) write_component(in, g, "fill_value", 1, 0, 0);
                if (in.flag()) info = ";index_memory=0";  // read by scanning
                return finish_file(in, file);
            }
            if (in.flag()) write_component(in, g, "fill_value", 1, 0, 0);
            break;
        }
        case 0:
            write_string_attribute(in, g, "encoding-type", in.pick(8) ? (csr ? "csr_matrix" : "csc_matrix") : "dict");
            write_string_attribute(in, g, "encoding-version", "0.1.0");
            if (in.pick(10)) write_shape(in, g, "shape", false, rows, cols);
            break;
        case 1:
            write_string_attribute(in, g, "h5sparse_format", in.pick(8) ? (csr ? "csr" : "csc") : "coo");
            if (in.pick(10)) write_shape(in, g, "h5sparse_shape", false, rows, cols);
            break;
        case 5: {  // MATLAB v7.3: the view's rows are MATLAB's columns (jc), its columns MATLAB_sparse
            csr = true;
            write_count(in, g, "MATLAB_sparse", false, cols);
            write_string_attribute(in, g, "MATLAB_class", in.pick(4) ? "double" : "logical");
            names = {"data", "ir", "jc"};
            if (in.pick(6) == 0) {  // MATLAB's own empty form: jc alone
                write_component(in, g, "jc", static_cast<std::uint64_t>(rows) + 1, 2, 0);
                return finish_file(in, file);
            }
            break;
        }
        case 6:  // HDMF's CSRMatrix (or another HDMF type)
            csr = true;
            write_string_attribute(in, g, "data_type", in.pick(8) ? "CSRMatrix" : "DynamicTable");
            write_string_attribute(in, g, "namespace", "hdmf-common");
            if (in.pick(10)) write_shape(in, g, "shape", false, rows, cols);
            break;
        case 7:  // chihaya's sparse matrix (or another delayed operation)
            write_string_attribute(in, g, "delayed_type", "array");
            write_string_attribute(in, g, "delayed_array", in.pick(8) ? "sparse matrix" : "dense array");
            write_shape(in, g, "shape", true, rows, cols);
            if (in.flag()) write_count(in, g, "by_column", true, csr ? 0 : 1);
            else csr = false;  // version 0.99: CSC only
            break;
        default:  // a `shape` dataset: 10x evidence, or none with the user's stated orientation
            write_shape(in, g, "shape", true, rows, cols);
            if (convention == 2 && in.flag()) {
                write_component(in, g, "barcodes", 1, 1, 1);
                write_component(in, g, "genes", 1, 1, 1);
            }
            if (const unsigned marker = in.pick(6); marker == 0) write_string_attribute(in, g, "type", "hickle");
            else if (marker == 1) write_hickle_type(in, file, g, csr);
            if (convention == 3) info = csr ? ";unmarked=csr" : ";unmarked=csc";
            break;
    }
    const std::uint64_t primary = static_cast<std::uint64_t>(csr ? rows : cols);
    const std::uint64_t secondary = static_cast<std::uint64_t>(csr ? cols : rows);
    const std::uint64_t nnz = in.count(kMaxWritten);
    write_component(in, g, names.data, nnz, 0, 0);
    write_component(in, g, names.indices, nnz, 1, secondary);
    write_component(in, g, names.indptr, primary + 1, 2, 0);
    return finish_file(in, file);
}

// Conventions known by where their group sits or by the objects around it: Octave's variable
// (/g marked OCTAVE_NEW_FORMAT, with `type`) whose /g/value holds nr, nc, nz and (n, 1) arrays;
// a cooler root /g (format, nbins, storage-mode) with pixels and indexes/bin1_offset; a loom
// graph beside /matrix; EpetraExt's group marked by its __type__ dataset. `name` is where the
// connector should show the matrix.
std::vector<unsigned char> build_placed_file(FuzzInput& in, std::string& name) {
    Id file = create_file_in_memory();
    if (file < 0) return {};
    const std::int64_t rows = fuzzed_extent(in);
    const std::int64_t cols = fuzzed_extent(in);
    const std::uint64_t nnz = in.count(kMaxWritten);
    const auto extent = [](std::int64_t n) { return static_cast<std::uint64_t>(n); };
    const auto group = [](hid_t parent, const char* path) {
        return Id(H5Gcreate2(parent, path, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    };
    name = "g";
    switch (in.pick(4)) {
        case 0: {  // Octave: CSC of an nr x nc matrix, shown (nc, nr) like its dense matrices
            Id g = group(file, "g");
            if (in.pick(8)) write_count(in, g, "OCTAVE_NEW_FORMAT", false, 1);
            static const char* const kTypes[] = {"sparse matrix", "sparse bool matrix", "sparse complex matrix",
                                                 "matrix"};
            write_string(in, g, "type", kTypes[in.pick(4)], true);
            Id value = group(g, "value");
            write_count(in, value, "nr", true, rows);
            write_count(in, value, "nc", true, cols);
            write_count(in, value, "nz", true, static_cast<std::int64_t>(nnz));
            write_component(in, value, "data", nnz, 0, 0, true);
            write_component(in, value, "ridx", nnz, 1, extent(rows), true);
            write_component(in, value, "cidx", extent(cols) + 1, 2, 0, true);
            name = "g/value";
            break;
        }
        case 1: {  // cooler: (nbins, nbins), upper triangle or square
            Id g = group(file, "g");
            write_string_attribute(in, g, "format", in.pick(8) ? "HDF5::Cooler" : "HDF5::MCOOL");
            if (in.pick(8)) write_count(in, g, "nbins", false, rows);
            static const char* const kModes[] = {"symmetric-upper", "square", "symmetric-lower"};
            if (in.pick(4)) write_string_attribute(in, g, "storage-mode", kModes[in.pick(3)]);
            Id pixels = group(g, "pixels"), indexes = group(g, "indexes");
            write_component(in, pixels, "bin1_id", nnz, 1, extent(rows));
            write_component(in, pixels, "bin2_id", nnz, 1, extent(rows));
            write_component(in, pixels, "count", nnz, 0, 0);
            write_component(in, indexes, "bin1_offset", extent(rows) + 1, 2, 0);
            name = "g/pixels";
            break;
        }
        case 2: {  // loom: a coordinate graph over the columns or rows of /matrix
            if (in.pick(8)) {
                const hsize_t dims[2] = {extent(rows), extent(cols)};
                Id space(H5Screate_simple(in.pick(8) ? 2 : 1, dims, nullptr), H5Sclose);
                Id matrix(H5Dcreate2(file, "matrix", H5T_NATIVE_FLOAT, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                          H5Dclose);
            }
            static const char* const kParents[] = {"col_graphs", "row_graphs", "col_edges", "row_edges", "graphs"};
            const unsigned parent = in.pick(5);
            Id graphs = group(file, kParents[parent]), graph = group(graphs, "g");
            const std::uint64_t n = parent % 2 == 0 ? extent(cols) : extent(rows);
            write_component(in, graph, "a", nnz, 1, n);
            write_component(in, graph, "b", nnz, 1, n);
            write_component(in, graph, "w", nnz, 0, 0);
            name = std::string(kParents[parent]) + "/g";
            break;
        }
        default: {  // EpetraExt: coordinates ROW, COL, VAL of a NumGlobalRows x NumGlobalCols matrix
            Id g = group(file, "g");
            static const char* const kTypes[] = {"Epetra_RowMatrix", "Epetra_CrsGraph", "Tpetra_CrsMatrix"};
            write_string(in, g, "__type__", kTypes[in.pick(6) ? 0 : 1 + in.pick(2)], true);
            write_count(in, g, "NumGlobalRows", true, rows);
            write_count(in, g, "NumGlobalCols", true, cols);
            write_component(in, g, "ROW", nnz, 1, extent(rows));
            write_component(in, g, "COL", nnz, 1, extent(cols));
            write_component(in, g, "VAL", nnz, 0, 0);
            break;
        }
    }
    return finish_file(in, file);
}

// Sometimes an ordinary /ok beside the group; then the file's image.
std::vector<unsigned char> finish_file(FuzzInput& in, hid_t file) {
    if (in.flag()) {
        hsize_t n = 3;
        Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
        Id ok(H5Dcreate2(file, "ok", H5T_NATIVE_INT32, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
    }
    H5Fflush(file, H5F_SCOPE_GLOBAL);
    ssize_t size = H5Fget_file_image(file, nullptr, 0);
    if (size <= 0) return {};
    std::vector<unsigned char> image(static_cast<size_t>(size));
    if (H5Fget_file_image(file, image.data(), image.size()) != size) return {};
    return image;
}

// A selection of at most kMaxSelected elements of a dataset of `dims`, of a kind the input picks.
hid_t make_selection(FuzzInput& in, const hsize_t dims[2]) {
    hid_t space = H5Screate_simple(2, dims, nullptr);
    if (dims[0] == 0 || dims[1] == 0) {
        H5Sselect_none(space);
        return space;
    }
    auto coord = [&](int axis) { return in.count(UINT64_MAX) % dims[axis]; };
    switch (in.pick(4)) {
        case 0:  // all, when small enough
            if (dims[0] * dims[1] <= kMaxSelected && dims[0] <= kMaxSelected) break;
            [[fallthrough]];
        case 1: {  // one strided block
            hsize_t start[2] = {coord(0), coord(1)};
            hsize_t stride[2] = {1 + in.count(5), 1 + in.count(5)};
            hsize_t count[2], block[2] = {1 + in.count(2), 1 + in.count(2)};
            for (int a = 0; a < 2; ++a) {
                if (block[a] > stride[a]) block[a] = stride[a];
                hsize_t room = dims[a] - start[a] < block[a] ? 0 : (dims[a] - start[a] - block[a]) / stride[a] + 1;
                count[a] = std::min<hsize_t>(room, 1 + in.count(8));
                if (count[a] == 0) {
                    start[a] = 0;
                    block[a] = 1;
                    count[a] = 1;
                }
            }
            H5Sselect_hyperslab(space, H5S_SELECT_SET, start, stride, count, block);
            if (in.flag()) {  // a union with a second block
                hsize_t s2[2] = {coord(0), coord(1)}, c2[2] = {1, 1};
                H5Sselect_hyperslab(space, H5S_SELECT_OR, s2, nullptr, c2, nullptr);
            }
            break;
        }
        case 2: {  // points, possibly repeated
            const size_t n = 1 + in.count(16);
            std::vector<hsize_t> points(2 * n);
            for (size_t i = 0; i < n; ++i) {
                points[2 * i] = coord(0);
                points[2 * i + 1] = coord(1);
            }
            H5Sselect_elements(space, H5S_SELECT_SET, n, points.data());
            break;
        }
        default: H5Sselect_none(space); break;
    }
    if (H5Sget_select_npoints(space) > static_cast<hssize_t>(kMaxSelected)) H5Sselect_none(space);
    return space;
}

// The root's listings, which show its /matrix, from the index the input picks.
void list_the_root(FuzzInput& in, hid_t file) {
    H5G_info_t group{};
    H5Gget_info(file, &group);
    hsize_t idx = in.pick(6);
    H5Literate2(file, in.flag() ? H5_INDEX_NAME : H5_INDEX_CRT_ORDER, in.flag() ? H5_ITER_INC : H5_ITER_DEC, &idx,
                [](hid_t, const char*, const H5L_info2_t*, void*) { return 0; }, nullptr);
    H5Lvisit2(file, H5_INDEX_NAME, H5_ITER_INC, [](hid_t, const char*, const H5L_info2_t*, void*) { return 0; }, nullptr);
    H5Lexists(file, "matrix", H5P_DEFAULT);
}

// A fuzzed file selection and a 1-D memory space of as many elements (at least one, selecting
// none when the file selection is empty); nullopt when the selection is invalid.
struct ReadSpaces {
    Id file, mem;
    hsize_t elements;
};
std::optional<ReadSpaces> pick_read_spaces(FuzzInput& in, const hsize_t dims[2]) {
    Id file_space(make_selection(in, dims), H5Sclose);
    const hssize_t n = H5Sget_select_npoints(file_space);
    if (n < 0) return std::nullopt;
    hsize_t mem_n = static_cast<hsize_t>(std::max<hssize_t>(n, 1));
    Id mem_space(H5Screate_simple(1, &mem_n, nullptr), H5Sclose);
    if (n == 0) H5Sselect_none(mem_space);
    return ReadSpaces{std::move(file_space), std::move(mem_space), mem_n};
}

void read_through_connector(FuzzInput& in, hid_t file, const char* name) {
    H5O_info2_t info{};
    if (H5Oget_info_by_name3(file, name, &info, H5O_INFO_ALL, H5P_DEFAULT) < 0) return;
    H5Ovisit3(file, H5_INDEX_NAME, H5_ITER_INC, [](hid_t, const char*, const H5O_info2_t*, void*) { return 0; },
              nullptr, H5O_INFO_BASIC);
    if (std::string(name) == "matrix") {
        list_the_root(in, file);
        Id by_token(H5Oopen_by_token(file, info.token), H5Oclose);
    }
    Id obj(H5Oopen(file, name, H5P_DEFAULT), H5Oclose);
    Id d(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose);
    if (d < 0) return;
    Id space(H5Dget_space(d), H5Sclose);
    Id dcpl(H5Dget_create_plist(d), H5Pclose);
    hsize_t dims[2] = {0, 0};
    if (H5Sget_simple_extent_ndims(space) != 2) return;
    H5Sget_simple_extent_dims(space, dims, nullptr);
    for (int round = 0, rounds = 1 + in.pick(4); round < rounds; ++round) {
        auto spaces = pick_read_spaces(in, dims);
        if (!spaces) continue;
        static const hid_t* const kMemTypes[] = {&H5T_NATIVE_DOUBLE_g, &H5T_NATIVE_INT32_g, &H5T_NATIVE_UINT8_g,
                                                 &H5T_NATIVE_INT64_g, &H5T_NATIVE_FLOAT_g};
        const hid_t mem_type = *kMemTypes[in.pick(5)];
        std::vector<unsigned char> buf(static_cast<size_t>(spaces->elements) * 8 + 8);
        H5Dread(d, mem_type, spaces->mem, spaces->file, H5P_DEFAULT, buf.data());
    }
    if (in.flag()) {  // the ordinary dataset beside it is unaffected
        Id ok(H5Dopen2(file, "ok", H5P_DEFAULT), H5Dclose);
    }
    // Memory types whose conversion starts from the caller's bytes (a compound with members the
    // stored {real, imag} lacks, with or without H5Pset_preserve) or rounds to float16. Drawn
    // last, so that the bytes before keep their meaning for the corpus.
    if (const unsigned kind = in.pick(4); kind != 0) {
        auto spaces = pick_read_spaces(in, dims);
        if (!spaces) return;
#ifdef H5_HAVE__FLOAT16
        const hid_t half = H5T_NATIVE_FLOAT16;
#else
        const hid_t half = H5T_NATIVE_FLOAT;
#endif
        Id mem_type(kind == 3 ? H5Tcopy(half) : H5Tcreate(H5T_COMPOUND, 32), H5Tclose);
        if (kind != 3) {
            H5Tinsert(mem_type, "extra", 0, H5T_NATIVE_DOUBLE);
            H5Tinsert(mem_type, "real", 8, H5T_NATIVE_DOUBLE);
            H5Tinsert(mem_type, "imag", 16, H5T_NATIVE_DOUBLE);
            H5Tinsert(mem_type, "tag", 24, H5T_NATIVE_INT);
        }
        Id dxpl(H5Pcreate(H5P_DATASET_XFER), H5Pclose);
#ifndef H5_NO_DEPRECATED_SYMBOLS
        if (kind == 2) H5Pset_preserve(dxpl, 1);
#endif
        std::vector<unsigned char> buf(static_cast<size_t>(spaces->elements) * H5Tget_size(mem_type), 0x5a);
        H5Dread(d, mem_type, spaces->mem, spaces->file, dxpl, buf.data());
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // failures are answers here, not output
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzInput in(data, size);
    std::string info = "under_vol=0;under_info={}";
    std::string extra;
    // One input in seven puts the group in the root (its length decides: the bytes keep their
    // meaning for the rest of the corpus).
    const bool at_root = size % 7 == 3;
    const bool placed = size % 7 == 5;  // and one in seven uses a convention known by its place
    std::string name = at_root ? "matrix" : "g";
    const std::vector<unsigned char> image = placed ? build_placed_file(in, name) : build_file(in, extra, at_root);
    if (image.empty()) return 0;
    info += extra;
    Id fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    H5Pset_fapl_core(fapl, 64 * 1024, false);
    H5Pset_file_image(fapl, const_cast<unsigned char*>(image.data()), image.size());
    if (h5sparse_vol_set_fapl(fapl, info.c_str()) < 0) return 0;
    {
        Id file(H5Fopen("fuzz.h5", H5F_ACC_RDONLY, fapl), H5Fclose);
        if (file >= 0) read_through_connector(in, file, name.c_str());
    }
    H5Eclear2(H5E_DEFAULT);
    return 0;
}
