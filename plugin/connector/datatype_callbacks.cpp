// H5T callbacks (committed datatypes): plain forwarding.
#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "connector/location.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

void* datatype_commit(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t type_id,
                      hid_t lcpl_id, hid_t tcpl_id, hid_t tapl_id, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    reject_if_virtual(o, "commit a datatype in");
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    void* under = H5VLdatatype_commit(o->under, &loc, o->under_vol_id, name, type_id, lcpl_id, tcpl_id, tapl_id,
                                      dxpl_id, req);
    if (!under) fail(H5E_DATATYPE, H5E_CANTCREATE, "cannot commit datatype in the connector below");
    Object* t = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return t;
}

void* datatype_open(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t tapl_id,
                    hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    void* under = H5VLdatatype_open(o->under, &loc, o->under_vol_id, name, tapl_id, dxpl_id, req);
    if (!under) fail(H5E_DATATYPE, H5E_CANTOPENOBJ, std::string("cannot open datatype '") + (name ? name : "") + "'");
    Object* t = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return t;
}

herr_t datatype_get(void* obj, H5VL_datatype_get_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    check(H5VLdatatype_get(o->under, o->under_vol_id, args, dxpl_id, req), H5E_DATATYPE, H5E_CANTGET,
          "datatype get operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t datatype_specific(void* obj, H5VL_datatype_specific_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    check(H5VLdatatype_specific(o->under, o->under_vol_id, args, dxpl_id, req), H5E_DATATYPE, H5E_CANTOPERATE,
          "datatype operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t datatype_optional(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    check(H5VLdatatype_optional(o->under, o->under_vol_id, args, dxpl_id, req), H5E_DATATYPE, H5E_CANTOPERATE,
          "datatype optional operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t datatype_close(void* obj, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    check(H5VLdatatype_close(o->under, o->under_vol_id, dxpl_id, req), H5E_DATATYPE, H5E_CLOSEERROR,
          "cannot close datatype in the connector below");
    wrap_request(req, o);
    delete o;
    return 0;
}

}  // namespace

const H5VL_datatype_class_t datatype_class = {
    entry<datatype_commit, "datatype_commit">,     entry<datatype_open, "datatype_open">,
    entry<datatype_get, "datatype_get">,           entry<datatype_specific, "datatype_specific">,
    entry<datatype_optional, "datatype_optional">, entry<datatype_close, "datatype_close">,
};

}  // namespace h5sparse
