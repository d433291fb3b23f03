// H5Ocopy (h5copy) of a sparse matrix writes what clients see: an ordinary dense 2-D dataset
// of the stored value type, with the matrix's values and its visible (non-marker) attributes.
#pragma once

#include <hdf5.h>

#include "model/object.hpp"

namespace h5sparse {

// Returns false (and does nothing) when the source is not a sparse group: the caller then
// forwards the ordinary copy.
bool copy_sparse_as_dense(Object* src, const H5VL_loc_params_t& src_loc, const char* src_name, Object* dst,
                          const H5VL_loc_params_t& dst_loc, const char* dst_name, hid_t lcpl_id, hid_t dxpl_id);

}  // namespace h5sparse
