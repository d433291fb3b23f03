#include "connector/visit_pruning.hpp"

#include <cstring>
#include <string>
#include <vector>

#include "connector/sparse_objects.hpp"
#include "formats/detect.hpp"
#include "formats/under_io.hpp"
#include "util/error.hpp"
#include "util/quiet_errors.hpp"

namespace h5sparse {
namespace {

// Paths (relative to where the visit started) of sparse groups already reported.
class PrunedPrefixes {
public:
    bool covers(const char* name) const {
        for (const std::string& p : prefixes_)
            if (std::strncmp(name, p.c_str(), p.size()) == 0) return true;
        return false;
    }
    void add(const char* name) { prefixes_.push_back(std::string(name) + "/"); }
    bool everything = false;  // the start object itself is a sparse group

private:
    std::vector<std::string> prefixes_;
};

// Where the visit started, to look objects up by their visit-relative names.
struct VisitStart {
    const Object* owner;
    H5VL_loc_params_t loc;
    hid_t dxpl_id;

    // `name` relative to the start -> a location relative to the owner.
    UnderLocation locate(const char* name) const {
        std::string path;
        if (loc.type == H5VL_OBJECT_BY_NAME) {
            path = loc.loc_data.loc_by_name.name;
            if (std::string(name) != ".") path += std::string("/") + name;
        } else if (std::string(name) != ".") {
            path = name;
        }
        return UnderLocation{owner->under, loc.obj_type, owner->under_vol_id, path, dxpl_id};
    }
    std::optional<SparseLayout> sparse_at(const char* name) const {
        UnderLocation where = locate(name);
        std::optional<H5O_info2_t> info = object_info(where);
        if (!info || info->type != H5O_TYPE_GROUP) return std::nullopt;
        return detect_matrix(where, owner->conventions, &*info);
    }
};

struct LinkVisit {
    VisitStart start;
    H5L_iterate2_t user_op;
    void* user_data;
    PrunedPrefixes pruned;

    static herr_t op(hid_t group, const char* name, const H5L_info2_t* info, void* data) noexcept {
        auto* self = static_cast<LinkVisit*>(data);
        try {
            if (self->pruned.covers(name)) return H5_ITER_CONT;
            herr_t ret;
            {
                QuietErrors::UserCode user;
                ret = self->user_op(group, name, info, self->user_data);
            }
            if (ret == H5_ITER_CONT && info->type == H5L_TYPE_HARD && self->start.sparse_at(name))
                self->pruned.add(name);
            return ret;
        } catch (...) {
            push_current_exception("link_visit");
            return H5_ITER_ERROR;
        }
    }
};

struct ObjectVisit {
    VisitStart start;
    H5O_iterate2_t user_op;
    void* user_data;
    PrunedPrefixes pruned;

    static herr_t op(hid_t obj, const char* name, const H5O_info2_t* info, void* data) noexcept {
        auto* self = static_cast<ObjectVisit*>(data);
        try {
            if (self->pruned.everything || self->pruned.covers(name)) return H5_ITER_CONT;
            auto call_user = [&](const H5O_info2_t* i) {
                QuietErrors::UserCode user;
                return self->user_op(obj, name, i, self->user_data);
            };
            if (info->type != H5O_TYPE_GROUP) return call_user(info);
            UnderLocation where = self->start.locate(name);
            auto layout = detect_matrix(where, self->start.owner->conventions, info);
            if (!layout) return call_user(info);
            // The info comes from the terminal connector: patch it to what clients must see.
            H5O_info2_t patched = *info;
            patched.type = H5O_TYPE_DATASET;
            H5VL_loc_params_t lp = where.self_or_name();
            unsigned hidden = count_marker_attributes(self->start.owner, lp, self->start.dxpl_id);
            patched.num_attrs = patched.num_attrs >= hidden ? patched.num_attrs - hidden : 0;
            if (std::string(name) == ".") self->pruned.everything = true;
            else self->pruned.add(name);
            return call_user(&patched);
        } catch (...) {
            push_current_exception("object_visit");
            return H5_ITER_ERROR;
        }
    }
};

}  // namespace

herr_t iterate_links_pruned(Object* o, const H5VL_loc_params_t* loc, H5VL_link_specific_args_t* args, hid_t dxpl_id,
                            void** req) {
    VisitStart start{o, *loc, dxpl_id};
    if (o->conventions != 0 && loc->type == H5VL_OBJECT_BY_NAME && start.sparse_at("."))
        fail(H5E_SYM, H5E_BADTYPE,
             std::string("'") + loc->loc_data.loc_by_name.name + "' is a dataset (a sparse matrix), not a group");
    if (o->conventions == 0 || !args->args.iterate.recursive) {
        herr_t ret = H5VLlink_specific(o->under, loc, o->under_vol_id, args, dxpl_id, req);
        if (ret < 0) fail(H5E_LINK, H5E_BADITER, "link iteration failed");
        return ret;
    }
    LinkVisit visit{start, args->args.iterate.op, args->args.iterate.op_data, {}};
    H5VL_link_specific_args_t my_args = *args;
    my_args.args.iterate.op = &LinkVisit::op;
    my_args.args.iterate.op_data = &visit;
    herr_t ret = H5VLlink_specific(o->under, loc, o->under_vol_id, &my_args, dxpl_id, nullptr);
    if (req) *req = nullptr;
    if (ret < 0) fail(H5E_LINK, H5E_BADITER, "link iteration failed");
    return ret;
}

herr_t visit_objects_pruned(Object* o, const H5VL_loc_params_t* loc, H5VL_object_specific_args_t* args,
                            hid_t dxpl_id, void** req) {
    if (o->conventions == 0) {
        herr_t ret = H5VLobject_specific(o->under, loc, o->under_vol_id, args, dxpl_id, req);
        if (ret < 0) fail(H5E_OHDR, H5E_BADITER, "object visit failed");
        return ret;
    }
    ObjectVisit visit{{o, *loc, dxpl_id}, args->args.visit.op, args->args.visit.op_data, {}};
    H5VL_object_specific_args_t my_args = *args;
    my_args.args.visit.op = &ObjectVisit::op;
    my_args.args.visit.op_data = &visit;
    my_args.args.visit.fields |= H5O_INFO_BASIC | H5O_INFO_NUM_ATTRS;
    herr_t ret = H5VLobject_specific(o->under, loc, o->under_vol_id, &my_args, dxpl_id, nullptr);
    if (req) *req = nullptr;
    if (ret < 0) fail(H5E_OHDR, H5E_BADITER, "object visit failed");
    return ret;
}

}  // namespace h5sparse
