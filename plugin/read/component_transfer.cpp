#include "read/component_transfer.hpp"

#include <mutex>
#include <utility>

#include "util/error.hpp"
#include "util/handle.hpp"

namespace h5sparse {

#ifdef H5_HAVE_PARALLEL
namespace {
constinit std::mutex independent_mutex;
// H5P_DATASET_XFER with H5FD_MPIO_INDEPENDENT, made on first need. A plain id, not a Handle: no
// destructor may run at process exit, after HDF5 has closed.
hid_t independent = H5I_INVALID_HID;
}  // namespace

hid_t component_transfer(hid_t caller_dxpl) {
    H5FD_mpio_xfer_t mode = H5FD_MPIO_INDEPENDENT;
    check(H5Pget_dxpl_mpio(caller_dxpl, &mode), H5E_PLIST, H5E_CANTGET, "cannot read the MPI-IO transfer mode");
    if (mode != H5FD_MPIO_COLLECTIVE) return caller_dxpl;
    const std::lock_guard lock(independent_mutex);
    if (independent < 0) {
        Handle list(H5Pcreate(H5P_DATASET_XFER));
        check(list.get(), H5E_PLIST, H5E_CANTCREATE, "cannot create a transfer property list");
        check(H5Pset_dxpl_mpio(list.get(), H5FD_MPIO_INDEPENDENT), H5E_PLIST, H5E_CANTSET,
              "cannot make the component reads independent");
        independent = list.release();
    }
    return independent;
}

void release_component_transfer() noexcept {
    const std::lock_guard lock(independent_mutex);
    Handle(std::exchange(independent, H5I_INVALID_HID)).reset();
}
#else
hid_t component_transfer(hid_t caller_dxpl) { return caller_dxpl; }
void release_component_transfer() noexcept {}
#endif

}  // namespace h5sparse
