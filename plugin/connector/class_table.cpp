// The connector's H5VL_class_t, the plugin entry points HDF5's plugin loader looks for, and the
// public C API of include/h5sparse_vol.h.
#include <h5sparse_vol.h>

#include <H5PLextern.h>

#include "connector/callbacks.hpp"
#include "connector/connector_info.hpp"
#include "connector/entry.hpp"
#include "model/object.hpp"
#include "read/component_transfer.hpp"
#include "util/error.hpp"
#include "util/worker_pool.hpp"
#include "util/handle.hpp"

#if H5VL_VERSION != 3
#error "h5sparse-vol is written for the HDF5 1.14 VOL interface (H5VL_VERSION 3)"
#endif

#define H5SPARSE_EXPORT __attribute__((visibility("default")))

namespace h5sparse {
namespace {

// Cheap, idempotent and side-effect free: HDF5 initialises every VOL plugin in the plugin path
// whenever a native open fails, in programs that never asked for this connector. It calls no
// HDF5 function and cannot throw, so it needs no entry wrapper (whose error-printing switch
// would be its only HDF5 calls).
herr_t initialize(hid_t) noexcept {
    hold_error_class();
    return 0;
}

herr_t terminate() {
    WorkerPool::shut_down();  // joined before HDF5 may unload the plugin
    release_component_transfer();
    release_error_class();
    return 0;
}

herr_t optional_cb(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    check(H5VLoptional(o->under, o->under_vol_id, args, dxpl_id, req), H5E_VOL, H5E_CANTOPERATE,
          "optional operation failed below");
    if (req && *req) *req = Object::wrap(*req, o->under_vol_id, o->conventions);
    return 0;
}

}  // namespace

herr_t connector_optional(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) noexcept {
    return entry<optional_cb, "optional">(obj, args, dxpl_id, req);
}

const H5VL_class_t connector_class = {
    H5VL_VERSION,
    H5SPARSE_VOL_VALUE,
    H5SPARSE_VOL_NAME,
    H5SPARSE_VOL_VERSION,
    0,  // cap_flags: the under connector's are reported through introspection
    &initialize,
    entry<terminate, "terminate">,
    info_class,
    wrap_class,
    attr_class,
    dataset_class,
    datatype_class,
    file_class,
    group_class,
    link_class,
    object_class,
    introspect_class,
    request_class,
    blob_class,
    token_class,
    &connector_optional,
};

}  // namespace h5sparse

extern "C" {

H5SPARSE_EXPORT H5PL_type_t H5PLget_plugin_type(void) { return H5PL_TYPE_VOL; }
H5SPARSE_EXPORT const void* H5PLget_plugin_info(void) { return &h5sparse::connector_class; }

H5SPARSE_EXPORT hid_t h5sparse_vol_register(void) {
    // Returns the existing id (with a new reference) when the plugin loader registered us already.
    hid_t id = H5VLregister_connector(&h5sparse::connector_class, H5P_DEFAULT);
    if (id < 0) h5sparse::push_error("h5sparse_vol_register", H5E_VOL, H5E_CANTREGISTER, "cannot register h5sparse");
    return id;
}

H5SPARSE_EXPORT herr_t h5sparse_vol_set_fapl(hid_t fapl_id, const char* info) {
    hid_t id = h5sparse_vol_register();
    if (id < 0) return -1;
    void* connector_info = nullptr;
    herr_t ret = H5VLconnector_str_to_info(info ? info : "", id, &connector_info);
    if (ret >= 0) ret = H5Pset_vol(fapl_id, id, connector_info);
    if (ret < 0)
        h5sparse::push_error("h5sparse_vol_set_fapl", H5E_PLIST, H5E_CANTSET,
                             std::string("cannot set h5sparse on the file access property list (info '") +
                                 (info ? info : "") + "')");
    if (connector_info) H5VLfree_connector_info(id, connector_info);
    H5VLclose(id);
    return ret < 0 ? -1 : 0;
}

}  // extern "C"
