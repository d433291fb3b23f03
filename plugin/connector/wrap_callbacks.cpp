// Wrapping: how objects that the layers below create on their own (ids handed to iteration
// callbacks, committed datatypes, ...) get our wrapper, and how HDF5 reaches the native object
// behind ours.
#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "model/object.hpp"
#include "model/virtual_dataset.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"

namespace h5sparse {
namespace {

// Library paths that bypass the VOL (H5Fget_obj_count, strong file close, H5Ddebug) take the
// terminal object of an H5I_DATASET id and cast it to a native dataset: for a virtual dataset
// that must be a real dataset, so we hand out one of its open components.
void* get_object(const void* obj) {
    const Object* o = as_object(obj);
    if (o->is_virtual()) return H5VLget_object(o->sparse->native_stand_in(), o->under_vol_id);
    return H5VLget_object(o->under, o->under_vol_id);
}

herr_t get_wrap_ctx(const void* obj, void** wrap_ctx) {
    const Object* o = as_object(obj);
    auto* ctx = new WrapContext{o->under_vol_id, nullptr, o->conventions};
    if (H5Iinc_ref(ctx->under_vol_id) < 0) {
        delete ctx;
        fail(H5E_VOL, H5E_CANTINC, "cannot reference the under connector");
    }
    if (H5VLget_wrap_ctx(o->under, o->under_vol_id, &ctx->under_wrap_ctx) < 0) {
        {
            ErrorStackGuard keep;
            H5Idec_ref(ctx->under_vol_id);
        }
        delete ctx;
        fail(H5E_VOL, H5E_CANTGET, "cannot get the under connector's wrap context");
    }
    *wrap_ctx = ctx;
    return 0;
}

void* wrap_object(void* obj, H5I_type_t obj_type, void* wrap_ctx) {
    auto* ctx = static_cast<WrapContext*>(wrap_ctx);
    void* under = H5VLwrap_object(obj, obj_type, ctx->under_vol_id, ctx->under_wrap_ctx);
    if (!under) fail(H5E_VOL, H5E_CANTCREATE, "the under connector cannot wrap an object");
    return Object::wrap(under, ctx->under_vol_id, ctx->conventions);
}

void* unwrap_object(void* obj) {
    Object* o = as_object(obj);
    void* under = H5VLunwrap_object(o->under, o->under_vol_id);
    if (!under) fail(H5E_VOL, H5E_CANTRELEASE, "the under connector cannot unwrap an object");
    delete o;
    return under;
}

herr_t free_wrap_ctx(void* wrap_ctx) {
    auto* ctx = static_cast<WrapContext*>(wrap_ctx);
    ErrorStackGuard keep;
    if (ctx->under_wrap_ctx) H5VLfree_wrap_ctx(ctx->under_wrap_ctx, ctx->under_vol_id);
    H5Idec_ref(ctx->under_vol_id);
    delete ctx;
    return 0;
}

}  // namespace

const H5VL_wrap_class_t wrap_class = {
    entry<get_object, "get_object">,       entry<get_wrap_ctx, "get_wrap_ctx">,
    entry<wrap_object, "wrap_object">,     entry<unwrap_object, "unwrap_object">,
    entry<free_wrap_ctx, "free_wrap_ctx">,
};

}  // namespace h5sparse
