// The connector's info object: what HDF5 stores in a file access property list next to the
// connector id (copied, compared, freed and (de)serialised through the info_cls callbacks).
#pragma once

#include <hdf5.h>

namespace h5sparse {

struct ConnectorInfo {
    hid_t under_vol_id;    // owned reference
    void* under_vol_info;  // owned by the under connector (may be NULL)
    unsigned conventions;  // Convention, UnmarkedOrientation and thread-count bits (connector/info_string.hpp)
};

// Defaults: the native connector underneath, every convention recognised.
ConnectorInfo* make_default_info();
ConnectorInfo* copy_info(const ConnectorInfo* info);
void free_info(ConnectorInfo* info) noexcept;

// Our info from a FAPL (NULL info, e.g. bare HDF5_VOL_CONNECTOR=h5sparse, means defaults).
// The caller owns the result (free_info).
ConnectorInfo* info_from_fapl(hid_t fapl_id);

// A copy of `fapl_id` with the under connector (and its info) set: what forwarded file calls use.
hid_t make_under_fapl(hid_t fapl_id, const ConnectorInfo& info);

// The info_cls callbacks.
extern const H5VL_info_class_t info_class;

}  // namespace h5sparse
