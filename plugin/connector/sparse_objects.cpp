#include "connector/sparse_objects.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include "connector/detection_cache.hpp"
#include "connector/visit_snapshot.hpp"
#include "formats/detect.hpp"
#include "formats/under_io.hpp"
#include "model/marker_attributes.hpp"
#include "model/virtual_dataset.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/iteration_step.hpp"
#include "connector/info_string.hpp"

namespace h5sparse {
namespace {

// A location relative to `o` as UnderLocation (BY_SELF or BY_NAME only; else nullopt).
std::optional<UnderLocation> as_under_location(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id) {
    if (loc.type == H5VL_OBJECT_BY_SELF) return UnderLocation{o->under, loc.obj_type, o->under_vol_id, "", dxpl_id};
    if (loc.type == H5VL_OBJECT_BY_NAME)
        return UnderLocation{o->under, loc.obj_type, o->under_vol_id, loc.loc_data.loc_by_name.name, dxpl_id};
    return std::nullopt;
}

// The index memory the info string states (index_memory=), else the default.
size_t index_memory_bytes(unsigned conventions) {
    const unsigned code = index_memory_code(conventions);
    if (code == 0) return kCooIndexBytes;
    const unsigned long long bytes = index_memory_mib(code) << 20;  // at most 2^40
    return static_cast<size_t>(std::min<unsigned long long>(bytes, SIZE_MAX));
}

}  // namespace

std::optional<SparseLayout> detect_group(const UnderLocation& loc, unsigned conventions, const H5O_info2_t* identity,
                                         ComponentCheck check) {
    if (conventions == 0) return std::nullopt;
    if (identity)
        if (auto known = detection_cache::find(*identity, conventions)) return *known;
    std::optional<SparseLayout> layout = detect_sparse_group(loc, conventions, check);
    if (identity && check == ComponentCheck::kJudge) detection_cache::remember(*identity, conventions, layout);
    return layout;
}

bool ruled_out(UnderLocation& listed, unsigned conventions, const H5O_info2_t* identity) {
    if (identity) {
        if (detection_cache::known_without_matrix(*identity, conventions)) return true;
        if (detection_cache::knows(*identity, conventions)) return false;  // detect_group answers from it
        // A visit being replayed has listed the group's members already.
        if (auto seen = VisitSnapshot::members_of(*identity)) listed.links = std::move(seen);
    }
    if (may_hold_matrix(listed, conventions)) return false;
    if (identity) detection_cache::remember_without_matrix(*identity, conventions);
    return true;
}

std::optional<SparseLayout> detect_matrix(const UnderLocation& loc, unsigned conventions, const H5O_info2_t* identity) {
    if (conventions == 0) return std::nullopt;
    UnderLocation listed = with_link_names(loc);  // its links (and attributes) serve detection too
    if (ruled_out(listed, conventions, identity)) return std::nullopt;
    std::optional<SparseLayout> layout = detect_group(listed, conventions, identity);
    if (layout && !layout->describes_matrix()) return std::nullopt;
    return layout;
}

namespace {

// Runs fn(UnderLocation) on the object at `loc` relative to `o`. By self or by name the location
// is used as it is; by token or index the object is opened below for the duration (and fn is
// not called unless it is a group). Returns fn's result or `otherwise`.
// `open_first`: open it below even by name, and ask it by itself.
template <typename Fn, typename R>
R with_group_at(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id, R otherwise, Fn fn,
                bool open_first = false) {
    if (!open_first)
        if (auto direct = as_under_location(o, loc, dxpl_id)) return fn(*direct);
    H5I_type_t opened = H5I_BADID;
    void* under;
    {
        ErrorStackGuard keep;
        under = H5VLobject_open(o->under, &loc, o->under_vol_id, &opened, dxpl_id, nullptr);
    }
    if (!under) return otherwise;
    struct Close {
        void* obj;
        H5I_type_t type;
        hid_t vol, dxpl;
        ~Close() {
            ErrorStackGuard keep;
            if (type == H5I_GROUP) H5VLgroup_close(obj, vol, dxpl, nullptr);
            else if (type == H5I_DATASET) H5VLdataset_close(obj, vol, dxpl, nullptr);
            else if (type == H5I_DATATYPE) H5VLdatatype_close(obj, vol, dxpl, nullptr);
        }
    } close{under, opened, o->under_vol_id, dxpl_id};
    if (opened != H5I_GROUP) return otherwise;
    return fn(UnderLocation{under, H5I_GROUP, o->under_vol_id, "", dxpl_id});
}

}  // namespace

std::optional<SparseLayout> matrix_layout_at(const Object* o, const H5VL_loc_params_t& under_loc, hid_t dxpl_id,
                                             const H5O_info2_t* identity) {
    if (o->conventions == 0) return std::nullopt;
    // A group in a file whose answers are not kept: reached through an external link, it lives in
    // another file, and HDF5 1.14 reads a variable-length attribute asked for by a name that
    // crosses the link from the first file's heap (natively too: anndata's markers would fail).
    // Opened, it is asked by itself. (Files open for writing pay an open per question.)
    const bool open_first = identity && under_loc.type == H5VL_OBJECT_BY_NAME &&
                            !detection_cache::caches(identity->fileno);
    return with_group_at(
        o, under_loc, dxpl_id, std::optional<SparseLayout>{},
        [&](const UnderLocation& loc) { return detect_matrix(loc, o->conventions, identity); }, open_first);
}

Object* make_virtual_dataset(void* group_under, hid_t under_vol_id, unsigned conventions, const SparseLayout& layout,
                             hid_t dapl_id, hid_t dxpl_id, BrokenGroup broken, std::string path) {
    std::unique_ptr<VirtualDataset> vd;
    try {
        if (path.empty()) path = object_name({group_under, H5I_GROUP, under_vol_id, "", dxpl_id});
        vd = std::make_unique<VirtualDataset>(group_under, under_vol_id, layout, std::move(path), dapl_id,
                                              (conventions & kPipelineDecodes) ? VirtualDataset::kHdf5Decodes
                                                                               : threads_of(conventions),
                                              index_memory_bytes(conventions));
        if (!layout.components_judged) {
            if (std::string problem = vd->open_components(); !problem.empty()) {
                if (broken == BrokenGroup::kStaysGroup) return nullptr;  // the caller keeps the group
                vd->corrupt(problem);
            }
        }
    } catch (...) {
        ErrorStackGuard keep;
        H5VLgroup_close(group_under, under_vol_id, dxpl_id, nullptr);
        throw;
    }
    Object* o = Object::wrap(group_under, under_vol_id, conventions);
    o->sparse = std::move(vd);
    return o;
}

std::vector<std::string> visible_attribute_names(void* group_under, hid_t under_vol_id, H5_index_t index,
                                                 H5_iter_order_t order, hid_t dxpl_id) {
    struct Collect {
        static herr_t op(hid_t, const char* name, const H5A_info_t*, void* data) noexcept {
            return iteration_step([&] {
                if (!is_marker_attribute(name)) static_cast<std::vector<std::string>*>(data)->emplace_back(name);
                return H5_ITER_CONT;
            });
        }
    };
    std::vector<std::string> names;
    H5VL_loc_params_t self{};
    self.type = H5VL_OBJECT_BY_SELF;
    self.obj_type = H5I_GROUP;
    H5VL_attr_specific_args_t args{};
    args.op_type = H5VL_ATTR_ITER;
    hsize_t idx = 0;
    args.args.iterate = {index, order, &idx, &Collect::op, &names};
    check(H5VLattr_specific(group_under, &self, under_vol_id, &args, dxpl_id, nullptr), H5E_ATTR, H5E_BADITER,
          "cannot list the attributes of the sparse group");
    return names;
}

namespace {

// Is the group `group_under` (open below) a sparse matrix under `conventions`? For an open that
// keeps a broken group a group, a group ruled out by its links is simply none.
std::optional<SparseLayout> sparse_layout_of_group(void* group_under, hid_t under_vol_id, unsigned conventions,
                                                   hid_t dxpl_id, BrokenGroup broken) {
    if (conventions == 0) return std::nullopt;
    UnderLocation loc{group_under, H5I_GROUP, under_vol_id, "", dxpl_id};
    std::optional<H5O_info2_t> identity;
    if (detection_cache::active()) identity = object_info(loc);  // a few µs, against a detection's tens
    const H5O_info2_t* known = identity ? &*identity : nullptr;
    if (broken == BrokenGroup::kStaysGroup) {
        loc = with_link_names(loc);
        if (ruled_out(loc, conventions, known)) return std::nullopt;
    }
    return detect_group(loc, conventions, known, ComponentCheck::kLeaveToOpen);
}

}  // namespace

Object* virtual_dataset_if_sparse(void* group_under, const Object* parent, hid_t dapl_id, hid_t dxpl_id,
                                  BrokenGroup broken) {
    std::optional<SparseLayout> layout;
    try {
        layout = sparse_layout_of_group(group_under, parent->under_vol_id, parent->conventions, dxpl_id, broken);
    } catch (...) {
        ErrorStackGuard keep;
        H5VLgroup_close(group_under, parent->under_vol_id, dxpl_id, nullptr);
        throw;
    }
    if (!layout || (!layout->describes_matrix() && broken == BrokenGroup::kStaysGroup)) return nullptr;
    return make_virtual_dataset(group_under, parent->under_vol_id, parent->conventions, *layout, dapl_id, dxpl_id,
                                broken);
}

Object* open_sparse_group(Object* o, const H5VL_loc_params_t& loc, const char* name, hid_t dapl_id, hid_t dxpl_id,
                          BrokenGroup broken) {
    void* group;
    {
        ErrorStackGuard keep;  // "not a group" is an answer here
        group = H5VLgroup_open(o->under, &loc, o->under_vol_id, name, H5P_GROUP_ACCESS_DEFAULT, dxpl_id, nullptr);
    }
    if (!group) return nullptr;
    Object* dataset = virtual_dataset_if_sparse(group, o, dapl_id, dxpl_id, broken);
    if (!dataset) {
        ErrorStackGuard keep;
        H5VLgroup_close(group, o->under_vol_id, dxpl_id, nullptr);
    }
    return dataset;
}

void TemporaryDatasetCloser::operator()(Object* d) const noexcept {
    d->sparse.reset();  // its components
    {
        ErrorStackGuard keep;
        H5VLgroup_close(d->under, d->under_vol_id, dxpl_id, nullptr);
    }
    delete d;
}

unsigned count_marker_attributes(const Object* o, const H5VL_loc_params_t& under_loc, hid_t dxpl_id) {
    return with_group_at(o, under_loc, dxpl_id, 0u, [](const UnderLocation& loc) {
        unsigned n = 0;
        for (const char* name : kMarkerAttributes) n += attribute_exists(loc, name) ? 1u : 0u;
        return n;
    });
}

}  // namespace h5sparse
