// H5O callbacks. The type answer must be the same everywhere (tools decide from H5Oget_info,
// h5py from H5Iget_type after H5Oopen): a sparse group is H5O_TYPE_DATASET in object info, in
// by-token type queries, in visits, and H5Oopen returns an H5I_DATASET id for it.
#include <string>

#include "connector/callbacks.hpp"
#include "connector/dense_copy.hpp"
#include "connector/entry.hpp"
#include "connector/last_info_answer.hpp"
#include "connector/location.hpp"
#include "connector/root_matrix.hpp"
#include "connector/sparse_objects.hpp"
#include "connector/visit_pruning.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

void* object_open(void* obj, const H5VL_loc_params_t* loc_params, H5I_type_t* opened_type, hid_t dxpl_id,
                  void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    auto open_root_matrix_here = [&](const RootMatrix& m) {
        if (req) *req = nullptr;
        Object* d = open_root_matrix(o, loc.obj_type, m, H5P_DATASET_ACCESS_DEFAULT, dxpl_id);
        *opened_type = H5I_DATASET;
        return d;
    };
    // /matrix's token must not reach below: the connector there takes it for the root's.
    if (loc.type == H5VL_OBJECT_BY_TOKEN)
        if (std::optional<RootMatrix> m = root_matrix_at(o, loc, dxpl_id)) return open_root_matrix_here(*m);
    // The root's n-th link counts /matrix (H5Oopen_by_idx).
    if (std::optional<RootIndexedLink> indexed = root_link_by_index(o, loc, dxpl_id)) {
        if (indexed->is_matrix) return open_root_matrix_here(indexed->matrix);
        loc = indexed->below;
    }
    void* under = H5VLobject_open(o->under, &loc, o->under_vol_id, opened_type, dxpl_id, req);
    if (!under) {
        std::optional<RootMatrix> m;
        if (loc.type == H5VL_OBJECT_BY_NAME) m = root_matrix_at(o, loc, dxpl_id, RootMatrixKind::kShownOrBroken);
        if (!m) fail(H5E_OHDR, H5E_CANTOPENOBJ, "cannot open object in the connector below");
        H5Eclear2(H5E_DEFAULT);  // nothing below has that name: it is the root matrix
        return open_root_matrix_here(*m);
    }
    if (*opened_type == H5I_GROUP && o->conventions != 0) {
        // The library registers the new id with the type we return, so H5Oclose reaches dataset_close.
        if (Object* d = virtual_dataset_if_sparse(under, o, H5P_DATASET_ACCESS_DEFAULT, dxpl_id, BrokenGroup::kStaysGroup)) {
            *opened_type = H5I_DATASET;
            if (req) *req = nullptr;
            return d;
        }
    }
    Object* wrapped = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return wrapped;
}

herr_t object_copy(void* src_obj, const H5VL_loc_params_t* loc1, const char* src_name, void* dst_obj,
                   const H5VL_loc_params_t* loc2, const char* dst_name, hid_t ocpypl_id, hid_t lcpl_id,
                   hid_t dxpl_id, void** req) {
    Object* src = as_object(src_obj);
    Object* dst = as_object(dst_obj);
    reject_if_virtual(dst, "copy an object into");
    H5VL_loc_params_t l1 = under_loc(src, loc1), l2 = under_loc(dst, loc2);
    if (copy_sparse_as_dense(src, l1, src_name, dst, l2, dst_name, lcpl_id, dxpl_id)) {
        if (req) *req = nullptr;
        return 0;
    }
    check(H5VLobject_copy(src->under, &l1, src_name, dst->under, &l2, dst_name, src->under_vol_id, ocpypl_id,
                          lcpl_id, dxpl_id, req),
          H5E_OHDR, H5E_CANTCOPY, "cannot copy object in the connector below");
    wrap_request(req, src);
    return 0;
}

// What a question about the root group answers when it was asked about /matrix.
void present_as_root_matrix(H5VL_object_get_args_t* args, const Object* o, H5I_type_t obj_type, hid_t dxpl_id) {
    switch (args->op_type) {
        case H5VL_OBJECT_GET_INFO:
            present_root_as_matrix(*args->args.get_info.oinfo, o, obj_type, dxpl_id);
            break;
        case H5VL_OBJECT_GET_TYPE:
            *args->args.get_type.obj_type = H5O_TYPE_DATASET;
            break;
        case H5VL_OBJECT_GET_NAME: {
            auto& get = args->args.get_name;
            write_name(std::string("/") + kRootMatrixName, get.buf, get.buf_size, get.name_len);
            break;
        }
        case H5VL_OBJECT_GET_FILE:
            break;
    }
}

