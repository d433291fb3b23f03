#include "connector/visit_pruning.hpp"

#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connector/detection_cache.hpp"
#include "connector/last_info_answer.hpp"
#include "connector/root_matrix.hpp"
#include "connector/sparse_objects.hpp"
#include "connector/visit_snapshot.hpp"
#include "formats/detect.hpp"
#include "formats/under_io.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/quiet_errors.hpp"

namespace h5sparse {
namespace {

// Paths (relative to where the visit started) of sparse groups already reported, kept as a tree
// of their components: whether a name lies below one costs a walk down the name's own
// components, however many matrices were reported. (Comparing every name with every reported
// path made a listing of many matrices below a long group name quadratic: minutes.)
class PrunedPrefixes {
public:
    bool covers(const char* name) const {
        const Node* node = &root_;
        for (const char* part = name;;) {
            const char* slash = std::strchr(part, '/');
            if (!slash) return false;  // the last component is the object itself
            auto child = node->children.find(std::string_view(part, static_cast<size_t>(slash - part)));
            if (child == node->children.end()) return false;
            node = child->second.get();
            if (node->matrix) return true;
            part = slash + 1;
        }
    }
    void add(const char* name) {
        Node* node = &root_;
        for (const char* part = name;;) {
            const char* slash = std::strchr(part, '/');
            const std::string_view component(part, slash ? static_cast<size_t>(slash - part) : std::strlen(part));
            auto child = node->children.find(component);
            if (child == node->children.end())
                child = node->children.emplace(std::string(component), std::make_unique<Node>()).first;
            node = child->second.get();
            if (!slash) break;
            part = slash + 1;
        }
        node->matrix = true;
    }
    bool everything = false;  // the start object itself is a sparse group

private:
    struct Node {
        bool matrix = false;  // a reported sparse group: everything below it is pruned
        std::map<std::string, std::unique_ptr<Node>, std::less<>> children;
    };
    Node root_;
};

// Where the visit started, to look objects up by their visit-relative names.
struct VisitStart {
    VisitStart(const Object* o, const H5VL_loc_params_t& l, hid_t dxpl) : owner(o), loc(l), dxpl_id(dxpl) {}

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
    // Whether the object a hard link (with `token`) names shows as a matrix: answered by what
    // the operator just asked about it when it did (connector/last_info_answer.hpp).
    bool matrix_at(const char* name, const H5O_token_t& token) {
        if (const std::optional<H5O_info2_t>& self = info())
            if (std::optional<bool> known = last_info_answer::shown_as_matrix(self->fileno, token, owner->conventions))
                return *known;
        return sparse_at(name).has_value();
    }
    // The start object's file number and token, asked below once.
    const std::optional<H5O_info2_t>& info() {
        if (!info_asked_) {
            info_asked_ = true;
            info_ = object_info(locate("."));
        }
        return info_;
    }

private:
    bool info_asked_ = false;
    std::optional<H5O_info2_t> info_;
};

// An id for the root group, to report /matrix after the connector below has finished: the ids
// it passed to the operator are closed by then.
class RootGroupId {
public:
    RootGroupId(const Object* o, H5I_type_t obj_type, hid_t dxpl_id) {
        H5VL_loc_params_t self{};
        self.type = H5VL_OBJECT_BY_SELF;
        self.obj_type = obj_type;
        void* root = H5VLgroup_open(o->under, &self, o->under_vol_id, "/", H5P_GROUP_ACCESS_DEFAULT, dxpl_id, nullptr);
        if (!root) fail(H5E_SYM, H5E_CANTOPENOBJ, "cannot open the root group in the connector below");
        id_ = H5VLwrap_register(root, H5I_GROUP);  // wrapped by us, like the ids the iteration passes
        if (id_ < 0) {
            ErrorStackGuard keep;
            H5VLgroup_close(root, o->under_vol_id, dxpl_id, nullptr);
            fail(H5E_SYM, H5E_CANTREGISTER, "cannot register an id for the root group");
        }
    }
    ~RootGroupId() {
        ErrorStackGuard keep;
        H5Idec_ref(id_);
    }
    RootGroupId(const RootGroupId&) = delete;
    RootGroupId& operator=(const RootGroupId&) = delete;
    hid_t get() const { return id_; }

private:
    hid_t id_ = H5I_INVALID_HID;
};

struct LinkVisit {
    VisitStart start;
    H5L_iterate2_t user_op;
    void* user_data;
    bool prune;  // recursive: nothing below a sparse group is reported
    PrunedPrefixes pruned;
    std::optional<RootMatrixSlot> root_matrix;  // listing the root: where its /matrix goes
    H5L_info2_t root_matrix_link{};
    bool stopped_at_root_matrix = false;

