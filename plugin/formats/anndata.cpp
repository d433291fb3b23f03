// anndata >= 0.7: encoding-type = csr_matrix | csc_matrix, shape attribute (logical shape).
#include "formats/detect.hpp"

namespace h5sparse {

Detection detect_anndata(const UnderLocation& loc) {
    return detect_by_marker_attribute(loc, {"anndata", "encoding-type", "csr_matrix", "csc_matrix", "shape"});
}

}  // namespace h5sparse
