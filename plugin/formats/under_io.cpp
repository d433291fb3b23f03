#include "formats/under_io.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "util/blob_size_filter.hpp"
#include "util/complex_type.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/handle.hpp"
#include "util/iteration_step.hpp"

namespace h5sparse {
namespace {

// An attribute or dataset opened below, closed on scope exit (error stack preserved).
class UnderAttribute {
public:
    UnderAttribute(const UnderLocation& loc, const char* name) : loc_(loc) {
        H5VL_loc_params_t lp = loc.self_or_name();
        attr_ = H5VLattr_open(loc.object, &lp, loc.vol_id, name, H5P_ATTRIBUTE_ACCESS_DEFAULT, loc.dxpl_id, nullptr);
        if (!attr_) fail(H5E_ATTR, H5E_CANTOPENOBJ, std::string("cannot open attribute '") + name + "'");
    }
    ~UnderAttribute() {
        ErrorStackGuard keep;
        H5VLattr_close(attr_, loc_.vol_id, loc_.dxpl_id, nullptr);
    }
    Handle type() const { return get(H5VL_ATTR_GET_TYPE); }
    Handle space() const { return get(H5VL_ATTR_GET_SPACE); }
    void read(hid_t mem_type, void* buf) const {
        check(H5VLattr_read(attr_, loc_.vol_id, mem_type, buf, loc_.dxpl_id, nullptr), H5E_ATTR, H5E_READERROR,
              "cannot read attribute");
    }

private:
    Handle get(H5VL_attr_get_t op) const {
        H5VL_attr_get_args_t args{};
        args.op_type = op;
        hid_t id = H5I_INVALID_HID;
        if (op == H5VL_ATTR_GET_TYPE) args.args.get_type.type_id = H5I_INVALID_HID;
        else args.args.get_space.space_id = H5I_INVALID_HID;
        check(H5VLattr_get(attr_, loc_.vol_id, &args, loc_.dxpl_id, nullptr), H5E_ATTR, H5E_CANTGET,
              "cannot query attribute");
        id = op == H5VL_ATTR_GET_TYPE ? args.args.get_type.type_id : args.args.get_space.space_id;
        return Handle(id);
    }
    const UnderLocation& loc_;
    void* attr_ = nullptr;
};

class UnderDataset {
public:
    UnderDataset(const UnderLocation& loc, const char* name) : loc_(loc) {
        std::string path = loc.child(name);
        H5VL_loc_params_t self = loc.self();
        dset_ = H5VLdataset_open(loc.object, &self, loc.vol_id, path.c_str(), H5P_DATASET_ACCESS_DEFAULT,
                                 loc.dxpl_id, nullptr);
        if (!dset_) fail(H5E_DATASET, H5E_CANTOPENOBJ, std::string("cannot open dataset '") + name + "'");
    }
    struct Probe {};  // open where failing is an answer: the caller checks opened()
    UnderDataset(const UnderLocation& loc, const char* name, Probe) : loc_(loc) {
        std::string path = loc.child(name);
        H5VL_loc_params_t self = loc.self();
        ErrorStackGuard keep;
        dset_ = H5VLdataset_open(loc.object, &self, loc.vol_id, path.c_str(), H5P_DATASET_ACCESS_DEFAULT,
                                 loc.dxpl_id, nullptr);
    }
    ~UnderDataset() {
        if (!dset_) return;
        ErrorStackGuard keep;
        H5VLdataset_close(dset_, loc_.vol_id, loc_.dxpl_id, nullptr);
    }
    bool opened() const { return dset_ != nullptr; }
    Handle type() const { return get(H5VL_DATASET_GET_TYPE); }
    Handle space() const { return get(H5VL_DATASET_GET_SPACE); }
    Handle get(H5VL_dataset_get_t op) const {
        H5VL_dataset_get_args_t args{};
        args.op_type = op;
        check(H5VLdataset_get(dset_, loc_.vol_id, &args, loc_.dxpl_id, nullptr), H5E_DATASET, H5E_CANTGET,
              "cannot query dataset");
        return Handle(op == H5VL_DATASET_GET_TYPE ? args.args.get_type.type_id : args.args.get_space.space_id);
    }
    void read(hid_t mem_type, void* buf) const {
        hid_t all = H5S_ALL;
        check(H5VLdataset_read(1, const_cast<void**>(&dset_), loc_.vol_id, &mem_type, &all, &all, loc_.dxpl_id, &buf,
                               nullptr),
              H5E_DATASET, H5E_READERROR, "cannot read dataset");
    }

private:
    const UnderLocation& loc_;
    void* dset_ = nullptr;
};

template <typename Source>
std::vector<long double> read_integers(const Source& src, Handle type, Handle space, const char* name,
                                       size_t max_elements) {
    if (H5Tget_class(type.get()) != H5T_INTEGER) fail(H5E_ARGS, H5E_BADTYPE, std::string("'") + name + "' is not an integer array");
    int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank > 1) fail(H5E_ARGS, H5E_BADRANGE, std::string("'") + name + "' has rank " + std::to_string(rank) + ", expected 1");
    hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 0 || static_cast<size_t>(n) > max_elements)
        fail(H5E_ARGS, H5E_BADRANGE, std::string("'") + name + "' has " + std::to_string(n) + " elements, expected at most " +
                                         std::to_string(max_elements));
    std::vector<long double> out(static_cast<size_t>(n));
    if (H5Tget_sign(type.get()) == H5T_SGN_NONE) {
        std::vector<unsigned long long> raw(out.size());
        if (!raw.empty()) src.read(H5T_NATIVE_ULLONG, raw.data());
        for (size_t i = 0; i < raw.size(); ++i) out[i] = static_cast<long double>(raw[i]);
    } else {
        std::vector<long long> raw(out.size());
        if (!raw.empty()) src.read(H5T_NATIVE_LLONG, raw.data());
        for (size_t i = 0; i < raw.size(); ++i) out[i] = static_cast<long double>(raw[i]);
    }
    return out;
}

}  // namespace

