// anndata >= 0.7: encoding-type = csr_matrix | csc_matrix, shape attribute (logical shape).
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

std::optional<SparseLayout> detect_anndata(const UnderLocation& loc) {
    if (!attribute_exists(loc, "encoding-type")) return std::nullopt;
    std::optional<std::string> type;
    try {
        type = read_string_attribute(loc, "encoding-type");
    } catch (const Error&) {
        return std::nullopt;  // unreadable marker: not ours to present
    }
    if (!type || (*type != "csr_matrix" && *type != "csc_matrix")) return std::nullopt;
    SparseLayout layout;
    layout.convention = "anndata";
    layout.orientation = *type == "csr_matrix" ? Orientation::kCsr : Orientation::kCsc;
    if (!attribute_exists(loc, "shape")) {
        layout.shape_error = "attribute 'shape' is missing";
        return layout;
    }
    try {
        apply_shape(layout, read_integer_attribute(loc, "shape", 16), "attribute 'shape'");
    } catch (const Error& e) {
        layout.shape_error = e.what();
    }
    return layout;
}

}  // namespace h5sparse
