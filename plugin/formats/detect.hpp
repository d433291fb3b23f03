// Detection: is the group at a location a sparse matrix, and by which convention?
//
// Cheap by design (it runs for every group that h5ls/h5dump/h5diff touch): a few
// attribute/link existence checks and, for a match, the marker strings and the 2-element shape.
// It never opens or reads data/indices/indptr. Conventions are tried in a fixed order, first
// match wins: anndata (encoding-type), h5sparse (h5sparse_format), 10x/HDF5Array (shape dataset).
#pragma once

#include <optional>

#include "formats/sparse_layout.hpp"
#include "formats/under_io.hpp"

namespace h5sparse {

// `loc` must name a group. `conventions` is the Convention bit set from the connector's info.
std::optional<SparseLayout> detect_sparse_group(const UnderLocation& loc, unsigned conventions);

// One detector per convention (formats/<convention>.cpp).
std::optional<SparseLayout> detect_anndata(const UnderLocation& loc);
std::optional<SparseLayout> detect_h5sparse(const UnderLocation& loc);
std::optional<SparseLayout> detect_tenx(const UnderLocation& loc);

// Conventions that tag the group with a string attribute naming the orientation and keep the
// logical shape in another attribute (anndata, h5sparse).
struct MarkerAttributeConvention {
    const char* convention;
    const char* marker;  // attribute holding csr_value or csc_value
    const char* csr_value;
    const char* csc_value;
    const char* shape;  // attribute holding the logical (rows, cols)
};
std::optional<SparseLayout> detect_by_marker_attribute(const UnderLocation& loc, const MarkerAttributeConvention& c);

// Shape rules shared by the detectors: two non-negative integers whose product fits in 64 bits.
void apply_shape(SparseLayout& layout, const std::vector<long double>& shape, const char* source);

}  // namespace h5sparse