H5VL_loc_params_t UnderLocation::self() const {
    H5VL_loc_params_t lp{};
    lp.obj_type = obj_type;
    lp.type = H5VL_OBJECT_BY_SELF;
    return lp;
}

H5VL_loc_params_t UnderLocation::self_or_name() const {
    H5VL_loc_params_t lp{};
    lp.obj_type = obj_type;
    if (path.empty()) {
        lp.type = H5VL_OBJECT_BY_SELF;
    } else {
        lp.type = H5VL_OBJECT_BY_NAME;
        lp.loc_data.loc_by_name.name = path.c_str();
        lp.loc_data.loc_by_name.lapl_id = H5P_LINK_ACCESS_DEFAULT;
    }
    return lp;
}

std::optional<H5O_info2_t> object_info(const UnderLocation& loc) {
    H5O_info2_t info{};
    H5VL_object_get_args_t args{};
    args.op_type = H5VL_OBJECT_GET_INFO;
    args.args.get_info.oinfo = &info;
    args.args.get_info.fields = H5O_INFO_BASIC;
    H5VL_loc_params_t lp = loc.self_or_name();
    ErrorStackGuard keep;  // "no such object" is an answer here, not an error
    if (H5VLobject_get(loc.object, &lp, loc.vol_id, &args, loc.dxpl_id, nullptr) < 0) return std::nullopt;
    return info;
}

std::string object_name(const UnderLocation& loc) {
    if (!loc.path.empty() && loc.path.front() == '/') return loc.path;
    // Native answers GET_NAME only by self: name the object `path` is relative to. Most names fit
    // the first buffer; a longer one is asked for again at its real length (a cut name would be
    // another path, and the rules that look at names would judge the wrong object).
    std::string name(256, '\0');
    for (int attempt = 0;; ++attempt) {
        size_t len = 0;
        H5VL_object_get_args_t args{};
        args.op_type = H5VL_OBJECT_GET_NAME;
        args.args.get_name.buf_size = name.size();
        args.args.get_name.buf = name.data();
        args.args.get_name.name_len = &len;
        H5VL_loc_params_t lp = loc.self();
        ErrorStackGuard keep;
        if (H5VLobject_get(loc.object, &lp, loc.vol_id, &args, loc.dxpl_id, nullptr) < 0) return "(unnamed)";
        if (len < name.size()) {
            name.resize(len);
            break;
        }
        if (attempt == 1) return "(unnamed)";
        name.assign(len + 1, '\0');
    }
    if (loc.path.empty()) return name;
    return name + (name == "/" ? "" : "/") + loc.path;
}

