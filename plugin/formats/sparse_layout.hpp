// What detection learns about a sparse group before any component is opened.
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>

namespace h5sparse {

// The name under which a matrix stored in the root group is shown (SparseLayout::in_root_group).
inline constexpr char kRootMatrixName[] = "matrix";

enum class Orientation { kCsr, kCsc };  // CSR: indptr runs over rows (primary axis = rows)

// Symmetric storage: one triangle and the diagonal are stored, and the view mirrors them. Said of
// the stored arrays whatever the orientation: kFromDiagonal, every secondary index is at least its
// primary (a CSR's upper triangle: cooler's symmetric-upper; a CSC's lower one); kUpToDiagonal,
// at most (a CSR's lower triangle, a CSC's upper one). The view is the same either way round.
enum class StoredTriangle { kWhole, kFromDiagonal, kUpToDiagonal };

// The group's members holding the stored values, their secondary indices and the primary
// pointers: data, indices and indptr in most conventions; MATLAB calls them data, ir and jc. A
// name may be an absolute path: cooler keeps its row pointers outside the pixel table.
struct ComponentNames {
    std::string data = "data";
    std::string indices = "indices";
    std::string indptr = "indptr";
};

struct SparseLayout {
    const char* convention = "";  // "anndata", "h5sparse", "matlab", "hdmf", ..., "10x", "unmarked"
    ComponentNames names;
    bool column_vectors = false;  // components may be (n, 1) arrays (Octave) instead of 1-D
    Orientation orientation = Orientation::kCsr;
    StoredTriangle triangle = StoredTriangle::kWhole;
    // Coordinates (COO): `indptr` names the array of each entry's primary index (a row), of the
    // same length as `indices` and `data`, in any order, duplicates summed (loom graphs). Read
    // through an in-memory row index (model/coo_index.hpp).
    bool coordinates = false;
    // A dense matrix stored as one 1-D array (binsparse's DMATR and DMATC): `data` holds every
    // element, row after row (kCsr) or column after column (kCsc); there are no indices or
    // pointers (their names are empty). Read by read/dense_read.hpp.
    bool dense = false;
    // Every entry has the one value `data` holds (binsparse's iso[T]; a structure-only matrix
    // stored with the value 1): `data` has one element, and `indices` gives the entry count.
    bool single_value = false;
    // `data` holds each entry's (real, imaginary) pair as two consecutive floats (binsparse's
    // complex[T]): twice as long as `indices`; the view's type is the {real, imag} compound.
    bool interleaved_complex = false;
    // `indices` rather than `data` counts the entries (one value for all, or two per entry).
    bool entries_from_indices() const { return single_value || interleaved_complex; }
    // Doubly compressed (binsparse's DCSR/DCSC): the member listing, ascending, the primaries that
    // hold entries; `indptr` then has one pointer per listed primary, plus one. Empty: not so.
    std::string listed_primaries;
    // The member holding the view's background where it is not 0 (binsparse's fill_value with
    // fill true): one number, which every position without a stored entry reads as (converted to
    // the value type, as a dense read would). Empty: the background is 0.
    std::string background_member;
    // MATLAB omits `data` and `ir` from a sparse matrix without entries (nnz = 0). When this is
    // a type (predefined, from MATLAB_class) and both are missing, the matrix has no stored
    // entries and this is its value type; else both must be there.
    hid_t absent_entries_type = H5I_INVALID_HID;
    // The logical shape as stored (validated later: it may be negative or absurd on bad input).
    long double rows = 0;
    long double cols = 0;
    std::string shape_error;     // non-empty: the shape breaks a rule
    std::string metadata_error;  // non-empty: the components' metadata breaks a rule
    // Non-empty: a well-formed group of the convention that the view cannot show, and why
    // (binsparse's doubly compressed formats, say). It stays a group, as a broken one does.
    std::string unsupported;
    bool components_judged = false;  // metadata_error is known (else opening judges it)
    // The group is the file's root, which stays a group (every path runs through it): the matrix
    // is shown as the virtual dataset /matrix beside the root's members instead
    // (connector/root_matrix.hpp). `unsupported` then says so, for every path that asks about the
    // root itself; the root matrix's own layout has it cleared.
    bool in_root_group = false;

    bool symmetric() const { return triangle != StoredTriangle::kWhole; }
    // "upper" or "lower": the view's triangle the stored arrays hold (symmetric layouts only).
    const char* stored_view_triangle() const {
        return (triangle == StoredTriangle::kFromDiagonal) == (orientation == Orientation::kCsr) ? "upper" : "lower";
    }

    // A group whose metadata cannot describe a matrix stays a group; H5Dopen2 reports why.
    bool describes_matrix() const { return shape_error.empty() && unsupported.empty() && metadata_error.empty(); }
    const std::string& problem() const {
        return !shape_error.empty() ? shape_error : !unsupported.empty() ? unsupported : metadata_error;
    }
};

// Whether detection judges the components' metadata (three object headers), or leaves that to
// the open that follows (which opens them anyway: judging twice would open them twice).
enum class ComponentCheck { kJudge, kLeaveToOpen };

}  // namespace h5sparse
