// The transfer property list under which the components of one virtual-dataset read are read.
//
// With parallel HDF5, a collective H5Dread is every rank's promise to make the same I/O calls.
// The reads behind one virtual read are as many as the data asks for (the rows' entries, their
// chunks), different on each rank, so passing the caller's collective mode down to them makes
// one rank wait in MPI for reads another never makes. Components are therefore read
// independently: each rank reads its own pieces, and the caller's collective call still returns
// on every rank with its own selection.
//
// The independent list is one process-wide list, never a per-read copy: the native connector
// makes the list it is given the *caller's* API context list (H5CX_set_dxpl), and HDF5 writes
// the I/O mode it used into that list when the caller's H5Dread returns, after we have returned.
// A copy closed at the end of our callback would be written to after it was freed. The caller's
// other transfer settings (buffer sizes, selection I/O) tune speed only and are not carried over.
// Serial builds, and callers asking for independent transfer, use the caller's list unchanged.
#pragma once

#include <hdf5.h>

namespace h5sparse {

// Throws (H5Error) when the caller's transfer mode cannot be read or the list cannot be made.
hid_t component_transfer(hid_t caller_dxpl);

// Closes the process-wide list (the connector's terminate callback).
void release_component_transfer() noexcept;

}  // namespace h5sparse
