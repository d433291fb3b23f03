// Recursive iteration (H5Lvisit, H5Ovisit) as clients must see it: a sparse group is reported
// once, as a dataset, and nothing below it (X/data, X/indices, X/indptr) is reported at all.
// Native calls the operator for a group before descending into it, so pruning by path prefix
// works: we detect at the group's callback and skip every later name under it.
// Listing the root (H5Literate, H5Lvisit, H5Ovisit) also reports its /matrix, where it sorts
// (connector/root_matrix.hpp).
#pragma once

#include <hdf5.h>
#include <H5VLnative.h>

#include "model/object.hpp"

namespace h5sparse {

// H5VL_LINK_ITER (recursive or not) below `o` at `loc` (already in the under connector's terms).
herr_t iterate_links_pruned(Object* o, const H5VL_loc_params_t* loc, H5VL_link_specific_args_t* args, hid_t dxpl_id,
                            void** req);

// H5VL_OBJECT_VISIT below `o` at `loc`.
herr_t visit_objects_pruned(Object* o, const H5VL_loc_params_t* loc, H5VL_object_specific_args_t* args,
                            hid_t dxpl_id, void** req);

#ifndef H5_NO_DEPRECATED_SYMBOLS
// The deprecated H5Giterate over the root (`iterate.loc_params`, in the connector below's terms),
// which shows /matrix: GDAL sizes its listing by the root's link count.
herr_t iterate_root_links_old_style(Object* o, const H5VL_native_group_iterate_old_t& iterate, hid_t dxpl_id);
#endif

}  // namespace h5sparse
