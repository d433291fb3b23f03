// chihaya / ArtifactDB's "sparse matrix" (R's DelayedArray serialised by the chihaya package):
// attributes delayed_type = "array" and delayed_array = "sparse matrix"; datasets shape (rows,
// cols), by_column (non-zero: CSC; absent in version 0.99, which was CSC only), data, indices,
// indptr. Any other delayed_array names another delayed operation, and stays a group.
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_chihaya(const UnderLocation& loc) {
    if (!attribute_exists(loc, "delayed_array")) return {};
    std::optional<std::string> kind;
    try {
        kind = read_string_attribute(loc, "delayed_array", {8, 24});
    } catch (const Error&) {
        return {};
    }
    if (!kind) return {};
    if (*kind != "sparse matrix") return {Detection::Kind::kOther, {}};
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "chihaya";
    layout.orientation = Orientation::kCsc;
    try {
        if (link_exists(loc, "by_column")) {
            const std::vector<long double> by_column = read_integer_dataset(loc, "by_column", 1);
            if (by_column.size() != 1) {
                layout.shape_error = "dataset 'by_column' holds no value";
                return found;
            }
            layout.orientation = by_column[0] != 0 ? Orientation::kCsc : Orientation::kCsr;
        }
        apply_shape(layout, read_integer_dataset(loc, "shape", 16), "dataset 'shape'");
    } catch (const Error& e) {
        layout.shape_error = e.what();
    }
    return found;
}

}  // namespace h5sparse
