// Where the object model meets detection: deciding whether a group seen below is a sparse
// matrix, and turning it into a virtual dataset object.
#pragma once

#include <hdf5.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "formats/sparse_layout.hpp"
#include "formats/under_io.hpp"
#include "model/object.hpp"

namespace h5sparse {

// Detection of the group at `loc`, answered by the detection cache when `identity` (the group's
// H5O_INFO_BASIC: file number and token) is known and its file is cached. The layout may be
// that of a group whose metadata cannot describe a matrix (SparseLayout::describes_matrix).
// `check` kLeaveToOpen (for the open paths) skips the components unless the cache knows them,
// and such an answer is not remembered.
std::optional<SparseLayout> detect_group(const UnderLocation& loc, unsigned conventions, const H5O_info2_t* identity,
                                         ComponentCheck check = ComponentCheck::kJudge);

// True when the group at `listed` (a location with_link_names) can hold no matrix by its links
// and markers (formats' may_hold_matrix), remembered per cached file; false too when the
// detection cache already has the group's full answer. Every group a listing meets is asked
// whether it shows as a matrix, most do not, and this answers without reading a marker's value;
// why a marked group is none is left to detect_group (opening it as a dataset asks). `listed`
// comes back with its attribute names when they were listed, for detection to share.
bool ruled_out(UnderLocation& listed, unsigned conventions, const H5O_info2_t* identity);

// What type questions need: a layout only for a group that presents as a dataset (a broken
// one stays a group).
std::optional<SparseLayout> detect_matrix(const UnderLocation& loc, unsigned conventions, const H5O_info2_t* identity);

// Same for the group at a location relative to `o` (the caller already knows it is a group, and
// may know its identity).
std::optional<SparseLayout> matrix_layout_at(const Object* o, const H5VL_loc_params_t& under_loc, hid_t dxpl_id,
                                             const H5O_info2_t* identity = nullptr);


// What opening a sparse group whose metadata cannot describe a matrix does.
enum class BrokenGroup {
    kStaysGroup,  // H5Oopen, H5Ocopy: it is a group like any other
    kIsError,     // H5Dopen2: fail, naming the group, the convention and the rule
};

// Wraps the open group as a virtual dataset; a layout whose components were not judged has them
// opened and judged now. A broken sparse group: NULL with the group still open when `broken`
// says it stays a group; else the group is closed and an Error names it and the broken rule.
// `path` names it in messages (default: the group's path).
Object* make_virtual_dataset(void* group_under, hid_t under_vol_id, unsigned conventions, const SparseLayout& layout,
                             hid_t dapl_id, hid_t dxpl_id, BrokenGroup broken, std::string path = {});

// Names of a sparse group's visible attributes (all but the markers), in the given index order.
std::vector<std::string> visible_attribute_names(void* group_under, hid_t under_vol_id, H5_index_t index,
                                                 H5_iter_order_t order, hid_t dxpl_id);

// The group `group_under` (open below, from `parent`) as a virtual dataset that owns it, when it
// is a sparse group; NULL, with the group still open, when it is not (or is broken and
// `broken` says it stays a group). Otherwise a broken one throws, with the group closed.
Object* virtual_dataset_if_sparse(void* group_under, const Object* parent, hid_t dapl_id, hid_t dxpl_id,
                                  BrokenGroup broken);

// The object named `name` at `loc` (under terms) as a virtual dataset, when it is a sparse group;
// NULL (nothing left open) when it is not a group or not sparse. A broken sparse group throws
// or counts as not sparse, as `broken` says.
Object* open_sparse_group(Object* o, const H5VL_loc_params_t& loc, const char* name, hid_t dapl_id, hid_t dxpl_id,
                          BrokenGroup broken);

// A virtual dataset opened for the duration of one call (H5Ocopy of a sparse group, an attribute
// call that names the root's /matrix): closed with its components and its group below.
struct TemporaryDatasetCloser {
    hid_t dxpl_id;
    void operator()(Object* d) const noexcept;
};
using TemporaryDataset = std::unique_ptr<Object, TemporaryDatasetCloser>;

// How many marker attributes a sparse group carries (hidden from its attribute count).
unsigned count_marker_attributes(const Object* o, const H5VL_loc_params_t& under_loc, hid_t dxpl_id);

}  // namespace h5sparse
