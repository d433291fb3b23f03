// h5sparse and anndata <= 0.6: h5sparse_format = csr | csc, h5sparse_shape attribute.
#include "formats/detect.hpp"

namespace h5sparse {

Detection detect_h5sparse(const UnderLocation& loc) {
    return detect_by_marker_attribute(loc, {"h5sparse", "h5sparse_format", "csr", "csc", "h5sparse_shape"});
}

}  // namespace h5sparse
