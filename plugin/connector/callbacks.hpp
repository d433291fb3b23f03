// The callback tables of the connector's H5VL_class_t, one per VOL subclass, each defined in
// its own <subclass>_callbacks.cpp. class_table.cpp assembles them.
#pragma once

#include <hdf5.h>

namespace h5sparse {

extern const H5VL_wrap_class_t wrap_class;
extern const H5VL_attr_class_t attr_class;
extern const H5VL_dataset_class_t dataset_class;
extern const H5VL_datatype_class_t datatype_class;
extern const H5VL_file_class_t file_class;
extern const H5VL_group_class_t group_class;
extern const H5VL_link_class_t link_class;
extern const H5VL_object_class_t object_class;
extern const H5VL_introspect_class_t introspect_class;
extern const H5VL_request_class_t request_class;
extern const H5VL_blob_class_t blob_class;
extern const H5VL_token_class_t token_class;

// The class itself (class_table.cpp); introspection hands it out.
extern const H5VL_class_t connector_class;

// Catch-all "optional" callback of the class.
herr_t connector_optional(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) noexcept;

}  // namespace h5sparse
