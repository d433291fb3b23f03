// H5G callbacks: forwarding; a virtual dataset cannot hold new groups; the root counts its
// /matrix (connector/root_matrix.hpp).
#include <string>

#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "connector/location.hpp"
#include "connector/root_matrix.hpp"
#include "connector/sparse_objects.hpp"
#include "connector/visit_pruning.hpp"
#include "connector/visit_snapshot.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

void* group_create(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t lcpl_id, hid_t gcpl_id,
                   hid_t gapl_id, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    reject_if_virtual(o, "create a group in");
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    void* under = H5VLgroup_create(o->under, &loc, o->under_vol_id, name, lcpl_id, gcpl_id, gapl_id, dxpl_id, req);
    if (!under) fail(H5E_SYM, H5E_CANTCREATE, std::string("cannot create group '") + (name ? name : "") + "'");
    Object* g = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return g;
}

// H5Gopen2 on a sparse group still opens the group: programs that read the components keep working.
void* group_open(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t gapl_id, hid_t dxpl_id,
                 void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    void* under = H5VLgroup_open(o->under, &loc, o->under_vol_id, name, gapl_id, dxpl_id, req);
    if (!under) fail(H5E_SYM, H5E_CANTOPENOBJ, std::string("cannot open group '") + (name ? name : "") + "'");
    Object* g = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return g;
}

herr_t group_get(void* obj, H5VL_group_get_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    H5VL_group_get_args_t my_args = *args;
    if (my_args.op_type == H5VL_GROUP_GET_INFO)
        my_args.args.get_info.loc_params = under_loc(o, &my_args.args.get_info.loc_params);
    check(H5VLgroup_get(o->under, o->under_vol_id, &my_args, dxpl_id, req), H5E_SYM, H5E_CANTGET,
          "group get operation failed in the connector below");
    *args = my_args;  // outputs stored by value (ids) travel back in the struct
    wrap_request(req, o);
    // The root's link count includes its /matrix (h5py sizes its listing by it).
    if (args->op_type == H5VL_GROUP_GET_INFO && root_matrix_listed_in(o, my_args.args.get_info.loc_params, dxpl_id))
        ++args->args.get_info.ginfo->nlinks;
    return 0;
}

herr_t group_specific(void* obj, H5VL_group_specific_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    if (args->op_type == H5VL_GROUP_MOUNT || args->op_type == H5VL_GROUP_UNMOUNT) reject_if_virtual(o, "mount on");
    H5VL_group_specific_args_t my_args = *args;
    if (my_args.op_type == H5VL_GROUP_MOUNT)
        my_args.args.mount.child_file = as_object(args->args.mount.child_file)->under;
    check(H5VLgroup_specific(o->under, o->under_vol_id, &my_args, dxpl_id, req), H5E_SYM, H5E_CANTOPERATE,
          "group operation failed in the connector below");
    if (args->op_type == H5VL_GROUP_MOUNT) VisitSnapshot::note_mount();
    wrap_request(req, o);
    return 0;
}

// The deprecated H5Giterate/H5Gget_objinfo carry their own location (see connector/location.hpp).
herr_t forward_group_optional(Object* o, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) {
    H5VL_optional_args_t my_args = *args;
#ifndef H5_NO_DEPRECATED_SYMBOLS
    H5VL_native_group_optional_args_t native;
    if (o->conventions != 0 && args->op_type == H5VL_NATIVE_GROUP_ITERATE_OLD) {
        native = *static_cast<H5VL_native_group_optional_args_t*>(args->args);
        native.iterate_old.loc_params = under_loc(o, &native.iterate_old.loc_params);
        if (root_matrix_listed_in(o, native.iterate_old.loc_params, dxpl_id)) {
            if (req) *req = nullptr;
            return iterate_root_links_old_style(o, native.iterate_old, dxpl_id);
        }
    }
    if (o->is_virtual() && args->op_type == H5VL_NATIVE_GROUP_ITERATE_OLD) {
        native = *static_cast<H5VL_native_group_optional_args_t*>(args->args);
        native.iterate_old.loc_params = under_loc(o, &native.iterate_old.loc_params);
        my_args.args = &native;
    } else if (o->is_virtual() && args->op_type == H5VL_NATIVE_GROUP_GET_OBJINFO) {
        native = *static_cast<H5VL_native_group_optional_args_t*>(args->args);
        native.get_objinfo.loc_params = under_loc(o, &native.get_objinfo.loc_params);
        my_args.args = &native;
    }
#endif
    return H5VLgroup_optional(o->under, o->under_vol_id, &my_args, dxpl_id, req);
}

