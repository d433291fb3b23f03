// Introspection: our class for "current", the terminal connector's for "terminal", the under
// connector's capability flags (the API tests and the library decide features from them), and
// per-object answers to "is this optional operation supported?".
#include "connector/callbacks.hpp"
#include "connector/connector_info.hpp"
#include "connector/entry.hpp"
#include "model/object.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

herr_t get_conn_cls(void* obj, H5VL_get_conn_lvl_t lvl, const H5VL_class_t** conn_cls) {
    if (lvl == H5VL_GET_CONN_LVL_CURR) {
        *conn_cls = &connector_class;
        return 0;
    }
    Object* o = as_object(obj);
    check(H5VLintrospect_get_conn_cls(o->under, o->under_vol_id, lvl, conn_cls), H5E_VOL, H5E_CANTGET,
          "cannot get the terminal connector class");
    return 0;
}

// `info` may be NULL (bare HDF5_VOL_CONNECTOR=h5sparse): then the native connector is below.
herr_t get_cap_flags(const void* info, uint64_t* cap_flags) {
    auto* i = static_cast<const ConnectorInfo*>(info);
    if (i) {
        check(H5VLintrospect_get_cap_flags(i->under_vol_info, i->under_vol_id, cap_flags), H5E_VOL, H5E_CANTGET,
              "cannot get the under connector's capability flags");
        return 0;
    }
    ConnectorInfo* defaults = make_default_info();
    herr_t ret = H5VLintrospect_get_cap_flags(nullptr, defaults->under_vol_id, cap_flags);
    free_info(defaults);
    check(ret, H5E_VOL, H5E_CANTGET, "cannot get the native connector's capability flags");
    return 0;
}

herr_t opt_query(void* obj, H5VL_subclass_t cls, int opt_type, uint64_t* flags) {
    Object* o = as_object(obj);
    if (o->is_virtual() && cls == H5VL_SUBCLS_DATASET) {
        // A virtual dataset has no file address, chunks or vlen data (h5dump then omits OFFSET).
        *flags = 0;
        return 0;
    }
    check(H5VLintrospect_opt_query(o->under, o->under_vol_id, cls, opt_type, flags), H5E_VOL, H5E_CANTGET,
          "cannot query optional operation support below");
    return 0;
}

}  // namespace

const H5VL_introspect_class_t introspect_class = {
    entry<get_conn_cls, "introspect_get_conn_cls">,
    entry<get_cap_flags, "introspect_get_cap_flags">,
    entry<opt_query, "introspect_opt_query">,
};

}  // namespace h5sparse