UnderLocation with_attribute_names(const UnderLocation& loc) {
    if (loc.attribute_names) return loc;
    struct Collect {
        static herr_t op(hid_t, const char* name, const H5A_info_t*, void* data) noexcept {
            return iteration_step([&] {
                static_cast<std::vector<std::string>*>(data)->emplace_back(name);
                return H5_ITER_CONT;
            });
        }
    };
    auto names = std::make_shared<std::vector<std::string>>();
    H5VL_attr_specific_args_t args{};
    args.op_type = H5VL_ATTR_ITER;
    hsize_t idx = 0;
    args.args.iterate = {H5_INDEX_NAME, H5_ITER_NATIVE, &idx, &Collect::op, names.get()};
    H5VL_loc_params_t lp = loc.self_or_name();
    {
        ErrorStackGuard keep;
        if (H5VLattr_specific(loc.object, &lp, loc.vol_id, &args, loc.dxpl_id, nullptr) < 0) return loc;
    }
    UnderLocation listed = loc;
    listed.attribute_names = std::move(names);
    return listed;
}

bool attribute_exists(const UnderLocation& loc, const char* name) {
    if (loc.attribute_names)
        return std::find(loc.attribute_names->begin(), loc.attribute_names->end(), name) != loc.attribute_names->end();
    H5VL_attr_specific_args_t args{};
    hbool_t exists = false;
    args.op_type = H5VL_ATTR_EXISTS;
    args.args.exists.name = name;
    args.args.exists.exists = &exists;
    H5VL_loc_params_t lp = loc.self_or_name();
    ErrorStackGuard keep;
    if (H5VLattr_specific(loc.object, &lp, loc.vol_id, &args, loc.dxpl_id, nullptr) < 0) return false;
    return exists;
}

namespace {

void list_links(const UnderLocation& loc, UnderLocation::LinkListing& listing) {
    struct Collect {
        static herr_t op(hid_t, const char* name, const H5L_info2_t*, void* data) noexcept {
            auto* names = static_cast<std::vector<std::string>*>(data);
            if (names->size() == kListedLinks) return H5_ITER_STOP;  // one more than we list
            return iteration_step([&] {
                names->emplace_back(name);
                return H5_ITER_CONT;
            });
        }
    };
    listing.listed = true;
    H5VL_link_specific_args_t args{};
    args.op_type = H5VL_LINK_ITER;
    hsize_t idx = 0;
    args.args.iterate = {false, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, &Collect::op, &listing.names};
    H5VL_loc_params_t lp = loc.self_or_name();
    ErrorStackGuard keep;
    // Failed, or stopped (more links than we list): the questions go below one by one.
    listing.complete = H5VLlink_specific(loc.object, &lp, loc.vol_id, &args, loc.dxpl_id, nullptr) == 0;
}

}  // namespace

UnderLocation with_link_names(const UnderLocation& loc) {
    if (loc.links) return loc;
    UnderLocation listed = loc;
    listed.links = std::make_shared<UnderLocation::LinkListing>();
    return listed;
}

bool link_exists(const UnderLocation& loc, const char* name) {
    if (loc.links && std::strchr(name, '/') == nullptr) {
        if (!loc.links->listed) list_links(loc, *loc.links);
        if (loc.links->complete)
            return std::find(loc.links->names.begin(), loc.links->names.end(), name) != loc.links->names.end();
    }
    std::string path = loc.child(name);
    H5VL_loc_params_t lp{};
    lp.type = H5VL_OBJECT_BY_NAME;
    lp.obj_type = loc.obj_type;
    lp.loc_data.loc_by_name.name = path.c_str();
    lp.loc_data.loc_by_name.lapl_id = H5P_LINK_ACCESS_DEFAULT;
    H5VL_link_specific_args_t args{};
    hbool_t exists = false;
    args.op_type = H5VL_LINK_EXISTS;
    args.args.exists.exists = &exists;
    ErrorStackGuard keep;
    if (H5VLlink_specific(loc.object, &lp, loc.vol_id, &args, loc.dxpl_id, nullptr) < 0) return false;
    return exists;
}

