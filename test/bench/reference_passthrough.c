/* HDF5's own pass-through VOL connector, built as a plugin named "reference_passthrough".
 *
 * Not a copy: this file compiles src/H5VLpassthru.c of the HDF5 source tree the project builds
 * HDF5 from (h5tools-scripts/bootstrap-hdf5), under another name and value, and adds the two
 * entry points HDF5's plugin loader looks for. h5sparse-bench loads it in the `h5ls -r` case to
 * show what loading *any* VOL connector as a plugin costs (the plugin path search, dlopen, one
 * more layer for every call): the floor beneath h5sparse-vol's own conventions=none. */
#include <H5PLextern.h>

#include "H5VLpassthru.h" /* first: its include guard keeps the source from redefining these */
#undef H5VL_PASSTHRU_NAME
#undef H5VL_PASSTHRU_VALUE
#define H5VL_PASSTHRU_NAME "reference_passthrough"
#define H5VL_PASSTHRU_VALUE 510 /* in the range HDF5 keeps for testing (256-511) */

#include "H5VLpassthru.c"

H5PL_type_t H5PLget_plugin_type(void) { return H5PL_TYPE_VOL; }
const void *H5PLget_plugin_info(void) { return &H5VL_pass_through_g; }
