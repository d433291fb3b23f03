// cooler (.cool, and each resolution of an .mcool): a Hi-C contact matrix over `nbins` genomic
// bins. The cooler root (the file's root, or /resolutions/<binsize>) carries format =
// "HDF5::Cooler", nbins and storage-mode; its `pixels` group holds the table bin1_id, bin2_id,
// count sorted by (bin1, bin2), and indexes/bin1_offset is the row pointer array over it.
//
// `pixels` becomes the (nbins, nbins) dataset: a CSR with data = count, indices = bin2_id and
// indptr = <root>/indexes/bin1_offset. With storage-mode "symmetric-upper" (cooler's default)
// only bin1 <= bin2 is stored and the view mirrors it, as cooler's own matrix(balance=False)
// does; "square" files store both triangles. Without the attribute (format-version < 3, before
// "square" existed; from cooler's documentation, no such file here) the matrix is
// symmetric-upper. Raw counts, never balanced: the weights are data of their own (bins/weight).
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_cooler(const UnderLocation& loc) {
    if (!link_exists(loc, "bin2_id")) return {};
    const std::string name = object_name(loc);
    const std::string suffix = "/pixels";
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return {};
    const std::string root = name.size() == suffix.size() ? "/" : name.substr(0, name.size() - suffix.size());
    const UnderLocation cooler{loc.object, loc.obj_type, loc.vol_id, root, loc.dxpl_id};
    std::optional<std::string> format, mode;
    try {
        if (!attribute_exists(cooler, "format")) return {};
        format = read_string_attribute(cooler, "format", {12, 16});
        if (!format || *format != "HDF5::Cooler") return {};
        if (attribute_exists(cooler, "storage-mode")) {
            mode = read_string_attribute(cooler, "storage-mode", {6, 20});
            if (!mode) mode = "(not a string)";
        }
    } catch (const Error&) {
        return {};
    }
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "cooler";
    layout.orientation = Orientation::kCsr;
    layout.names = {"count", "bin2_id", (root == "/" ? "" : root) + "/indexes/bin1_offset"};
    if (mode && *mode != "symmetric-upper" && *mode != "square") {
        layout.shape_error = "attribute 'storage-mode' of '" + root + "' is '" + *mode +
                             "', expected 'symmetric-upper' or 'square'";
        return found;
    }
    if (!mode || *mode == "symmetric-upper") layout.triangle = StoredTriangle::kFromDiagonal;
    try {
        const std::vector<long double> nbins = read_integer_attribute(cooler, "nbins", 1);
        if (nbins.size() != 1) {
            layout.shape_error = "attribute 'nbins' of '" + root + "' holds no value";
            return found;
        }
        apply_shape(layout, {nbins[0], nbins[0]}, "attribute 'nbins'");
    } catch (const Error& e) {
        layout.shape_error = "attribute 'nbins' of '" + root + "': " + e.what();
    }
    return found;
}

}  // namespace h5sparse
