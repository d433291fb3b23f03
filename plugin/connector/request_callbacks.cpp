// Async request callbacks: requests from below are wrapped like objects and forwarded.
#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "model/object.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

herr_t request_wait(void* req, uint64_t timeout, H5VL_request_status_t* status) {
    Object* o = as_object(req);
    check(H5VLrequest_wait(o->under, o->under_vol_id, timeout, status), H5E_VOL, H5E_CANTOPERATE,
          "request wait failed below");
    return 0;
}

herr_t request_notify(void* req, H5VL_request_notify_t cb, void* ctx) {
    Object* o = as_object(req);
    check(H5VLrequest_notify(o->under, o->under_vol_id, cb, ctx), H5E_VOL, H5E_CANTOPERATE,
          "request notify failed below");
    return 0;
}

herr_t request_cancel(void* req, H5VL_request_status_t* status) {
    Object* o = as_object(req);
    check(H5VLrequest_cancel(o->under, o->under_vol_id, status), H5E_VOL, H5E_CANTOPERATE,
          "request cancel failed below");
    return 0;
}

herr_t request_specific(void* req, H5VL_request_specific_args_t* args) {
    Object* o = as_object(req);
    check(H5VLrequest_specific(o->under, o->under_vol_id, args), H5E_VOL, H5E_CANTOPERATE,
          "request operation failed below");
    return 0;
}

herr_t request_optional(void* req, H5VL_optional_args_t* args) {
    Object* o = as_object(req);
    check(H5VLrequest_optional(o->under, o->under_vol_id, args), H5E_VOL, H5E_CANTOPERATE,
          "request optional operation failed below");
    return 0;
}

herr_t request_free(void* req) {
    Object* o = as_object(req);
    herr_t ret = H5VLrequest_free(o->under, o->under_vol_id);
    delete o;
    check(ret, H5E_VOL, H5E_CANTRELEASE, "request free failed below");
    return 0;
}

}  // namespace

const H5VL_request_class_t request_class = {
    entry<request_wait, "request_wait">,         entry<request_notify, "request_notify">,
    entry<request_cancel, "request_cancel">,     entry<request_specific, "request_specific">,
    entry<request_optional, "request_optional">, entry<request_free, "request_free">,
};

}  // namespace h5sparse
