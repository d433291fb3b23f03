// A matrix stored in the file's root group (binsparse files by Finch.jl and the Python reference,
// HDMF's standalone CSRMatrix) cannot turn the root into a dataset: every path runs through it.
// It is shown as the virtual dataset /matrix instead, a member of the root that exists for
// clients only (SparseLayout::in_root_group). The connector below knows nothing of it, so each
// question that can name it is answered here: by name when the connector below finds nothing
// there, by token before the connector below sees the token (it would take it for the root's),
// and in the root's link count, iterations and visits.
#pragma once

#include <hdf5.h>

#include <optional>
#include <string_view>

#include "formats/sparse_layout.hpp"
#include "model/object.hpp"

namespace h5sparse {

struct RootMatrix {
    SparseLayout layout;  // `unsupported` cleared; it may still break a rule (describes_matrix)
    H5O_token_t token;    // its identity: the root's token, marked in a byte native addresses leave 0
};

// Which root matrices count: the shown ones, or also one whose metadata breaks a rule (it is
// not listed, but opening /matrix says why it cannot be shown).
enum class RootMatrixKind { kShown, kShownOrBroken };

// The matrix the file of `o` shows at /matrix (`obj_type`: what o->under is below); nullopt
// when there is none (also when the root's token leaves no byte for the mark).
std::optional<RootMatrix> root_matrix(const Object* o, H5I_type_t obj_type, hid_t dxpl_id,
                                      RootMatrixKind kind = RootMatrixKind::kShown);

// The root matrix `loc` names: BY_NAME "/matrix", or "matrix" relative to the root, or BY_TOKEN
// its token. Costs nothing for names that do not end in "matrix" and tokens without the mark.
std::optional<RootMatrix> root_matrix_at(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id,
                                         RootMatrixKind kind = RootMatrixKind::kShown);
// The same for `name` relative to `loc` (the open callbacks' split form).
std::optional<RootMatrix> root_matrix_named(const Object* o, const H5VL_loc_params_t& loc, const char* name,
                                            hid_t dxpl_id, RootMatrixKind kind = RootMatrixKind::kShown);

// The root matrix when `loc` (relative to o, in the terms of the connector below) is the root
// group, whose listings show it.
std::optional<RootMatrix> root_matrix_listed_in(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id);

// Where the connector below finds the root group from `o` (BY_NAME "/").
H5VL_loc_params_t root_group_location(H5I_type_t obj_type);

// Opens it as a virtual dataset named /matrix; a broken one throws, naming it and the rule.
Object* open_root_matrix(const Object* o, H5I_type_t obj_type, const RootMatrix& m, hid_t dapl_id, hid_t dxpl_id);

// Answers a name query (H5Iget_name, H5Lget_name_by_idx) with `name`, as HDF5 does: its length in
// `name_len`, and as much as fits in `buf` (buf_size bytes), NUL-terminated.
void write_name(std::string_view name, char* buf, size_t buf_size, size_t* name_len);

// The link clients see (a hard link to its token).
H5L_info2_t root_matrix_link(const RootMatrix& m);
// The root group's object info made the dataset's: its type, its token, the markers hidden.
void present_root_as_matrix(H5O_info2_t& info, const Object* o, H5I_type_t obj_type, hid_t dxpl_id);
// The token a root matrix dataset reports for itself (its group is the root).
H5O_token_t marked_token(const H5O_token_t& root_token);
// The root's token, when `token` carries the mark.
std::optional<H5O_token_t> unmarked_token(const H5O_token_t& token);

// Where /matrix goes among the root's links in one iteration: by its name in name order; in
// creation order, first (it is there as long as the root is).
class RootMatrixSlot {
public:
    RootMatrixSlot(H5_index_t index, H5_iter_order_t order) : index_(index), order_(order) {}
    // Is /matrix reported before the link `name`? (a visit's path counts by its first component)
    bool goes_before(const char* name) const;
    H5_index_t index() const { return index_; }
    H5_iter_order_t order() const { return order_; }
    bool reported = false;

private:
    H5_index_t index_;
    H5_iter_order_t order_;
};

// Where /matrix sits among the links of the root at `root` (relative to o, below) in the slot's
// index and order: how many come before it, and whether any comes after (one listing below).
struct RootMatrixPosition {
    hsize_t links_before = 0;
    bool links_after = false;
};
RootMatrixPosition root_matrix_position(const Object* o, const H5VL_loc_params_t& root, const RootMatrixSlot& slot,
                                        hid_t dxpl_id);

// A BY_IDX location (the n-th link of a group, counting /matrix where the group is the root
// that shows it): /matrix itself, or the same link for the connector below (`below`, whose n
// leaves /matrix out). nullopt: not such a location, or no /matrix there; forward it unchanged.
struct RootIndexedLink {
    RootMatrix matrix;
    bool is_matrix;
    H5VL_loc_params_t below;
};
std::optional<RootIndexedLink> root_link_by_index(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id);

}  // namespace h5sparse
