// loom (loompy): graphs over the cells or genes of a loom file, /col_graphs/<name> and
// /row_graphs/<name> (/col_edges and /row_edges in files from before loom 2), each a coordinate
// list: `a` (rows), `b` (columns) and `w` (weights), of equal length, in any order, duplicates
// allowed, as scipy's coo_matrix((w, (a, b))) that loompy writes and reads back.
//
// The group becomes an (n, n) dataset of `w`'s type, duplicates summed, where n is the number of
// columns of /matrix for column graphs and its number of rows for row graphs: loom stores no
// shape of its own.
#include "formats/detect.hpp"

namespace h5sparse {

Detection detect_loom(const UnderLocation& loc) {
    if (!link_exists(loc, "w") || !link_exists(loc, "a") || !link_exists(loc, "b")) return {};
    const std::string name = object_name(loc);
    const size_t slash = name.rfind('/');
    if (slash == std::string::npos || slash == 0) return {};
    const std::string parent = name.substr(0, slash);
    const bool over_columns = parent == "/col_graphs" || parent == "/col_edges";
    if (!over_columns && parent != "/row_graphs" && parent != "/row_edges") return {};
    const DatasetMeta matrix = dataset_meta(loc, "/matrix");
    if (matrix.status != DatasetMeta::Status::kDataset || matrix.rank != 2) return {};  // not a loom file
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "loom";
    layout.orientation = Orientation::kCsr;
    layout.coordinates = true;
    layout.names = {"w", "b", "a"};
    const long double n = static_cast<long double>(over_columns ? matrix.width : matrix.length);
    apply_shape(layout, {n, n}, "/matrix");
    return found;
}

}  // namespace h5sparse
