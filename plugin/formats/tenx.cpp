// 10x Genomics Cell Ranger v3 (/matrix) and v2 (one group per genome), and HDF5Array's
// writeTENxMatrix: a group holding data, indices, indptr and a `shape` *dataset*; always CSC
// (indptr runs over barcodes, the columns of the features x barcodes matrix).
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_tenx(const UnderLocation& loc) {
    if (!link_exists(loc, "shape") || !link_exists(loc, "indptr") || !link_exists(loc, "indices") ||
        !link_exists(loc, "data"))
        return {};
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "10x";
    layout.orientation = Orientation::kCsc;
    try {
        apply_shape(layout, read_integer_dataset(loc, "shape", 16), "dataset 'shape'");
    } catch (const Error&) {
        return {};  // `shape` is not a small integer dataset: some other layout
    }
    return found;
}

}  // namespace h5sparse
