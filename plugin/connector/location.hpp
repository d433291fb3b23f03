// Forwarding helpers shared by the subclass callbacks.
#pragma once

#include <hdf5.h>

#include "model/object.hpp"

namespace h5sparse {

// The connector below must see a virtual dataset as what it is: a group. HDF5 fills
// loc_params->obj_type from the id's type (H5I_DATASET for a virtual dataset); native casts the
// object by that type, so forwarding it unchanged would treat an H5G_t as an H5D_t.
inline H5VL_loc_params_t under_loc(const Object* o, const H5VL_loc_params_t* loc) {
    H5VL_loc_params_t copy = *loc;
    if (o->is_virtual() && copy.obj_type == H5I_DATASET) copy.obj_type = H5I_GROUP;
    return copy;
}

inline H5I_type_t under_type(const Object* o, H5I_type_t type) {
    return (o->is_virtual() && type == H5I_DATASET) ? H5I_GROUP : type;
}

// Does the location name the object it is relative to (by self, or by the name ".")?
inline bool names_itself(const H5VL_loc_params_t* loc) {
    if (loc->type == H5VL_OBJECT_BY_SELF) return true;
    const char* name = loc->type == H5VL_OBJECT_BY_NAME  ? loc->loc_data.loc_by_name.name
                       : loc->type == H5VL_OBJECT_BY_IDX ? loc->loc_data.loc_by_idx.name
                                                         : nullptr;
    return name && name[0] == '.' && name[1] == '\0';
}

// Async requests from below are wrapped like any other object.
inline void wrap_request(void** req, const Object* o) {
    if (req && *req) *req = Object::wrap(*req, o->under_vol_id, o->conventions);
}

}  // namespace h5sparse

namespace h5sparse {

// Virtual datasets are read-only views: modifications through them fail with this message.
void reject_if_virtual(const Object* o, const char* what);

}  // namespace h5sparse
