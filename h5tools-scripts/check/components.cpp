#include "check/components.hpp"

#include <string_view>

#include "check/native_io.hpp"
#include "util/complex_type.hpp"
#include "util/error_stack_guard.hpp"
#include "util/handle.hpp"

namespace h5sparse::checker {
namespace {

std::string with_order(std::string name, hid_t type) {
    // Little-endian is what every writer we know produces; only the exception is worth a word.
    return H5Tget_order(type) == H5T_ORDER_BE ? name + " (big-endian)" : name;
}

std::string bits(hid_t type) { return std::to_string(H5Tget_size(type) * 8); }

// h5py (and so anndata) stores numpy bool as an enum {FALSE = 0, TRUE = 1} of int8.
bool is_bool_enum(hid_t type) {
    if (H5Tget_nmembers(type) != 2) return false;
    bool yes = true;
    for (unsigned i = 0; i < 2; ++i) {
        char* name = H5Tget_member_name(type, i);
        if (!name) return false;
        yes = yes && std::string_view(name) == (i == 0 ? "FALSE" : "TRUE");
        H5free_memory(name);
    }
    return yes;
}

std::string describe_filter(hid_t dcpl, unsigned index) {
    unsigned flags = 0, config = 0;
    unsigned values[8] = {};
    size_t nvalues = 8;
    char name[64] = "";
    H5Z_filter_t id = H5Pget_filter2(dcpl, index, &flags, &nvalues, values, sizeof(name), name, &config);
    switch (id) {
        case H5Z_FILTER_DEFLATE: return "deflate(level " + std::to_string(nvalues ? values[0] : 0) + ")";
        case H5Z_FILTER_SHUFFLE: return "shuffle";
        case H5Z_FILTER_FLETCHER32: return "fletcher32";
        case H5Z_FILTER_SZIP: return "szip";
        case H5Z_FILTER_NBIT: return "nbit";
        case H5Z_FILTER_SCALEOFFSET: return "scaleoffset";
        default: break;
    }
    // A plugin filter (blosc, lz4, zstd, ...): its registered name and number.
    std::string text = name[0] ? name : "filter";
    return text + " (id " + std::to_string(id) + ")";
}

void inspect_storage(hid_t dataset, ComponentInfo& c) {
    c.storage_bytes = H5Dget_storage_size(dataset);
    Handle dcpl(H5Dget_create_plist(dataset));
    if (!dcpl) return;
    switch (H5Pget_layout(dcpl.get())) {
        case H5D_CONTIGUOUS: c.layout = "contiguous"; break;
        case H5D_COMPACT: c.layout = "compact"; break;
        case H5D_VIRTUAL: c.layout = "virtual"; break;
        case H5D_CHUNKED: {
            c.layout = "chunked";
            int rank = H5Pget_chunk(dcpl.get(), 0, nullptr);
            if (rank > 0) {
                c.chunk.resize(static_cast<size_t>(rank));
                H5Pget_chunk(dcpl.get(), rank, c.chunk.data());
            }
            break;
        }
        default: c.layout = "unknown"; break;
    }
    int nfilters = H5Pget_nfilters(dcpl.get());
    for (int i = 0; i < nfilters; ++i) c.filters.push_back(describe_filter(dcpl.get(), static_cast<unsigned>(i)));
}

}  // namespace

std::string describe_type(hid_t type) {
    switch (H5Tget_class(type)) {
        case H5T_INTEGER:
            return with_order((H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + bits(type), type);
        case H5T_FLOAT: return with_order("float" + bits(type), type);
        case H5T_ENUM: {
            Handle base(H5Tget_super(type));
            std::string base_name = base ? describe_type(base.get()) : "?";
            return (is_bool_enum(type) ? "bool (enum of " : "enum of ") + base_name + (is_bool_enum(type) ? ")" : "");
        }
        case H5T_STRING: return "string";
        case H5T_COMPOUND: return complex_part_size(type) ? "complex" + std::to_string(16 * complex_part_size(type)) : "compound";
        case H5T_BITFIELD: return "bitfield" + bits(type);
        case H5T_OPAQUE: return "opaque";
        case H5T_REFERENCE: return "reference";
        case H5T_VLEN: return "variable-length sequence";
        case H5T_ARRAY: return "array";
        case H5T_TIME: return "time";
        default: return "unknown type";
    }
}

ComponentInfo inspect_component(hid_t group, const char* name) {
    ErrorStackGuard quiet;  // "no such component" is a finding here, not an error to report
    ComponentInfo c;
    c.name = name;
    c.present = H5Lexists(group, name, H5P_DEFAULT) > 0;
    if (!c.present) return c;
    H5O_info2_t info{};
    if (H5Oget_info_by_name3(group, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_DATASET)
        return c;
    Handle dataset(H5Dopen2(group, name, H5P_DEFAULT));
    if (!dataset) return c;
    c.is_dataset = true;
    Handle type(H5Dget_type(dataset.get()));
    Handle space(H5Dget_space(dataset.get()));
    if (type) {
        c.type = describe_type(type.get());
        c.type_class = H5Tget_class(type.get());
        c.is_unsigned = c.type_class == H5T_INTEGER && H5Tget_sign(type.get()) == H5T_SGN_NONE;
        c.is_complex = complex_part_size(type.get()) != 0;
    }
    if (space) {
        c.rank = H5Sget_simple_extent_ndims(space.get());
        if (c.rank > 0) {
            c.dims.resize(static_cast<size_t>(c.rank));
            H5Sget_simple_extent_dims(space.get(), c.dims.data(), nullptr);
        }
        hssize_t n = H5Sget_simple_extent_npoints(space.get());
        c.length = n > 0 ? static_cast<hsize_t>(n) : 0;
    }
    inspect_storage(dataset.get(), c);
    return c;
}

}  // namespace h5sparse::checker
