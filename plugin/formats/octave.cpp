// Octave's own HDF5 format (save -hdf5): each variable is a group marked OCTAVE_NEW_FORMAT that
// holds a `type` string dataset and a `value`. For a sparse variable ("sparse matrix", "sparse
// bool matrix", "sparse complex matrix"), `value` is a group of nr, nc, nz (scalars) and the CSC
// arrays cidx (column pointers, nc + 1), ridx (row indices) and data, each stored as (n, 1).
//
// `value` becomes the dataset. Octave, like MATLAB, stores a dense nr x nc matrix column-major as
// an (nc, nr) dataset at `value`; the view has that shape: a CSR with indptr = cidx.
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_octave(const UnderLocation& loc) {
    for (const char* member : {"cidx", "ridx", "nr", "nc", "nz"})
        if (!link_exists(loc, member)) return {};
    // Only then the names: this group must be a variable's `value`.
    const std::string name = object_name(loc);
    const std::string suffix = "/value";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return {};
    const UnderLocation variable{loc.object, loc.obj_type, loc.vol_id, name.substr(0, name.size() - suffix.size()),
                                 loc.dxpl_id};
    if (!attribute_exists(variable, "OCTAVE_NEW_FORMAT") || !link_exists(variable, "type")) return {};

    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "octave";
    layout.orientation = Orientation::kCsr;
    layout.names = {"data", "ridx", "cidx"};
    layout.column_vectors = true;
    try {
        const std::vector<long double> nr = read_integer_dataset(loc, "nr", 1), nc = read_integer_dataset(loc, "nc", 1);
        if (nr.size() != 1 || nc.size() != 1) {
            layout.shape_error = "'nr' or 'nc' holds no extent";
            return found;
        }
        apply_shape(layout, {nc[0], nr[0]}, "datasets 'nc' and 'nr'");
    } catch (const Error& e) {
        layout.shape_error = std::string("datasets 'nr' and 'nc': ") + e.what();
    }
    return found;
}

}  // namespace h5sparse
