// H5L callbacks: forwarding, with recursive visits pruned below sparse groups (a sparse group
// is a dataset to clients: nothing below it exists for them), and the root's /matrix link
// (connector/root_matrix.hpp) answered where the connector below has none.
#include <string>

#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "connector/location.hpp"
#include "connector/root_matrix.hpp"
#include "connector/visit_pruning.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

herr_t link_create(H5VL_link_create_args_t* args, void* obj, const H5VL_loc_params_t* loc_params, hid_t lcpl_id,
                   hid_t lapl_id, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    hid_t under_vol_id = o ? o->under_vol_id : H5I_INVALID_HID;
    if (o) reject_if_virtual(o, "create a link in");
    H5VL_link_create_args_t my_args = *args;
    if (args->op_type == H5VL_LINK_CREATE_HARD && args->args.hard.curr_obj) {
        // H5Olink(dataset, ...) on a virtual dataset links the group (what it is on disk).
        Object* target = as_object(args->args.hard.curr_obj);
        if (under_vol_id < 0) under_vol_id = target->under_vol_id;
        my_args.args.hard.curr_obj = target->under;
        my_args.args.hard.curr_loc_params = under_loc(target, &args->args.hard.curr_loc_params);
    }
    H5VL_loc_params_t loc = o ? under_loc(o, loc_params) : *loc_params;
    check(H5VLlink_create(&my_args, o ? o->under : nullptr, &loc, under_vol_id, lcpl_id, lapl_id, dxpl_id, req),
          H5E_LINK, H5E_CANTCREATE, "cannot create link in the connector below");
    if (o) wrap_request(req, o);
    return 0;
}

using LinkTransfer = herr_t (*)(void*, const H5VL_loc_params_t*, void*, const H5VL_loc_params_t*, hid_t, hid_t, hid_t,
                                hid_t, void**);

herr_t link_transfer(LinkTransfer under_op, const char* what, void* src_obj, const H5VL_loc_params_t* loc1,
                     void* dst_obj, const H5VL_loc_params_t* loc2, hid_t lcpl_id, hid_t lapl_id, hid_t dxpl_id,
                     void** req) {
    Object* src = as_object(src_obj);
    Object* dst = as_object(dst_obj);
    if (dst) reject_if_virtual(dst, what);
    hid_t under_vol_id = src ? src->under_vol_id : dst->under_vol_id;
    H5VL_loc_params_t l1 = src ? under_loc(src, loc1) : *loc1;
    H5VL_loc_params_t l2 = dst ? under_loc(dst, loc2) : *loc2;
    check(under_op(src ? src->under : nullptr, &l1, dst ? dst->under : nullptr, &l2, under_vol_id, lcpl_id, lapl_id,
                   dxpl_id, req),
          H5E_LINK, H5E_CANTOPERATE, (std::string("cannot ") + what + " in the connector below").c_str());
    wrap_request(req, src ? src : dst);
    return 0;
}

herr_t link_copy(void* src_obj, const H5VL_loc_params_t* loc1, void* dst_obj, const H5VL_loc_params_t* loc2,
                 hid_t lcpl_id, hid_t lapl_id, hid_t dxpl_id, void** req) {
    return link_transfer(&H5VLlink_copy, "copy a link into", src_obj, loc1, dst_obj, loc2, lcpl_id, lapl_id, dxpl_id,
                         req);
}

herr_t link_move(void* src_obj, const H5VL_loc_params_t* loc1, void* dst_obj, const H5VL_loc_params_t* loc2,
                 hid_t lcpl_id, hid_t lapl_id, hid_t dxpl_id, void** req) {
    return link_transfer(&H5VLlink_move, "move a link into", src_obj, loc1, dst_obj, loc2, lcpl_id, lapl_id, dxpl_id,
                         req);
}

herr_t link_get(void* obj, const H5VL_loc_params_t* loc_params, H5VL_link_get_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    // The root's n-th link, counting its /matrix (H5Lget_name_by_idx, H5Lget_info_by_idx).
    if (std::optional<RootIndexedLink> indexed = root_link_by_index(o, loc, dxpl_id)) {
        if (!indexed->is_matrix) {
            loc = indexed->below;
        } else if (args->op_type == H5VL_LINK_GET_INFO) {
            *args->args.get_info.linfo = root_matrix_link(indexed->matrix);
            if (req) *req = nullptr;
            return 0;
        } else if (args->op_type == H5VL_LINK_GET_NAME) {
            auto& get = args->args.get_name;
            write_name(kRootMatrixName, get.name, get.name_size, get.name_len);
            if (req) *req = nullptr;
            return 0;
        } else {
            fail(H5E_LINK, H5E_BADTYPE, "'/matrix' is a hard link: it has no value");
        }
    }
    herr_t ret = H5VLlink_get(o->under, &loc, o->under_vol_id, args, dxpl_id, req);
    if (ret < 0 && args->op_type == H5VL_LINK_GET_INFO && loc.type == H5VL_OBJECT_BY_NAME)
        if (std::optional<RootMatrix> m = root_matrix_at(o, loc, dxpl_id)) {  // /matrix: nothing below
            H5Eclear2(H5E_DEFAULT);
            *args->args.get_info.linfo = root_matrix_link(*m);
            if (req) *req = nullptr;
            return 0;
        }
    check(ret, H5E_LINK, H5E_CANTGET, "link get operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t link_specific(void* obj, const H5VL_loc_params_t* loc_params, H5VL_link_specific_args_t* args, hid_t dxpl_id,
                     void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    if (args->op_type == H5VL_LINK_DELETE) reject_if_virtual(o, "delete a link in");
    if (args->op_type == H5VL_LINK_ITER) {
        if (o->is_virtual() && loc_params->type == H5VL_OBJECT_BY_SELF)
            fail(H5E_SYM, H5E_BADTYPE, "'" + o->sparse_path() + "' is a dataset (a sparse matrix), not a group");
        return iterate_links_pruned(o, &loc, args, dxpl_id, req);
    }
    herr_t ret = H5VLlink_specific(o->under, &loc, o->under_vol_id, args, dxpl_id, req);
    if (ret < 0) fail(H5E_LINK, H5E_CANTOPERATE, "link operation failed in the connector below");
    if (args->op_type == H5VL_LINK_EXISTS && !*args->args.exists.exists && loc.type == H5VL_OBJECT_BY_NAME &&
        root_matrix_at(o, loc, dxpl_id))
        *args->args.exists.exists = true;
    wrap_request(req, o);
    return ret;
}

herr_t link_optional(void* obj, const H5VL_loc_params_t* loc_params, H5VL_optional_args_t* args, hid_t dxpl_id,
                     void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    check(H5VLlink_optional(o->under, &loc, o->under_vol_id, args, dxpl_id, req), H5E_LINK, H5E_CANTOPERATE,
          "link optional operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

}  // namespace

const H5VL_link_class_t link_class = {
    entry<link_create, "link_create">, entry<link_copy, "link_copy">,
    entry<link_move, "link_move">,     entry<link_get, "link_get">,
    entry<link_specific, "link_specific">, entry<link_optional, "link_optional">,
};

}  // namespace h5sparse
