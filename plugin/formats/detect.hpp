// Detection: is the group at a location a sparse matrix, and by which convention?
//
// Cheap by design (it runs for every group that h5ls/h5dump/h5diff touch): a few
// attribute/link existence checks and, for a match, the marker strings, the 2-element shape and
// the object headers of data/indices/indptr (never their values). Conventions are tried in a fixed order, first
// match wins: anndata (encoding-type), h5sparse (h5sparse_format), MATLAB (MATLAB_sparse), HDMF
// (data_type), binsparse (a JSON descriptor in the binsparse attribute), cooler (the pixels of a format = HDF5::Cooler root), Octave (OCTAVE_NEW_FORMAT variable), EpetraExt (__type__ = Epetra_RowMatrix), chihaya (delayed_array), h5Seurat (dims, in an
// h5Seurat file: markers before heuristics), hickle (its `type` reference), loom graphs (a/b/w under col_graphs or row_graphs), 10x/HDF5Array (shape dataset, with evidence). A match then has its components' metadata judged (formats/component_rules.hpp):
// the layout says whether the group can describe a matrix at all.
// A group whose marker names another kind of element (anndata's encoding-type = dict,
// dataframe, ...; h5sparse_format = coo) is that element: later conventions are not asked, so
// an anndata dict that happens to hold `shape`, `data`, `indices` and `indptr` stays a group.
#pragma once

#include <optional>

#include "formats/sparse_layout.hpp"
#include "formats/under_io.hpp"

namespace h5sparse {

// `loc` must name a group. `conventions` is the Convention and UnmarkedOrientation bit set from
// the connector's info.
std::optional<SparseLayout> detect_sparse_group(const UnderLocation& loc, unsigned conventions,
                                                ComponentCheck check = ComponentCheck::kJudge);

// False when no convention in `conventions` can show the group at `loc` as a matrix, asked in
// two steps. First its links: a group without the member each of a convention's matrices needs
// is none of them, whatever its markers say (one listing of its links; pass a location
// with_link_names to share it). Most groups of a file end here, without an attribute read.
// Then, for a group that has some convention's member, its attribute names: the conventions
// marked on the group itself (anndata's encoding-type, binsparse's descriptor, ...) find nothing
// without their marker, so an anndata dict holding `values` (binsparse's member) is answered
// without reading any marker's value. `loc` comes back with its attribute names when they were
// listed, for detection to share. Why a marked group is no matrix (a component missing) is
// detect_sparse_group's to say.
bool may_hold_matrix(UnderLocation& loc, unsigned conventions);

// What one convention's detector found in a group.
struct Detection {
    enum class Kind {
        kUnmarked,  // none of this convention's markers
        kOther,     // the convention's marker names another kind of element
        kSparse,    // a sparse matrix (possibly a broken one: see layout.describes_matrix())
    };
    Kind kind = Kind::kUnmarked;
    SparseLayout layout;  // kSparse only
};

// One detector per convention (formats/<convention>.cpp).
Detection detect_anndata(const UnderLocation& loc);
Detection detect_h5sparse(const UnderLocation& loc);
Detection detect_matlab(const UnderLocation& loc);
Detection detect_hdmf(const UnderLocation& loc);
Detection detect_octave(const UnderLocation& loc);
Detection detect_h5seurat(const UnderLocation& loc);
Detection detect_chihaya(const UnderLocation& loc);
Detection detect_cooler(const UnderLocation& loc);
Detection detect_loom(const UnderLocation& loc);
Detection detect_epetraext(const UnderLocation& loc);
Detection detect_binsparse(const UnderLocation& loc);
Detection detect_hickle(const UnderLocation& loc);
// 10x groups when `conventions` has kTenx; unmarked ones when it has an UnmarkedOrientation bit.
Detection detect_tenx(const UnderLocation& loc, unsigned conventions);

// Conventions that tag the group with a string attribute naming the orientation and keep the
// logical shape in another attribute (anndata, h5sparse).
struct MarkerAttributeConvention {
    const char* convention;
    const char* marker;  // attribute holding csr_value or csc_value
    const char* csr_value;
    const char* csc_value;  // NULL: the convention has no CSC
    const char* shape;  // attribute holding the logical (rows, cols)
};
Detection detect_by_marker_attribute(const UnderLocation& loc, const MarkerAttributeConvention& c);

// Shape rules shared by the detectors: two non-negative integers whose product fits in 64 bits.
void apply_shape(SparseLayout& layout, const std::vector<long double>& shape, const char* source);

}  // namespace h5sparse
