#include "connector/connector_info.hpp"

#include <H5VLpassthru.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "connector/entry.hpp"
#include "connector/info_string.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/handle.hpp"

namespace h5sparse {
namespace {

struct InfoDeleter {
    void operator()(ConnectorInfo* p) const noexcept { free_info(p); }
};
using InfoPtr = std::unique_ptr<ConnectorInfo, InfoDeleter>;

InfoPtr new_info(hid_t under_vol_id_owned, unsigned conventions) {
    auto* p = static_cast<ConnectorInfo*>(std::calloc(1, sizeof(ConnectorInfo)));
    if (!p) {
        ErrorStackGuard keep;
        H5Idec_ref(under_vol_id_owned);
        throw std::bad_alloc();
    }
    p->under_vol_id = under_vol_id_owned;
    p->under_vol_info = nullptr;
    p->conventions = conventions;
    return InfoPtr(p);
}

hid_t native_connector_id() {
    return check(H5VLget_connector_id_by_value(H5_VOL_NATIVE), H5E_VOL, H5E_CANTGET,
                 "cannot get the native VOL connector");
}

// ---- info_cls callbacks --------------------------------------------------------------------

void* info_copy_cb(const void* info) {
    return copy_info(static_cast<const ConnectorInfo*>(info));
}

herr_t info_cmp_cb(int* cmp_value, const void* a_, const void* b_) {
    auto* a = static_cast<const ConnectorInfo*>(a_);
    auto* b = static_cast<const ConnectorInfo*>(b_);
    *cmp_value = 0;
    if (a->conventions != b->conventions) {
        *cmp_value = a->conventions < b->conventions ? -1 : 1;
        return 0;
    }
    check(H5VLcmp_connector_cls(cmp_value, a->under_vol_id, b->under_vol_id), H5E_VOL, H5E_CANTCOMPARE,
          "cannot compare the under connectors of two h5sparse infos");
    if (*cmp_value != 0) return 0;
    check(H5VLcmp_connector_info(cmp_value, a->under_vol_id, a->under_vol_info, b->under_vol_info), H5E_VOL,
          H5E_CANTCOMPARE, "cannot compare the under connectors' infos");
    return 0;
}

herr_t info_free_cb(void* info) {
    free_info(static_cast<ConnectorInfo*>(info));
    return 0;
}

herr_t info_to_str_cb(const void* info_, char** str) {
    auto* info = static_cast<const ConnectorInfo*>(info_);
    *str = nullptr;
    H5VL_class_value_t under_value = -1;
    check(H5VLget_value(info->under_vol_id, &under_value), H5E_VOL, H5E_CANTGET,
          "cannot get the under connector's value");
    char* under_str = nullptr;
    check(H5VLconnector_info_to_str(info->under_vol_info, info->under_vol_id, &under_str), H5E_VOL,
          H5E_CANTSERIALIZE, "cannot serialise the under connector's info");
    InfoText text;
    text.under_vol = std::to_string(under_value);
    text.under_info = under_str ? std::string(under_str) : std::string();
    text.conventions = info->conventions & kAllConventions;
    text.unmarked = info->conventions & kUnmarkedMask;
    text.threads = threads_of(info->conventions);
    text.index_memory = index_memory_code(info->conventions);
    if (under_str) H5free_memory(under_str);
    std::string out = to_string(text);
    *str = static_cast<char*>(H5allocate_memory(out.size() + 1, false));
    if (!*str) throw std::bad_alloc();
    std::memcpy(*str, out.c_str(), out.size() + 1);
    return 0;
}

hid_t under_connector_from_text(const std::string& under_vol) {
    char* end = nullptr;
    long value = std::strtol(under_vol.c_str(), &end, 10);
    const bool numeric = end && *end == '\0';
    // HDF5's built-in pass_through is registered on first use, not found by the plugin search.
    if ((numeric && value == H5VL_PASSTHRU_VALUE) || under_vol == H5VL_PASSTHRU_NAME) {
        hid_t id = H5VL_PASSTHRU;
        check(id, H5E_VOL, H5E_CANTREGISTER, "cannot register HDF5's pass_through connector");
        check(H5Iinc_ref(id), H5E_VOL, H5E_CANTINC, "cannot reference HDF5's pass_through connector");
        return id;
    }
    hid_t id;
    if (numeric)
        id = H5VLregister_connector_by_value(static_cast<H5VL_class_value_t>(value), H5P_VOL_INITIALIZE_DEFAULT);
    else
        id = H5VLregister_connector_by_name(under_vol.c_str(), H5P_VOL_INITIALIZE_DEFAULT);
    if (id < 0)
        fail(H5E_VOL, H5E_CANTREGISTER,
             "h5sparse info string: cannot load the under connector '" + under_vol + "'");
    return id;
}

herr_t info_from_str_cb(const char* str, void** info_out) {
    *info_out = nullptr;
    InfoText text;
    try {
        text = parse_info_string(str ? str : "");
    } catch (const std::invalid_argument& e) {
        fail(H5E_VOL, H5E_BADVALUE, e.what());
    }
    hid_t under = text.under_vol ? under_connector_from_text(*text.under_vol) : native_connector_id();
    // conventions=none is pure pass-through: no detection at all, unmarked groups included.
    InfoPtr info =
        new_info(under, text.conventions == 0 ? 0u : text.conventions | text.unmarked | threads_bits(text.threads) |
                                                     (text.index_memory << kIndexMemoryShift));
    if (text.under_info && !text.under_info->empty())
        check(H5VLconnector_str_to_info(text.under_info->c_str(), info->under_vol_id, &info->under_vol_info),
              H5E_VOL, H5E_CANTDECODE, "cannot parse the under connector's info string");
    *info_out = info.release();
    return 0;
}

}  // namespace

ConnectorInfo* make_default_info() { return new_info(native_connector_id(), kAllConventions).release(); }

ConnectorInfo* copy_info(const ConnectorInfo* info) {
    check(H5Iinc_ref(info->under_vol_id), H5E_VOL, H5E_CANTINC, "cannot reference the under connector");
    InfoPtr copy = new_info(info->under_vol_id, info->conventions);
    if (info->under_vol_info)
        check(H5VLcopy_connector_info(info->under_vol_id, &copy->under_vol_info, info->under_vol_info), H5E_VOL,
              H5E_CANTCOPY, "cannot copy the under connector's info");
    return copy.release();
}

void free_info(ConnectorInfo* info) noexcept {
    if (!info) return;
    ErrorStackGuard keep;
    if (info->under_vol_info) H5VLfree_connector_info(info->under_vol_id, info->under_vol_info);
    if (info->under_vol_id >= 0) H5Idec_ref(info->under_vol_id);
    std::free(info);
}

ConnectorInfo* info_from_fapl(hid_t fapl_id) {
    void* raw = nullptr;
    if (fapl_id >= 0 && fapl_id != H5P_DEFAULT)
        check(H5Pget_vol_info(fapl_id, &raw), H5E_PLIST, H5E_CANTGET,
              "cannot get the h5sparse connector info from the file access property list");
    return raw ? static_cast<ConnectorInfo*>(raw) : make_default_info();
}

hid_t make_under_fapl(hid_t fapl_id, const ConnectorInfo& info) {
    Handle fapl(check(H5Pcopy(fapl_id == H5P_DEFAULT ? H5P_FILE_ACCESS_DEFAULT : fapl_id), H5E_PLIST,
                      H5E_CANTCOPY, "cannot copy the file access property list"));
    check(H5Pset_vol(fapl.get(), info.under_vol_id, info.under_vol_info), H5E_PLIST, H5E_CANTSET,
          "cannot set the under connector on the file access property list");
    return fapl.release();
}

const H5VL_info_class_t info_class = {
    sizeof(ConnectorInfo),
    entry<info_copy_cb, "info_copy">,
    entry<info_cmp_cb, "info_cmp">,
    entry<info_free_cb, "info_free">,
    entry<info_to_str_cb, "info_to_str">,
    entry<info_from_str_cb, "info_from_str">,
};

}  // namespace h5sparse
