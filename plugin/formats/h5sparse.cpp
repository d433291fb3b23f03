// h5sparse and anndata <= 0.6: h5sparse_format = csr | csc, h5sparse_shape attribute.
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

std::optional<SparseLayout> detect_h5sparse(const UnderLocation& loc) {
    if (!attribute_exists(loc, "h5sparse_format")) return std::nullopt;
    std::optional<std::string> format;
    try {
        format = read_string_attribute(loc, "h5sparse_format");
    } catch (const Error&) {
        return std::nullopt;
    }
    if (!format || (*format != "csr" && *format != "csc")) return std::nullopt;
    SparseLayout layout;
    layout.convention = "h5sparse";
    layout.orientation = *format == "csr" ? Orientation::kCsr : Orientation::kCsc;
    if (!attribute_exists(loc, "h5sparse_shape")) {
        layout.shape_error = "attribute 'h5sparse_shape' is missing";
        return layout;
    }
    try {
        apply_shape(layout, read_integer_attribute(loc, "h5sparse_shape", 16), "attribute 'h5sparse_shape'");
    } catch (const Error& e) {
        layout.shape_error = e.what();
    }
    return layout;
}

}  // namespace h5sparse