namespace {

// One string from an attribute or a dataset (UnderAttribute, UnderDataset).
template <typename Source>
std::optional<std::string> read_string(const Source& attr, ByteRange plausible_bytes) {
    Handle type = attr.type();
    Handle space = attr.space();
    if (H5Tget_class(type.get()) != H5T_STRING) return std::nullopt;
    if (H5Sget_simple_extent_npoints(space.get()) != 1) return std::nullopt;
    std::string value;
    Handle mem(check(H5Tcopy(H5T_C_S1), H5E_DATATYPE, H5E_CANTCOPY, "cannot copy string type"));
    H5Tset_cset(mem.get(), H5Tget_cset(type.get()));
    if (H5Tis_variable_str(type.get()) > 0) {
        check(H5Tset_size(mem.get(), H5T_VARIABLE), H5E_DATATYPE, H5E_CANTSET, "cannot make string type");
        char* text = nullptr;
        BlobSizeFilter skip_implausible(plausible_bytes.min, plausible_bytes.max);
        attr.read(mem.get(), &text);
        if (text) {
            value = text;
            H5free_memory(text);
        }
    } else {
        size_t size = H5Tget_size(type.get());
        if (size == 0 || size > 4096) return std::nullopt;
        check(H5Tset_size(mem.get(), size), H5E_DATATYPE, H5E_CANTSET, "cannot make string type");
        H5Tset_strpad(mem.get(), H5T_STR_NULLPAD);
        std::string buf(size, '\0');
        attr.read(mem.get(), buf.data());
        value = buf.c_str();  // stop at the first NUL
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\0')) value.pop_back();
    return value;
}

}  // namespace

std::optional<std::string> read_string_attribute(const UnderLocation& loc, const char* name,
                                                 ByteRange plausible_bytes) {
    return read_string(UnderAttribute(loc, name), plausible_bytes);
}

std::optional<std::string> read_string_dataset(const UnderLocation& loc, const char* name, ByteRange plausible_bytes) {
    return read_string(UnderDataset(loc, name), plausible_bytes);
}

std::vector<long double> read_integer_attribute(const UnderLocation& loc, const char* name, size_t max_elements) {
    UnderAttribute attr(loc, name);
    return read_integers(attr, attr.type(), attr.space(), name, max_elements);
}

std::vector<long double> read_integer_dataset(const UnderLocation& loc, const char* name, size_t max_elements,
                                              DatasetMeta* meta) {
    UnderDataset dset(loc, name);
    Handle type = dset.get(H5VL_DATASET_GET_TYPE), space = dset.get(H5VL_DATASET_GET_SPACE);
    if (meta) *meta = describe_dataset(type.get(), space.get());
    return read_integers(dset, std::move(type), std::move(space), name, max_elements);
}

long double read_single_number(const UnderLocation& loc, const char* name) {
    UnderDataset dset(loc, name);
    Handle type = dset.get(H5VL_DATASET_GET_TYPE), space = dset.get(H5VL_DATASET_GET_SPACE);
    if (H5Tget_class(type.get()) != H5T_FLOAT) {
        const std::vector<long double> values = read_integers(dset, std::move(type), std::move(space), name, 1);
        if (values.size() != 1) fail(H5E_ARGS, H5E_BADRANGE, std::string("'") + name + "' holds no value");
        return values[0];
    }
    if (H5Sget_simple_extent_npoints(space.get()) != 1)
        fail(H5E_ARGS, H5E_BADRANGE, std::string("'") + name + "' does not hold exactly one value");
    long double value = 0;
    dset.read(H5T_NATIVE_LDOUBLE, &value);
    return value;
}

std::optional<H5O_token_t> read_object_reference_attribute(const UnderLocation& loc, const char* name) {
    if (!attribute_exists(loc, name)) return std::nullopt;
    UnderAttribute attr(loc, name);
    Handle type = attr.type(), space = attr.space();
    if (H5Tget_class(type.get()) != H5T_REFERENCE || H5Tequal(type.get(), H5T_STD_REF_OBJ) <= 0) return std::nullopt;
    if (H5Sget_simple_extent_npoints(space.get()) != 1) return std::nullopt;
    hobj_ref_t address = 0;
    attr.read(H5T_STD_REF_OBJ, &address);
    // Native's token of an address: its bytes, least significant first, the rest zero
    // (H5VL_native_addr_to_token).
    H5O_token_t token{};
    for (size_t i = 0; i < sizeof address && i < sizeof token.__data; ++i)
        token.__data[i] = static_cast<std::uint8_t>(address >> (8 * i));
    return token;
}

std::optional<H5O_token_t> read_object_reference_attribute(const UnderLocation& loc, const H5O_token_t& object,
                                                           const char* name) {
    H5VL_loc_params_t lp{};
    lp.obj_type = loc.obj_type;
    lp.type = H5VL_OBJECT_BY_TOKEN;
    H5O_token_t token = object;
    lp.loc_data.loc_by_token.token = &token;
    H5I_type_t opened_type = H5I_BADID;
    void* opened;
    {
        ErrorStackGuard keep;  // a token that names no object is an answer: no such attribute
        opened = H5VLobject_open(loc.object, &lp, loc.vol_id, &opened_type, loc.dxpl_id, nullptr);
    }
    if (!opened) return std::nullopt;
    struct Close {
        void* object;
        H5I_type_t type;
        const UnderLocation& loc;
        ~Close() {
            ErrorStackGuard keep;
            if (type == H5I_GROUP) H5VLgroup_close(object, loc.vol_id, loc.dxpl_id, nullptr);
            else if (type == H5I_DATASET) H5VLdataset_close(object, loc.vol_id, loc.dxpl_id, nullptr);
            else if (type == H5I_DATATYPE) H5VLdatatype_close(object, loc.vol_id, loc.dxpl_id, nullptr);
        }
    } close{opened, opened_type, loc};
    return read_object_reference_attribute(UnderLocation{opened, opened_type, loc.vol_id, "", loc.dxpl_id}, name);
}

bool same_object(const UnderLocation& loc, const H5O_token_t& a, const H5O_token_t& b) {
    int cmp = 1;
    ErrorStackGuard keep;
    return H5VLtoken_cmp(loc.object, loc.vol_id, &a, &b, &cmp) >= 0 && cmp == 0;
}

DatasetMeta describe_dataset(hid_t type, hid_t space) {
    DatasetMeta meta;
    meta.status = DatasetMeta::Status::kDataset;
    meta.type_class = H5Tget_class(type);
    meta.type_size = H5Tget_size(type);
    meta.is_unsigned = meta.type_class == H5T_INTEGER && H5Tget_sign(type) == H5T_SGN_NONE;
    meta.is_complex = complex_part_size(type) != 0;
    meta.rank = H5Sget_simple_extent_ndims(space);
    hsize_t dims[H5S_MAX_RANK] = {};
    if (meta.rank >= 1 && H5Sget_simple_extent_dims(space, dims, nullptr) >= 0) {
        meta.length = dims[0];
        meta.width = meta.rank >= 2 ? dims[1] : 0;
    }
    meta.column = meta.rank == 2 && dims[1] == 1;
    return meta;
}

DatasetMeta dataset_meta(const UnderLocation& loc, const char* name) {
    UnderDataset dset(loc, name, UnderDataset::Probe{});
    if (!dset.opened()) {
        DatasetMeta meta;
        meta.status = link_exists(loc, name) ? DatasetMeta::Status::kNotDataset : DatasetMeta::Status::kMissing;
        return meta;
    }
    return describe_dataset(dset.get(H5VL_DATASET_GET_TYPE).get(), dset.get(H5VL_DATASET_GET_SPACE).get());
}

}  // namespace h5sparse
