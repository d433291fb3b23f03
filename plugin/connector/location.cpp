#include "connector/location.hpp"

#include <string>

#include "util/error.hpp"

namespace h5sparse {

void reject_if_virtual(const Object* o, const char* what) {
    if (o && o->is_virtual())
        fail(H5E_DATASET, H5E_UNSUPPORTED,
             "sparse matrix '" + o->sparse_path() + "' is a read-only dataset view; cannot " + what + " it");
}

}  // namespace h5sparse
