#include "model/object.hpp"

#include "model/virtual_dataset.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"

namespace h5sparse {

Object::Object(void* under_object, hid_t under_id, unsigned conv)
    : under(under_object), under_vol_id(under_id), conventions(conv) {
    check(H5Iinc_ref(under_vol_id), H5E_VOL, H5E_CANTINC, "cannot reference the under connector");
}

Object::~Object() {
    sparse.reset();
    ErrorStackGuard keep;
    H5Idec_ref(under_vol_id);
}

std::string Object::sparse_path() const { return sparse ? sparse->path() : std::string(); }

Object* Object::wrap(void* under_object, hid_t under_id, unsigned conv) {
    return new Object(under_object, under_id, conv);
}

}  // namespace h5sparse