    herr_t report_root_matrix(hid_t group) {
        root_matrix->reported = true;
        herr_t ret;
        {
            QuietErrors::UserCode user;
            ret = user_op(group, kRootMatrixName, &root_matrix_link, user_data);
        }
        stopped_at_root_matrix = ret != H5_ITER_CONT;
        return ret;
    }

    // One link to the operator, unless it lies below a matrix.
    herr_t deliver(hid_t group, const char* name, const H5L_info2_t* info) {
        if (pruned.covers(name)) return H5_ITER_CONT;
        if (root_matrix && !root_matrix->reported && root_matrix->goes_before(name))
            if (herr_t ret = report_root_matrix(group); ret != H5_ITER_CONT) return ret;
        herr_t ret;
        last_info_answer::forget();
        {
            QuietErrors::UserCode user;
            ret = user_op(group, name, info, user_data);
        }
        if (prune && ret == H5_ITER_CONT && info->type == H5L_TYPE_HARD && start.matrix_at(name, info->u.token))
            pruned.add(name);
        return ret;
    }

    // Held first (connector/visit_snapshot.hpp) while `holding`; past its limit, what is held
    // goes to the operator at once and the rest as it comes.
    std::unique_ptr<VisitSnapshot> snapshot;
    bool holding = false;

    herr_t replay(hid_t group) {
        return snapshot->replay(group,
                                [this](hid_t g, const char* n, const H5L_info2_t* i) { return deliver(g, n, i); });
    }