herr_t object_get(void* obj, const H5VL_loc_params_t* loc_params, H5VL_object_get_args_t* args, hid_t dxpl_id,
                  void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    H5VL_object_get_args_t my_args = *args;
    if (args->op_type == H5VL_OBJECT_GET_INFO) my_args.args.get_info.fields |= H5O_INFO_BASIC;
    // /matrix is asked about as the root group, then presented: by token before the connector
    // below sees its token, by name once the connector below has found nothing there.
    std::optional<RootMatrix> root_matrix_here;
    if (loc.type == H5VL_OBJECT_BY_TOKEN) root_matrix_here = root_matrix_at(o, loc, dxpl_id);
    // The root's n-th link counts /matrix (H5Oget_info_by_idx, H5Gget_objtype_by_idx).
    if (std::optional<RootIndexedLink> indexed = root_link_by_index(o, loc, dxpl_id)) {
        if (indexed->is_matrix) root_matrix_here = std::move(indexed->matrix);
        else loc = indexed->below;
    }
    const H5VL_loc_params_t root = root_group_location(loc.obj_type);
    herr_t ret = H5VLobject_get(o->under, root_matrix_here ? &root : &loc, o->under_vol_id, &my_args, dxpl_id, req);
    if (ret < 0 && loc.type == H5VL_OBJECT_BY_NAME && (root_matrix_here = root_matrix_at(o, loc, dxpl_id))) {
        H5Eclear2(H5E_DEFAULT);
        ret = H5VLobject_get(o->under, &root, o->under_vol_id, &my_args, dxpl_id, req);
    }
    check(ret, H5E_OHDR, H5E_CANTGET, "object get operation failed in the connector below");
    *args = my_args;  // outputs stored by value (ids) travel back in the struct
    wrap_request(req, o);
    // The open /matrix asked about itself (by self or as "."): below, it is the root group.
    if (root_matrix_here || (o->root_matrix && names_itself(loc_params))) {
        present_as_root_matrix(args, o, loc.obj_type, dxpl_id);
        return 0;
    }
    if (args->op_type == H5VL_OBJECT_GET_INFO) {
        H5O_info2_t* info = args->args.get_info.oinfo;
        // By self: the id's own kind decides (a group opened with H5Gopen2 stays a group).
        const bool sparse = loc_params->type == H5VL_OBJECT_BY_SELF ? o->is_virtual()
                                                                     : info->type == H5O_TYPE_GROUP &&
                                                                           matrix_layout_at(o, loc, dxpl_id, info).has_value();
        last_info_answer::remember(*info, o->conventions, sparse);
        if (info->type == H5O_TYPE_GROUP && sparse) {
            info->type = H5O_TYPE_DATASET;
            if (args->args.get_info.fields & H5O_INFO_NUM_ATTRS) {
                unsigned hidden = count_marker_attributes(o, loc, dxpl_id);
                info->num_attrs = info->num_attrs >= hidden ? info->num_attrs - hidden : 0;
            }
        }
    } else if (args->op_type == H5VL_OBJECT_GET_TYPE) {
        H5O_type_t* type = args->args.get_type.obj_type;
        if (*type == H5O_TYPE_GROUP && matrix_layout_at(o, loc, dxpl_id)) *type = H5O_TYPE_DATASET;
    }
    return 0;
}

herr_t object_specific(void* obj, const H5VL_loc_params_t* loc_params, H5VL_object_specific_args_t* args,
                       hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    if (o->is_virtual() && loc_params->type == H5VL_OBJECT_BY_SELF) {
        // Native refresh would close the id and re-open the group as a dataset; nothing is
        // buffered to flush.
        if (args->op_type == H5VL_OBJECT_REFRESH || args->op_type == H5VL_OBJECT_FLUSH) {
            if (req) *req = nullptr;
            return 0;
        }
    }
    if (args->op_type == H5VL_OBJECT_VISIT) return visit_objects_pruned(o, &loc, args, dxpl_id, req);
    herr_t ret = H5VLobject_specific(o->under, &loc, o->under_vol_id, args, dxpl_id, req);
    // H5Oexists_by_name and H5Rcreate_object find /matrix where the connector below finds nothing.
    if (loc.type == H5VL_OBJECT_BY_NAME &&
        ((args->op_type == H5VL_OBJECT_EXISTS && (ret < 0 || !*args->args.exists.exists)) ||
         (args->op_type == H5VL_OBJECT_LOOKUP && ret < 0)))
        if (std::optional<RootMatrix> m = root_matrix_at(o, loc, dxpl_id)) {
            H5Eclear2(H5E_DEFAULT);
            if (args->op_type == H5VL_OBJECT_EXISTS) *args->args.exists.exists = true;
            else *args->args.lookup.token_ptr = m->token;
            ret = 0;
        }
    if (ret < 0) fail(H5E_OHDR, H5E_CANTOPERATE, "object operation failed in the connector below");
    wrap_request(req, o);
    return ret;
}

herr_t object_optional(void* obj, const H5VL_loc_params_t* loc_params, H5VL_optional_args_t* args, hid_t dxpl_id,
                       void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    check(H5VLobject_optional(o->under, &loc, o->under_vol_id, args, dxpl_id, req), H5E_OHDR, H5E_CANTOPERATE,
          "object optional operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

}  // namespace

const H5VL_object_class_t object_class = {
    entry<object_open, "object_open">,         entry<object_copy, "object_copy">,
    entry<object_get, "object_get">,           entry<object_specific, "object_specific">,
    entry<object_optional, "object_optional">,
};

}  // namespace h5sparse
