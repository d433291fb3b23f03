// Keeps the plugin mapped until the process ends, once it holds process-wide state: worker
// threads running its code, or memory only its globals point to. HDF5 may unload plugins at
// exit before it terminates connectors (GDAL's processes do); unmapped, the threads would run
// into nothing and the memory would look leaked.
#pragma once

namespace h5sparse {

// Marks this library "no delete" (idempotent, cheap after the first call).
void stay_loaded() noexcept;

}  // namespace h5sparse
