// H5F callbacks: open/create set the under connector on a copy of the FAPL; everything else is
// forwarded, with virtual datasets described to the connector below as the groups they are.
#include <memory>

#include "connector/callbacks.hpp"
#include "connector/connector_info.hpp"
#include "connector/detection_cache.hpp"
#include "connector/entry.hpp"
#include "connector/info_string.hpp"
#include "connector/location.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/handle.hpp"

namespace h5sparse {
namespace {

struct InfoOwner {
    void operator()(ConnectorInfo* p) const noexcept { free_info(p); }
};
using OwnedInfo = std::unique_ptr<ConnectorInfo, InfoOwner>;

// Files opened through an MPI-IO driver (parallel HDF5): see kPipelineDecodes.
unsigned with_driver_bits(unsigned conventions, hid_t fapl_id) {
    const hid_t driver = H5Pget_driver(fapl_id);
    unsigned long features = 0;
    if (driver >= 0 && H5FDdriver_query(driver, &features) >= 0 && (features & H5FD_FEAT_HAS_MPI))
        return conventions | kPipelineDecodes;
    return conventions;
}

void* file_create(const char* name, unsigned flags, hid_t fcpl_id, hid_t fapl_id, hid_t dxpl_id, void** req) {
    OwnedInfo info(info_from_fapl(fapl_id));
    Handle under_fapl(make_under_fapl(fapl_id, *info));
    void* under = H5VLfile_create(name, flags, fcpl_id, under_fapl.get(), dxpl_id, req);
    if (!under) fail(H5E_FILE, H5E_CANTCREATE, std::string("cannot create file '") + name + "'");
    Object* file = Object::wrap(under, info->under_vol_id, with_driver_bits(info->conventions, fapl_id));
    wrap_request(req, file);
    return file;
}

void* file_open(const char* name, unsigned flags, hid_t fapl_id, hid_t dxpl_id, void** req) {
    OwnedInfo info(info_from_fapl(fapl_id));
    Handle under_fapl(make_under_fapl(fapl_id, *info));
    void* under = H5VLfile_open(name, flags, under_fapl.get(), dxpl_id, req);
    if (!under) fail(H5E_FILE, H5E_CANTOPENFILE, std::string("cannot open file '") + name + "'");
    Object* file = Object::wrap(under, info->under_vol_id, with_driver_bits(info->conventions, fapl_id));
    if (!req || !*req) file->detection_cached = detection_cache::file_opened(under, info->under_vol_id, dxpl_id);
    wrap_request(req, file);
    return file;
}

herr_t file_get(void* obj, H5VL_file_get_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    H5VL_file_get_args_t my_args = *args;
    if (my_args.op_type == H5VL_FILE_GET_NAME) my_args.args.get_name.type = under_type(o, my_args.args.get_name.type);
    check(H5VLfile_get(o->under, o->under_vol_id, &my_args, dxpl_id, req), H5E_FILE, H5E_CANTGET,
          "file get operation failed in the connector below");
    *args = my_args;  // outputs stored by value (ids) travel back in the struct
    wrap_request(req, o);
    return 0;
}

// IS_ACCESSIBLE and DELETE come without an object, only a FAPL. HDF5 also sends IS_ACCESSIBLE
// to every VOL plugin in HDF5_PLUGIN_PATH (with no info) when a native open fails: that probe
// must answer "not accessible", never an error, or it breaks error reporting for every program
// sharing the plugin directory.
herr_t file_specific_without_object(H5VL_file_specific_args_t* args, hid_t dxpl_id, void** req) {
    const bool accessible_probe = args->op_type == H5VL_FILE_IS_ACCESSIBLE;
    hid_t fapl_id = accessible_probe ? args->args.is_accessible.fapl_id : args->args.del.fapl_id;
    void* raw_info = nullptr;
    if (H5Pget_vol_info(fapl_id, &raw_info) < 0) raw_info = nullptr;
    const bool probe_without_info = raw_info == nullptr;
    OwnedInfo info(raw_info ? static_cast<ConnectorInfo*>(raw_info) : make_default_info());
    Handle under_fapl(make_under_fapl(fapl_id, *info));
    H5VL_file_specific_args_t my_args = *args;
    if (accessible_probe) my_args.args.is_accessible.fapl_id = under_fapl.get();
    else my_args.args.del.fapl_id = under_fapl.get();

    if (accessible_probe && probe_without_info) {
        ErrorStackGuard keep;  // a "no" from below must not leave lines on the caller's stack
        if (H5VLfile_specific(nullptr, info->under_vol_id, &my_args, dxpl_id, req) < 0)
            *args->args.is_accessible.accessible = false;
        return 0;
    }
    check(H5VLfile_specific(nullptr, info->under_vol_id, &my_args, dxpl_id, req), H5E_FILE, H5E_CANTOPERATE,
          accessible_probe ? "cannot check whether the file is accessible" : "cannot delete the file");
    return 0;
}

herr_t file_specific(void* obj, H5VL_file_specific_args_t* args, hid_t dxpl_id, void** req) {
    if (args->op_type == H5VL_FILE_IS_ACCESSIBLE || args->op_type == H5VL_FILE_DELETE)
        return file_specific_without_object(args, dxpl_id, req);
    Object* o = as_object(obj);
    H5VL_file_specific_args_t my_args = *args;
    if (my_args.op_type == H5VL_FILE_FLUSH) my_args.args.flush.obj_type = under_type(o, my_args.args.flush.obj_type);
    check(H5VLfile_specific(o->under, o->under_vol_id, &my_args, dxpl_id, req), H5E_FILE, H5E_CANTOPERATE,
          "file operation failed in the connector below");
    wrap_request(req, o);
    if (args->op_type == H5VL_FILE_REOPEN) {
        Object* file = Object::wrap(*args->args.reopen.file, o->under_vol_id, o->conventions);
        if (!req || !*req) file->detection_cached = detection_cache::file_opened(file->under, o->under_vol_id, dxpl_id);
        *args->args.reopen.file = file;
    }
    return 0;
}

herr_t file_optional(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    // H5Fget_info2 accepts any object id and tells native its type: a virtual dataset is a group.
    H5VL_optional_args_t my_args = *args;
    H5VL_native_file_get_info_t get_info;
    if (args->op_type == H5VL_NATIVE_FILE_GET_INFO && o->is_virtual()) {
        get_info = *static_cast<H5VL_native_file_get_info_t*>(args->args);
        get_info.type = under_type(o, get_info.type);
        my_args.args = &get_info;
    }
    check(H5VLfile_optional(o->under, o->under_vol_id, &my_args, dxpl_id, req), H5E_FILE, H5E_CANTOPERATE,
          "file optional operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t file_close(void* obj, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    if (o->detection_cached) detection_cache::file_closing(o->under, o->under_vol_id, dxpl_id);
    check(H5VLfile_close(o->under, o->under_vol_id, dxpl_id, req), H5E_FILE, H5E_CANTCLOSEFILE,
          "cannot close the file in the connector below");
    wrap_request(req, o);
    delete o;
    return 0;
}

}  // namespace

const H5VL_file_class_t file_class = {
    entry<file_create, "file_create">,     entry<file_open, "file_open">,
    entry<file_get, "file_get">,           entry<file_specific, "file_specific">,
    entry<file_optional, "file_optional">, entry<file_close, "file_close">,
};

}  // namespace h5sparse
