// H5A callbacks. On a virtual dataset the group's marker attributes (encoding-type, shape,
// h5sparse_format, ...) are storage details: they are hidden consistently from count, iterate,
// by-index, by-name and exists, so a sparse matrix and its dense twin have the same attributes
// (h5diff compares both). Visible by-index positions are mapped to names by iterating below.
#include <string>
#include <vector>

#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "connector/location.hpp"
#include "connector/root_matrix.hpp"
#include "connector/sparse_objects.hpp"
#include "model/marker_attributes.hpp"
#include "util/error.hpp"
#include "util/quiet_errors.hpp"

namespace h5sparse {
namespace {

// Does this call address the virtual dataset's own attributes (as opposed to another object's)?
bool addresses_virtual_self(const Object* o, const H5VL_loc_params_t* loc) {
    return o->is_virtual() && names_itself(loc);
}

// BY_IDX on a virtual dataset -> BY_SELF + the name of the n-th visible attribute.
std::string visible_name_at(Object* o, const H5VL_loc_params_t* loc, hid_t dxpl_id) {
    const auto& by_idx = loc->loc_data.loc_by_idx;
    auto names = visible_attribute_names(o->under, o->under_vol_id, by_idx.idx_type, by_idx.order, dxpl_id);
    if (by_idx.n >= names.size())
        fail(H5E_ATTR, H5E_NOTFOUND,
             "attribute index " + std::to_string(by_idx.n) + " out of range for '" + o->sparse_path() + "'");
    return names[by_idx.n];
}

H5VL_loc_params_t self_location() {
    H5VL_loc_params_t self{};
    self.type = H5VL_OBJECT_BY_SELF;
    self.obj_type = H5I_GROUP;
    return self;
}

// For an attribute call by name (or by index, with the object named) that found no object below:
// the root's /matrix, when the name is its, opened for the call (its attributes are the root's
// minus the markers); else null.
TemporaryDataset root_matrix_for(Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id) {
    H5VL_loc_params_t by_name = loc;
    if (loc.type == H5VL_OBJECT_BY_IDX) {
        by_name.type = H5VL_OBJECT_BY_NAME;
        by_name.loc_data.loc_by_name.name = loc.loc_data.loc_by_idx.name;
        by_name.loc_data.loc_by_name.lapl_id = loc.loc_data.loc_by_idx.lapl_id;
    }
    if (by_name.type != H5VL_OBJECT_BY_NAME) return TemporaryDataset(nullptr, {dxpl_id});
    std::optional<RootMatrix> m = root_matrix_at(o, by_name, dxpl_id);
    if (!m) return TemporaryDataset(nullptr, {dxpl_id});
    H5Eclear2(H5E_DEFAULT);  // "no such object" below was the answer, not an error
    return TemporaryDataset(open_root_matrix(o, loc.obj_type, *m, H5P_DATASET_ACCESS_DEFAULT, dxpl_id), {dxpl_id});
}

// `loc` addressed to the matrix root_matrix_for opened, as "." relative to it (by self would name
// the attribute itself in a get).
H5VL_loc_params_t on_the_matrix(const H5VL_loc_params_t& loc) {
    H5VL_loc_params_t own = loc;
    own.obj_type = H5I_DATASET;
    if (loc.type == H5VL_OBJECT_BY_IDX) own.loc_data.loc_by_idx.name = ".";
    else own.loc_data.loc_by_name.name = ".";
    return own;
}

[[noreturn]] void hidden_not_found(const Object* o, const char* name) {
    fail(H5E_ATTR, H5E_NOTFOUND,
         std::string("attribute '") + name + "' not found on '" + o->sparse_path() + "'");
}

void* attr_create(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t type_id, hid_t space_id,
                  hid_t acpl_id, hid_t aapl_id, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    reject_if_virtual(o, "create an attribute on");
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    void* under =
        H5VLattr_create(o->under, &loc, o->under_vol_id, name, type_id, space_id, acpl_id, aapl_id, dxpl_id, req);
    if (!under) fail(H5E_ATTR, H5E_CANTCREATE, std::string("cannot create attribute '") + name + "'");
    Object* a = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return a;
}

void* attr_open(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t aapl_id, hid_t dxpl_id,
                void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    std::string mapped;
    if (addresses_virtual_self(o, loc_params)) {
        if (loc_params->type == H5VL_OBJECT_BY_IDX) {
            mapped = visible_name_at(o, loc_params, dxpl_id);
            name = mapped.c_str();
            loc = self_location();
        } else if (name && is_marker_attribute(name)) {
            hidden_not_found(o, name);
        }
    }
    void* under = H5VLattr_open(o->under, &loc, o->under_vol_id, name, aapl_id, dxpl_id, req);
    if (!under)
        if (TemporaryDataset m = root_matrix_for(o, loc, dxpl_id)) {
            const H5VL_loc_params_t its_own = on_the_matrix(loc);
            return attr_open(m.get(), &its_own, name, aapl_id, dxpl_id, req);
        }
    if (!under) fail(H5E_ATTR, H5E_CANTOPENOBJ, std::string("cannot open attribute '") + (name ? name : "") + "'");
    Object* a = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return a;
}

herr_t attr_read(void* attr, hid_t mem_type_id, void* buf, hid_t dxpl_id, void** req) {
    Object* o = as_object(attr);
    check(H5VLattr_read(o->under, o->under_vol_id, mem_type_id, buf, dxpl_id, req), H5E_ATTR, H5E_READERROR,
          "cannot read attribute in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t attr_write(void* attr, hid_t mem_type_id, const void* buf, hid_t dxpl_id, void** req) {
    Object* o = as_object(attr);
    check(H5VLattr_write(o->under, o->under_vol_id, mem_type_id, buf, dxpl_id, req), H5E_ATTR, H5E_WRITEERROR,
          "cannot write attribute in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t attr_get(void* obj, H5VL_attr_get_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    H5VL_attr_get_args_t my_args = *args;
    std::string mapped;
    if (my_args.op_type == H5VL_ATTR_GET_INFO) {
        auto& a = my_args.args.get_info;
        if (addresses_virtual_self(o, &a.loc_params)) {
            if (a.loc_params.type == H5VL_OBJECT_BY_IDX) {
                mapped = visible_name_at(o, &a.loc_params, dxpl_id);
                a.loc_params = self_location();
                a.attr_name = mapped.c_str();
            } else if (a.attr_name && is_marker_attribute(a.attr_name)) {
                hidden_not_found(o, a.attr_name);
            }
        }
        a.loc_params = under_loc(o, &a.loc_params);
    } else if (my_args.op_type == H5VL_ATTR_GET_NAME) {
        auto& a = my_args.args.get_name;
        if (addresses_virtual_self(o, &a.loc_params) && a.loc_params.type == H5VL_OBJECT_BY_IDX) {
            mapped = visible_name_at(o, &a.loc_params, dxpl_id);
            if (a.attr_name_len) *a.attr_name_len = mapped.size();
            if (a.buf && a.buf_size > 0) {
                size_t n = std::min(a.buf_size - 1, mapped.size());
                mapped.copy(a.buf, n);
                a.buf[n] = '\0';
            }
            return 0;
        }
        a.loc_params = under_loc(o, &a.loc_params);
    }
    herr_t ret = H5VLattr_get(o->under, o->under_vol_id, &my_args, dxpl_id, req);
    if (ret < 0 && (my_args.op_type == H5VL_ATTR_GET_INFO || my_args.op_type == H5VL_ATTR_GET_NAME)) {
        const H5VL_loc_params_t& loc = my_args.op_type == H5VL_ATTR_GET_INFO ? my_args.args.get_info.loc_params
                                                                             : my_args.args.get_name.loc_params;
        if (TemporaryDataset m = root_matrix_for(o, loc, dxpl_id)) {
            H5VL_attr_get_args_t again = *args;
            (again.op_type == H5VL_ATTR_GET_INFO ? again.args.get_info.loc_params : again.args.get_name.loc_params) =
                on_the_matrix(loc);
            return attr_get(m.get(), &again, dxpl_id, req);
        }
    }
    check(ret, H5E_ATTR, H5E_CANTGET, "attribute get operation failed in the connector below");
    *args = my_args;  // outputs stored by value (ids) travel back in the struct
    wrap_request(req, o);
    return 0;
}

// Iteration over a virtual dataset's attributes: hidden names are skipped and the caller's
// index counts visible attributes only, in and out.
struct HiddenIteration {
    H5A_operator2_t user_op;
    void* user_data;
    hsize_t visible_start;  // skip this many visible attributes first
    hsize_t visible_seen;   // visible attributes passed (the index reported back)

    static herr_t op(hid_t location_id, const char* name, const H5A_info_t* info, void* data) {
        auto* self = static_cast<HiddenIteration*>(data);
        if (is_marker_attribute(name)) return H5_ITER_CONT;
        if (self->visible_seen++ < self->visible_start) return H5_ITER_CONT;
        QuietErrors::UserCode user;
        return self->user_op(location_id, name, info, self->user_data);
    }
};

herr_t attr_specific(void* obj, const H5VL_loc_params_t* loc_params, H5VL_attr_specific_args_t* args,
                     hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    H5VL_attr_specific_args_t my_args = *args;
    const bool self = addresses_virtual_self(o, loc_params);
    switch (args->op_type) {
        case H5VL_ATTR_DELETE:
        case H5VL_ATTR_DELETE_BY_IDX:
        case H5VL_ATTR_RENAME:
            reject_if_virtual(o, "change the attributes of");
            break;
        case H5VL_ATTR_EXISTS:
            if (self && is_marker_attribute(args->args.exists.name)) {
                *args->args.exists.exists = false;
                return 0;
            }
            break;
        case H5VL_ATTR_ITER:
            if (self) {
                auto& it = args->args.iterate;
                HiddenIteration wrapper{it.op, it.op_data, it.idx ? *it.idx : 0, 0};
                hsize_t under_idx = 0;  // start at the beginning below; skip visible ones ourselves
                my_args.args.iterate.idx = &under_idx;
                my_args.args.iterate.op = &HiddenIteration::op;
                my_args.args.iterate.op_data = &wrapper;
                herr_t ret = H5VLattr_specific(o->under, &loc, o->under_vol_id, &my_args, dxpl_id, req);
                if (it.idx) *it.idx = wrapper.visible_seen;
                if (ret < 0) fail(H5E_ATTR, H5E_BADITER, "attribute iteration failed on '" + o->sparse_path() + "'");
                return ret;  // the user operator's own positive return value passes through
            }
            break;
    }
    herr_t ret = H5VLattr_specific(o->under, &loc, o->under_vol_id, &my_args, dxpl_id, req);
    if (ret < 0)
        if (TemporaryDataset m = root_matrix_for(o, loc, dxpl_id)) {
            const H5VL_loc_params_t its_own = on_the_matrix(loc);
            return attr_specific(m.get(), &its_own, args, dxpl_id, req);
        }
    if (ret < 0) fail(H5E_ATTR, H5E_CANTOPERATE, "attribute operation failed in the connector below");
    wrap_request(req, o);
    return ret;
}

herr_t attr_optional(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    check(H5VLattr_optional(o->under, o->under_vol_id, args, dxpl_id, req), H5E_ATTR, H5E_CANTOPERATE,
          "attribute optional operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t attr_close(void* attr, hid_t dxpl_id, void** req) {
    Object* o = as_object(attr);
    check(H5VLattr_close(o->under, o->under_vol_id, dxpl_id, req), H5E_ATTR, H5E_CLOSEERROR,
          "cannot close attribute in the connector below");
    wrap_request(req, o);
    delete o;
    return 0;
}

}  // namespace

const H5VL_attr_class_t attr_class = {
    entry<attr_create, "attr_create">, entry<attr_open, "attr_open">,
    entry<attr_read, "attr_read">,     entry<attr_write, "attr_write">,
    entry<attr_get, "attr_get">,       entry<attr_specific, "attr_specific">,
    entry<attr_optional, "attr_optional">, entry<attr_close, "attr_close">,
};

}  // namespace h5sparse
