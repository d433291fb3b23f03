// MATLAB v7.3 .mat files (MATLAB, libmatio, ...): a sparse variable is a group (at the root, in a
// struct, or under /#refs# for cells) with the attribute MATLAB_sparse = the number of rows m and
// the CSC arrays jc (column pointers, n + 1), ir (row indices) and data.
//
// MATLAB stores every array column-major, so a dense m x n variable is an HDF5 dataset of shape
// (n, m). The view has that same shape, (len(jc) - 1, MATLAB_sparse): what the writer stores
// for full(A), read by matio and the other MATLAB readers as A. Its rows are MATLAB's columns, so
// it is a CSR with indptr = jc and indices = ir.
//
// A matrix without entries comes in two forms: zero-length data and ir (matio), or no data and
// ir at all (MATLAB itself). The second has no stored value type: MATLAB_class gives it (sparse
// matrices are double or logical, stored as uint8).
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_matlab(const UnderLocation& loc) {
    if (!attribute_exists(loc, "MATLAB_sparse")) return {};
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "matlab";
    layout.orientation = Orientation::kCsr;
    layout.names = {"data", "ir", "jc"};
    std::vector<long double> rows;
    try {
        rows = read_integer_attribute(loc, "MATLAB_sparse", 1);
    } catch (const Error& e) {
        layout.shape_error = std::string("attribute 'MATLAB_sparse': ") + e.what();
        return found;
    }
    if (rows.size() != 1) {
        layout.shape_error = "attribute 'MATLAB_sparse' holds no row count";
        return found;
    }
    const DatasetMeta jc = dataset_meta(loc, "jc");
    if (jc.status != DatasetMeta::Status::kDataset || jc.rank != 1 || jc.length == 0) {
        layout.shape_error = "component 'jc' is missing, not a 1-D dataset, or empty";
        return found;
    }
    apply_shape(layout, {static_cast<long double>(jc.length - 1), rows[0]}, "the length of 'jc' and 'MATLAB_sparse'");
    if (!link_exists(loc, "data") && !link_exists(loc, "ir")) {
        std::optional<std::string> type;
        try {
            if (attribute_exists(loc, "MATLAB_class")) type = read_string_attribute(loc, "MATLAB_class", {6, 8});
        } catch (const Error&) {
        }
        if (type == "double") layout.absent_entries_type = H5T_IEEE_F64LE;
        else if (type == "logical") layout.absent_entries_type = H5T_STD_U8LE;
    }
    return found;
}

}  // namespace h5sparse