#ifndef H5_NO_DEPRECATED_SYMBOLS
// H5Gget_objinfo of /matrix, which the connector below does not have: the root's, as a dataset
// (objno marked, as its token is). -1 when `args` does not name it.
herr_t root_matrix_objinfo(Object* o, H5VL_optional_args_t* args, hid_t dxpl_id) {
    auto* native = static_cast<H5VL_native_group_optional_args_t*>(args->args);
    const H5VL_loc_params_t loc = under_loc(o, &native->get_objinfo.loc_params);
    if (loc.type != H5VL_OBJECT_BY_NAME || !root_matrix_at(o, loc, dxpl_id)) return -1;
    H5Eclear2(H5E_DEFAULT);
    H5VL_native_group_optional_args_t root = *native;
    root.get_objinfo.loc_params = root_group_location(loc.obj_type);
    H5VL_optional_args_t root_args{args->op_type, &root};
    if (H5VLgroup_optional(o->under, o->under_vol_id, &root_args, dxpl_id, nullptr) < 0) return -1;
    if (H5G_stat_t* st = native->get_objinfo.statbuf) {
        st->type = H5G_DATASET;
        st->objno[1] ^= 0xB5;
    }
    return 0;
}
#endif

herr_t group_optional(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    herr_t ret = forward_group_optional(o, args, dxpl_id, req);
#ifndef H5_NO_DEPRECATED_SYMBOLS
    if (ret < 0 && o->conventions != 0 && args->op_type == H5VL_NATIVE_GROUP_GET_OBJINFO) {
        ret = root_matrix_objinfo(o, args, dxpl_id);
        if (ret >= 0 && req) *req = nullptr;
    }
#endif
    check(ret, H5E_SYM, H5E_CANTOPERATE, "group optional operation failed in the connector below");
#ifndef H5_NO_DEPRECATED_SYMBOLS
    // H5Gget_objinfo: a sparse group is a dataset to clients (GDAL classifies objects by it).
    if (args->op_type == H5VL_NATIVE_GROUP_GET_OBJINFO) {
        auto* native = static_cast<H5VL_native_group_optional_args_t*>(args->args);
        H5G_stat_t* st = native->get_objinfo.statbuf;
        H5VL_loc_params_t loc = under_loc(o, &native->get_objinfo.loc_params);
        if (st && st->type == H5G_GROUP &&
            (loc.type == H5VL_OBJECT_BY_SELF ? o->is_virtual() : matrix_layout_at(o, loc, dxpl_id).has_value()))
            st->type = H5G_DATASET;
    }
#endif
    wrap_request(req, o);
    return ret;  // H5Giterate's: the value the operator stopped with
}

herr_t group_close(void* obj, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    check(H5VLgroup_close(o->under, o->under_vol_id, dxpl_id, req), H5E_SYM, H5E_CLOSEERROR,
          "cannot close group in the connector below");
    wrap_request(req, o);
    delete o;
    return 0;
}

}  // namespace

const H5VL_group_class_t group_class = {
    entry<group_create, "group_create">,     entry<group_open, "group_open">,
    entry<group_get, "group_get">,           entry<group_specific, "group_specific">,
    entry<group_optional, "group_optional">, entry<group_close, "group_close">,
};

}  // namespace h5sparse
