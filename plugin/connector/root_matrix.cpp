#include "connector/root_matrix.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "connector/sparse_objects.hpp"
#include "formats/under_io.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

// Native tokens hold the object's address in their first 8 bytes (little-endian). The mark goes
// in the address's top byte: no file reaches 2^63 bytes, so it never collides with a real
// address; an object reference keeps those 8 bytes; and a marked token that reached native by
// some path we do not intercept would name no object rather than the root.
constexpr size_t kMarkByte = 7;
constexpr unsigned char kMark = 0xB5;

bool same_token(const H5O_token_t& a, const H5O_token_t& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

H5VL_loc_params_t self_location(H5I_type_t obj_type) {
    H5VL_loc_params_t self{};
    self.type = H5VL_OBJECT_BY_SELF;
    self.obj_type = obj_type;
    return self;
}

H5VL_loc_params_t name_location(H5I_type_t obj_type, const char* name) {
    H5VL_loc_params_t loc{};
    loc.type = H5VL_OBJECT_BY_NAME;
    loc.obj_type = obj_type;
    loc.loc_data.loc_by_name.name = name;
    loc.loc_data.loc_by_name.lapl_id = H5P_LINK_ACCESS_DEFAULT;
    return loc;
}

UnderLocation under_location(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id) {
    return {o->under, loc.obj_type, o->under_vol_id,
            loc.type == H5VL_OBJECT_BY_NAME ? loc.loc_data.loc_by_name.name : "", dxpl_id};
}

// HDF5 ignores repeated slashes and "." components.
std::vector<std::string_view> path_components(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const size_t slash = path.find('/');
        std::string_view part = path.substr(0, slash);
        if (!part.empty() && part != ".") parts.push_back(part);
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

}  // namespace

H5O_token_t marked_token(const H5O_token_t& root_token) {
    H5O_token_t token = root_token;
    token.__data[kMarkByte] = kMark;
    return token;
}

std::optional<H5O_token_t> unmarked_token(const H5O_token_t& token) {
    if (token.__data[kMarkByte] != kMark) return std::nullopt;
    H5O_token_t root = token;
    root.__data[kMarkByte] = 0;
    return root;
}

H5VL_loc_params_t root_group_location(H5I_type_t obj_type) { return name_location(obj_type, "/"); }

namespace {

std::optional<H5O_info2_t> root_info(const Object* o, H5I_type_t obj_type, hid_t dxpl_id) {
    return object_info({o->under, obj_type, o->under_vol_id, "/", dxpl_id});
}

// The root matrix, and whether `loc` (relative to o, below) is the root group, given the root's
// identity (asked once by their callers).
std::optional<RootMatrix> root_matrix_of(const Object* o, H5I_type_t obj_type, const H5O_info2_t& root, hid_t dxpl_id,
                                         RootMatrixKind kind) {
    if (root.token.__data[kMarkByte] != 0) return std::nullopt;  // not an address we can mark
    UnderLocation loc{o->under, obj_type, o->under_vol_id, "/", dxpl_id};
    if (kind == RootMatrixKind::kShown) {  // listings ask of every root: most hold no matrix
        loc = with_link_names(loc);
        if (ruled_out(loc, o->conventions, &root)) return std::nullopt;
    }
    std::optional<SparseLayout> layout = detect_group(loc, o->conventions, &root);
    if (!layout || !layout->in_root_group) return std::nullopt;
    RootMatrix m{*layout, marked_token(root.token)};
    m.layout.unsupported.clear();
    if (kind == RootMatrixKind::kShown && !m.layout.describes_matrix()) return std::nullopt;
    return m;
}

bool is_root(const Object* o, const H5VL_loc_params_t& loc, const H5O_info2_t& root, hid_t dxpl_id) {
    if (loc.type == H5VL_OBJECT_BY_SELF) {
        if (loc.obj_type == H5I_FILE) return true;
        if (o->is_virtual() || loc.obj_type != H5I_GROUP) return false;
    } else if (loc.type == H5VL_OBJECT_BY_NAME) {
        const char* name = loc.loc_data.loc_by_name.name;
        if (name[0] == '/' && path_components(name).empty()) return true;
    } else {
        return false;
    }
    std::optional<H5O_info2_t> here = object_info(under_location(o, loc, dxpl_id));
    return here && here->type == H5O_TYPE_GROUP && root.fileno == here->fileno && same_token(root.token, here->token);
}

}  // namespace

std::optional<RootMatrix> root_matrix(const Object* o, H5I_type_t obj_type, hid_t dxpl_id, RootMatrixKind kind) {
    if (o->conventions == 0) return std::nullopt;
    std::optional<H5O_info2_t> root = root_info(o, obj_type, dxpl_id);
    if (!root) return std::nullopt;
    return root_matrix_of(o, obj_type, *root, dxpl_id, kind);
}

std::optional<RootMatrix> root_matrix_listed_in(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id) {
    if (o->conventions == 0 || (loc.type != H5VL_OBJECT_BY_SELF && loc.type != H5VL_OBJECT_BY_NAME)) return std::nullopt;
    std::optional<H5O_info2_t> root = root_info(o, loc.obj_type, dxpl_id);
    if (!root) return std::nullopt;
    std::optional<RootMatrix> m = root_matrix_of(o, loc.obj_type, *root, dxpl_id, RootMatrixKind::kShown);
    if (!m || !is_root(o, loc, *root, dxpl_id)) return std::nullopt;
    return m;
}

std::optional<RootMatrix> root_matrix_at(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id,
                                         RootMatrixKind kind) {
    if (o->conventions == 0) return std::nullopt;
    if (loc.type == H5VL_OBJECT_BY_TOKEN) {
        const H5O_token_t& token = *loc.loc_data.loc_by_token.token;
        if (!unmarked_token(token)) return std::nullopt;
        std::optional<RootMatrix> m = root_matrix(o, loc.obj_type, dxpl_id, kind);
        if (m && same_token(m->token, token)) return m;
        return std::nullopt;
    }
    if (loc.type != H5VL_OBJECT_BY_NAME) return std::nullopt;
    const std::string_view name = loc.loc_data.loc_by_name.name;
    std::vector<std::string_view> parts = path_components(name);
    if (parts.empty() || parts.back() != kRootMatrixName) return std::nullopt;
    parts.pop_back();
    std::optional<H5O_info2_t> root = root_info(o, loc.obj_type, dxpl_id);
    if (!root) return std::nullopt;
    const bool absolute = name.front() == '/';
    bool at_root;
    if (parts.empty()) {
        at_root = absolute || is_root(o, self_location(loc.obj_type), *root, dxpl_id);
    } else {
        std::string parent = absolute ? "/" : "";
        for (std::string_view part : parts) parent.append(part).append("/");
        at_root = is_root(o, name_location(loc.obj_type, parent.c_str()), *root, dxpl_id);
    }
    if (!at_root) return std::nullopt;
    return root_matrix_of(o, loc.obj_type, *root, dxpl_id, kind);
}

std::optional<RootMatrix> root_matrix_named(const Object* o, const H5VL_loc_params_t& loc, const char* name,
                                            hid_t dxpl_id, RootMatrixKind kind) {
    if (loc.type != H5VL_OBJECT_BY_SELF || !name) return std::nullopt;
    return root_matrix_at(o, name_location(loc.obj_type, name), dxpl_id, kind);
}

Object* open_root_matrix(const Object* o, H5I_type_t obj_type, const RootMatrix& m, hid_t dapl_id, hid_t dxpl_id) {
    const H5VL_loc_params_t self = self_location(obj_type);
    void* root = H5VLgroup_open(o->under, &self, o->under_vol_id, "/", H5P_GROUP_ACCESS_DEFAULT, dxpl_id, nullptr);
    if (!root) fail(H5E_SYM, H5E_CANTOPENOBJ, "cannot open the root group in the connector below");
    Object* d = make_virtual_dataset(root, o->under_vol_id, o->conventions, m.layout, dapl_id, dxpl_id,
                                     BrokenGroup::kIsError, std::string("/") + kRootMatrixName);
    d->root_matrix = true;
    return d;
}

void write_name(std::string_view name, char* buf, size_t buf_size, size_t* name_len) {
    if (name_len) *name_len = name.size();
    if (!buf || buf_size == 0) return;
    const size_t n = std::min(name.size(), buf_size - 1);
    std::memcpy(buf, name.data(), n);
    buf[n] = '\0';
}

H5L_info2_t root_matrix_link(const RootMatrix& m) {
    H5L_info2_t link{};
    link.type = H5L_TYPE_HARD;
    link.corder_valid = false;
    link.cset = H5T_CSET_ASCII;
    link.u.token = m.token;
    return link;
}

void present_root_as_matrix(H5O_info2_t& info, const Object* o, H5I_type_t obj_type, hid_t dxpl_id) {
    info.type = H5O_TYPE_DATASET;
    info.token = marked_token(info.token);
    const unsigned hidden = count_marker_attributes(o, root_group_location(obj_type), dxpl_id);
    info.num_attrs = info.num_attrs >= hidden ? info.num_attrs - hidden : 0;
}

bool RootMatrixSlot::goes_before(const char* name) const {
    if (index_ == H5_INDEX_CRT_ORDER) return order_ != H5_ITER_DEC;
    std::string_view first(name);
    first = first.substr(0, first.find('/'));
    const int cmp = first.compare(kRootMatrixName);  // the name index's order: strcmp's
    return order_ == H5_ITER_DEC ? cmp < 0 : cmp > 0;
}

RootMatrixPosition root_matrix_position(const Object* o, const H5VL_loc_params_t& root, const RootMatrixSlot& slot,
                                        hid_t dxpl_id) {
    struct Count {
        const RootMatrixSlot* slot;
        RootMatrixPosition position;
        static herr_t op(hid_t, const char* name, const H5L_info2_t*, void* data) noexcept {
            auto* self = static_cast<Count*>(data);
            if (self->slot->goes_before(name)) {
                self->position.links_after = true;
                return 1;  // the rest come after it too
            }
            ++self->position.links_before;
            return H5_ITER_CONT;
        }
    } count{&slot, {}};
    H5VL_link_specific_args_t args{};
    args.op_type = H5VL_LINK_ITER;
    args.args.iterate.recursive = false;
    args.args.iterate.idx_type = slot.index();
    args.args.iterate.order = slot.order();
    args.args.iterate.idx_p = nullptr;
    args.args.iterate.op = &Count::op;
    args.args.iterate.op_data = &count;
    if (H5VLlink_specific(o->under, &root, o->under_vol_id, &args, dxpl_id, nullptr) < 0)
        fail(H5E_LINK, H5E_BADITER, "link iteration failed");
    return count.position;
}

std::optional<RootIndexedLink> root_link_by_index(const Object* o, const H5VL_loc_params_t& loc, hid_t dxpl_id) {
    if (loc.type != H5VL_OBJECT_BY_IDX || o->conventions == 0) return std::nullopt;
    const H5VL_loc_by_idx_t& by_idx = loc.loc_data.loc_by_idx;
    const H5VL_loc_params_t group = name_location(loc.obj_type, by_idx.name);
    std::optional<RootMatrix> m = root_matrix_listed_in(o, group, dxpl_id);
    if (!m) return std::nullopt;
    const hsize_t before = root_matrix_position(o, group, RootMatrixSlot(by_idx.idx_type, by_idx.order), dxpl_id).links_before;
    RootIndexedLink link{std::move(*m), by_idx.n == before, loc};
    if (by_idx.n > before) --link.below.loc_data.loc_by_idx.n;
    return link;
}

}  // namespace h5sparse
