// h5Seurat (SeuratDisk): assays/<assay>/{counts,data} (features x cells) and graphs/<name>
// (cells x cells) are R dgCMatrix objects, always CSC: data/indices/indptr (x, i, p) and an
// attribute `dims` = (rows, cols). The matrix carries no marker of its own, so the file must be
// an h5Seurat file: its root holds SeuratDisk's `active.assay` and `version` attributes.
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_h5seurat(const UnderLocation& loc) {
    if (!attribute_exists(loc, "dims") || !link_exists(loc, "indptr")) return {};
    const UnderLocation root{loc.object, loc.obj_type, loc.vol_id, "/", loc.dxpl_id};
    if (!attribute_exists(root, "active.assay") || !attribute_exists(root, "version")) return {};
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "h5seurat";
    layout.orientation = Orientation::kCsc;
    try {
        apply_shape(layout, read_integer_attribute(loc, "dims", 16), "attribute 'dims'");
    } catch (const Error& e) {
        layout.shape_error = e.what();
    }
    return found;
}

}  // namespace h5sparse
