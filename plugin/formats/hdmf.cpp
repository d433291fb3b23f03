// HDMF / NWB (hdmf-common's CSRMatrix): data_type = "CSRMatrix", shape attribute (rows, cols),
// data/indices/indptr. Any other data_type is another HDMF type, and such a group stays a group.
// HDMF writes a CSRMatrix saved on its own as the file's root group, which cannot become a
// dataset without hiding the whole file: detection leaves any root group a group (detect.cpp).
#include "formats/detect.hpp"

namespace h5sparse {

Detection detect_hdmf(const UnderLocation& loc) {
    return detect_by_marker_attribute(loc, {"hdmf", "data_type", "CSRMatrix", nullptr, "shape"});
}

}  // namespace h5sparse
