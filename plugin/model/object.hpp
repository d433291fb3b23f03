// The object every callback receives: the under connector's object, plus — for a sparse group
// presented as a dataset — the virtual dataset's state.
//
// `under` is always what the connector below knows: for a virtual dataset it is the *group*.
// Callbacks that forward on behalf of a virtual dataset must describe it to the connector below
// as a group (see connector/location.hpp), never as a dataset.
#pragma once

#include <hdf5.h>

#include <memory>
#include <string>

namespace h5sparse {

class VirtualDataset;  // model/virtual_dataset.hpp

struct Object {
    void* under = nullptr;
    hid_t under_vol_id = H5I_INVALID_HID;  // owned reference
    unsigned conventions = 0;              // which sparse conventions to recognise below this object (and
                                           // the decode thread count: connector/info_string.hpp)
    std::unique_ptr<VirtualDataset> sparse;
    bool root_matrix = false;       // the virtual /matrix of a matrix stored in the root (connector/root_matrix.hpp)
    bool detection_cached = false;  // a file whose detection answers are remembered (connector/detection_cache.hpp)

    // Wraps an under object (takes a new reference on under_vol_id).
    static Object* wrap(void* under, hid_t under_vol_id, unsigned conventions);

    bool is_virtual() const noexcept { return sparse != nullptr; }
    // The sparse group's path, for messages ("" for ordinary objects).
    std::string sparse_path() const;

    Object(void* under_object, hid_t under_id, unsigned conv);
    ~Object();
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
};

inline Object* as_object(void* p) noexcept { return static_cast<Object*>(p); }
inline const Object* as_object(const void* p) noexcept { return static_cast<const Object*>(p); }

// The wrap context HDF5 keeps per API call, used to wrap objects the native layer creates
// (iteration callbacks' ids, committed types, ...).
struct WrapContext {
    hid_t under_vol_id;  // owned reference
    void* under_wrap_ctx;
    unsigned conventions;
};

}  // namespace h5sparse