    static herr_t op(hid_t group, const char* name, const H5L_info2_t* info, void* data) noexcept {
        auto* self = static_cast<LinkVisit*>(data);
        try {
            if (self->holding) {
                if (self->snapshot->hold(group, name, *info)) return H5_ITER_CONT;
                self->holding = false;
                self->snapshot->mark_open_groups_incomplete();
                if (herr_t ret = self->replay(group); ret != H5_ITER_CONT) return ret;
            }
            return self->deliver(group, name, info);
        } catch (...) {
            if (self->holding) return H5_ITER_ERROR;  // the visit is walked again, as it comes
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
    std::optional<RootMatrixSlot> root_matrix;  // visiting from the root: where its /matrix goes
    H5O_info2_t root_matrix_info{};             // the root's own info ("."), presented as /matrix

    herr_t report_root_matrix(hid_t obj) {
        root_matrix->reported = true;
        QuietErrors::UserCode user;
        return user_op(obj, kRootMatrixName, &root_matrix_info, user_data);
    }

    static herr_t op(hid_t obj, const char* name, const H5O_info2_t* info, void* data) noexcept {
        auto* self = static_cast<ObjectVisit*>(data);
        try {
            if (self->pruned.everything || self->pruned.covers(name)) return H5_ITER_CONT;
            const bool start_object = std::strcmp(name, ".") == 0;
            if (self->root_matrix && start_object) {
                self->root_matrix_info = *info;
                present_root_as_matrix(self->root_matrix_info, self->start.owner, self->start.loc.obj_type,
                                       self->start.dxpl_id);
            } else if (self->root_matrix && !self->root_matrix->reported && self->root_matrix->goes_before(name)) {
                if (herr_t ret = self->report_root_matrix(obj); ret != H5_ITER_CONT) return ret;
            }
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
            if (start_object) self->pruned.everything = true;
            else self->pruned.add(name);
            return call_user(&patched);
        } catch (...) {
            push_current_exception("object_visit");
            return H5_ITER_ERROR;
        }
    }
};

// H5Literate's (and H5Giterate's) index counts /matrix: the connector below starts one earlier
// past its slot, and the index the iteration ends at is one more once /matrix is behind it.
class RootMatrixIndex {
public:
    RootMatrixIndex(const Object* o, const H5VL_loc_params_t* loc, RootMatrixSlot& slot, hsize_t start, hid_t dxpl_id)
        : native(start) {
        if (start == 0) return;
        const RootMatrixPosition at = root_matrix_position(o, *loc, slot, dxpl_id);
        if (start > at.links_before) {
            --native;
            slot.reported = behind_ = true;
        } else if (start == at.links_before && !at.links_after) {
            only_matrix = true;  // the connector below would find its index past its last link
        }
    }
    // After the iteration: whether /matrix was reported below (and whether the operator stopped
    // at it), or at the end.
    void reported(bool stopped_at_matrix) { behind_ = behind_ || !stopped_at_matrix; }
    void reported_at_end() { behind_ = true; }
    hsize_t end() const { return native + (behind_ ? 1 : 0); }

    hsize_t native;            // the index the connector below starts at, then ends at
    bool only_matrix = false;  // the iteration starts at /matrix, the last link: nothing below to ask

private:
    bool behind_ = false;
};

}  // namespace

herr_t iterate_links_pruned(Object* o, const H5VL_loc_params_t* loc, H5VL_link_specific_args_t* args, hid_t dxpl_id,
                            void** req) {
    VisitStart start{o, *loc, dxpl_id};
    if (o->conventions != 0 && loc->type == H5VL_OBJECT_BY_NAME && start.sparse_at("."))
        fail(H5E_SYM, H5E_BADTYPE,
             std::string("'") + loc->loc_data.loc_by_name.name + "' is a dataset (a sparse matrix), not a group");
    auto& iterate = args->args.iterate;
    const std::optional<RootMatrix> listed = root_matrix_listed_in(o, *loc, dxpl_id);
    if (o->conventions == 0 || (!iterate.recursive && !listed)) {
        herr_t ret = H5VLlink_specific(o->under, loc, o->under_vol_id, args, dxpl_id, req);
        if (ret < 0) fail(H5E_LINK, H5E_BADITER, "link iteration failed");
        return ret;
    }
    LinkVisit visit{start, iterate.op, iterate.op_data, static_cast<bool>(iterate.recursive), {}, {}};
    std::optional<RootMatrixIndex> index;
    if (listed) {
        visit.root_matrix.emplace(iterate.idx_type, iterate.order);
        visit.root_matrix_link = root_matrix_link(*listed);
        index.emplace(o, loc, *visit.root_matrix, iterate.idx_p ? *iterate.idx_p : 0, dxpl_id);
    }
    H5VL_link_specific_args_t my_args = *args;
    my_args.args.iterate.op = &LinkVisit::op;
    my_args.args.iterate.op_data = &visit;
    if (iterate.idx_p && index) my_args.args.iterate.idx_p = &index->native;
    if (visit.prune && !listed && !VisitSnapshot::mounts_seen())
        if (const std::optional<H5O_info2_t>& at = visit.start.info(); at && detection_cache::caches(at->fileno)) {
            visit.snapshot = std::make_unique<VisitSnapshot>(*at);
            visit.holding = true;
        }
    herr_t ret = index && index->only_matrix
                     ? H5_ITER_CONT
                     : H5VLlink_specific(o->under, loc, o->under_vol_id, &my_args, dxpl_id, nullptr);
    if (visit.holding) {
        visit.holding = false;
        if (ret == H5_ITER_CONT) {
            ret = visit.replay(visit.snapshot->kept_group());
        } else {
            // Failed below before the operator saw anything: walked again as it comes, so that
            // it sees what it would have and the failure comes with its own cause.
            H5Eclear2(H5E_DEFAULT);
            visit.snapshot.reset();
            ret = H5VLlink_specific(o->under, loc, o->under_vol_id, &my_args, dxpl_id, nullptr);
        }
    }
    if (req) *req = nullptr;
    if (ret < 0) fail(H5E_LINK, H5E_BADITER, "link iteration failed");
    if (index) {
        if (visit.root_matrix->reported) {
            index->reported(visit.stopped_at_root_matrix);
        } else if (ret == H5_ITER_CONT) {
            RootGroupId root(o, loc->obj_type, dxpl_id);
            ret = visit.report_root_matrix(root.get());
            index->reported_at_end();
            if (ret < 0) fail(H5E_LINK, H5E_BADITER, "link iteration failed");
        }
        if (iterate.idx_p) *iterate.idx_p = index->end();
    }
    return ret;
}

herr_t visit_objects_pruned(Object* o, const H5VL_loc_params_t* loc, H5VL_object_specific_args_t* args,
                            hid_t dxpl_id, void** req) {
    if (o->conventions == 0) {
        herr_t ret = H5VLobject_specific(o->under, loc, o->under_vol_id, args, dxpl_id, req);
        if (ret < 0) fail(H5E_OHDR, H5E_BADITER, "object visit failed");
        return ret;
    }
    ObjectVisit visit{{o, *loc, dxpl_id}, args->args.visit.op, args->args.visit.op_data, {}, {}};
    if (root_matrix_listed_in(o, *loc, dxpl_id)) visit.root_matrix.emplace(args->args.visit.idx_type, args->args.visit.order);
    H5VL_object_specific_args_t my_args = *args;
    my_args.args.visit.op = &ObjectVisit::op;
    my_args.args.visit.op_data = &visit;
    my_args.args.visit.fields |= H5O_INFO_BASIC | H5O_INFO_NUM_ATTRS;
    herr_t ret = H5VLobject_specific(o->under, loc, o->under_vol_id, &my_args, dxpl_id, nullptr);
    if (req) *req = nullptr;
    if (ret < 0) fail(H5E_OHDR, H5E_BADITER, "object visit failed");
    if (ret == H5_ITER_CONT && visit.root_matrix && !visit.root_matrix->reported) {
        RootGroupId root(o, loc->obj_type, dxpl_id);
        ret = visit.report_root_matrix(root.get());
        if (ret < 0) fail(H5E_OHDR, H5E_BADITER, "object visit failed");
    }
    return ret;
}

#ifndef H5_NO_DEPRECATED_SYMBOLS
herr_t iterate_root_links_old_style(Object* o, const H5VL_native_group_iterate_old_t& iterate, hid_t dxpl_id) {
    // H5Giterate: name order, increasing; the operator sees names only.
    struct OldVisit {
        H5G_iterate_t user_op;
        void* user_data;
        RootMatrixSlot slot{H5_INDEX_NAME, H5_ITER_INC};
        bool stopped_at_root_matrix = false;

        herr_t report_root_matrix(hid_t group) {
            slot.reported = true;
            herr_t ret;
            {
                QuietErrors::UserCode user;
                ret = user_op(group, kRootMatrixName, user_data);
            }
            stopped_at_root_matrix = ret != H5_ITER_CONT;
            return ret;
        }
        static herr_t op(hid_t group, const char* name, void* data) noexcept {
            auto* self = static_cast<OldVisit*>(data);
            try {
                if (!self->slot.reported && self->slot.goes_before(name))
                    if (herr_t ret = self->report_root_matrix(group); ret != H5_ITER_CONT) return ret;
                QuietErrors::UserCode user;
                return self->user_op(group, name, self->user_data);
            } catch (...) {
                push_current_exception("group_iterate");
                return H5_ITER_ERROR;
            }
        }
    } visit{iterate.op, iterate.op_data};
    RootMatrixIndex index(o, &iterate.loc_params, visit.slot, iterate.idx, dxpl_id);
    H5VL_native_group_optional_args_t native{};
    native.iterate_old = iterate;
    native.iterate_old.idx = index.native;
    hsize_t last = 0;  // native adds to it: the start, then one per link it passes
    native.iterate_old.last_obj = &last;
    native.iterate_old.op = &OldVisit::op;
    native.iterate_old.op_data = &visit;
    H5VL_optional_args_t args{H5VL_NATIVE_GROUP_ITERATE_OLD, &native};
    herr_t ret = index.only_matrix ? H5_ITER_CONT : H5VLgroup_optional(o->under, o->under_vol_id, &args, dxpl_id, nullptr);
    if (ret < 0) fail(H5E_SYM, H5E_BADITER, "group iteration failed");
    if (!index.only_matrix) index.native = last;
    if (visit.slot.reported) {
        index.reported(visit.stopped_at_root_matrix);
    } else if (ret == H5_ITER_CONT) {
        RootGroupId root(o, iterate.loc_params.obj_type, dxpl_id);
        ret = visit.report_root_matrix(root.get());
        index.reported_at_end();
        if (ret < 0) fail(H5E_SYM, H5E_BADITER, "group iteration failed");
    }
    if (iterate.last_obj) *iterate.last_obj = index.end();
    return ret;
}
#endif

}  // namespace h5sparse
