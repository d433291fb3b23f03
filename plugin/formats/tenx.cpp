// 10x Genomics Cell Ranger v3 (/matrix) and v2 (one group per genome), and HDF5Array's
// writeTENxMatrix: a group holding data, indices, indptr and a `shape` *dataset*; always CSC
// (indptr runs over barcodes, the columns of the features x barcodes matrix).
//
// No attribute marks such a group, and other tools write the same four members for a CSR
// (hickle, HiCExplorer): taking one of those for a CSC would serve the transpose. So the group is
// 10x only with evidence; a group without any stays a group, unless the user stated the
// orientation of unmarked groups (info string `unmarked=csr|csc`).
#include <string>

#include "connector/info_string.hpp"
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

// Marks of other tools on such groups: hickle's `type` (a reference to its type table) and
// h5io's TITLE naming a scipy sparse kind. PyTables' own TITLE/CLASS on every group it writes
// (Cell Ranger v2, HiCExplorer) name no sparse kind and decide nothing.
bool marked_by_another_tool(const UnderLocation& loc) {
    if (attribute_exists(loc, "type")) return true;
    if (!attribute_exists(loc, "TITLE")) return false;
    try {
        std::optional<std::string> title = read_string_attribute(loc, "TITLE", {0, 64});
        return title && (title->find("matrix") != std::string::npos || title->find("sparse") != std::string::npos);
    } catch (const Error&) {
        return false;
    }
}

// A Cell Ranger file around the group: barcodes beside the features (v3: features/, v2: genes
// and gene_names), or the v3 root's filetype = "matrix" with the group at /matrix.
bool in_tenx_file(const UnderLocation& loc) {
    if (link_exists(loc, "barcodes") &&
        (link_exists(loc, "features") || link_exists(loc, "genes") || link_exists(loc, "gene_names")))
        return true;
    UnderLocation root{loc.object, loc.obj_type, loc.vol_id, "/", loc.dxpl_id};
    if (!attribute_exists(root, "filetype")) return false;
    try {
        return read_string_attribute(root, "filetype", {6, 10}) == "matrix" && object_name(loc) == "/matrix";
    } catch (const Error&) {
        return false;
    }
}

}  // namespace

Detection detect_tenx(const UnderLocation& loc, unsigned conventions) {
    if (!link_exists(loc, "shape") || !link_exists(loc, "indptr") || !link_exists(loc, "indices") ||
        !link_exists(loc, "data"))
        return {};
    if (marked_by_another_tool(loc)) return {Detection::Kind::kOther, {}};
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    DatasetMeta shape;
    try {
        apply_shape(layout, read_integer_dataset(loc, "shape", 16, &shape), "dataset 'shape'");
    } catch (const Error&) {
        return {};  // `shape` is not a small integer dataset: some other layout
    }
    const bool hdf5array = shape.is_unsigned && shape.type_size == 4;  // writeTENxMatrix's uint32 shape
    bool lengths_say_csc = false;
    if (layout.shape_error.empty()) {
        const auto indptr_length = static_cast<long double>(dataset_meta(loc, "indptr").length);
        lengths_say_csc = indptr_length == layout.cols + 1 && indptr_length != layout.rows + 1;
    }
    if ((conventions & kTenx) && (hdf5array || lengths_say_csc || in_tenx_file(loc))) {
        layout.convention = "10x";
        layout.orientation = Orientation::kCsc;
        return found;
    }
    const unsigned unmarked = conventions & kUnmarkedMask;
    if (unmarked == 0) return {};  // no evidence either way: a group
    layout.convention = "unmarked";
    layout.orientation = unmarked == kUnmarkedCsr ? Orientation::kCsr : Orientation::kCsc;
    return found;
}

}  // namespace h5sparse
