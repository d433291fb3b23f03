/*
 * h5sparse-vol: a pass-through HDF5 VOL connector that presents sparse matrices stored as
 * groups (anndata, h5sparse, 10x Genomics conventions) as ordinary read-only 2-D datasets.
 *
 * Most programs need nothing from this header: set
 *   HDF5_PLUGIN_PATH=<dir holding libh5sparse_vol.so>
 *   HDF5_VOL_CONNECTOR="h5sparse under_vol=0;under_info={}"
 * This header is for programs that prefer to choose the connector themselves (link with
 * -lh5sparse_vol), without environment variables.
 */
#ifndef H5SPARSE_VOL_H
#define H5SPARSE_VOL_H

#include <hdf5.h>

#define H5SPARSE_VOL_NAME "h5sparse"
/* A value in the range HDF5 reserves for testing (256-511) until one is registered. */
#define H5SPARSE_VOL_VALUE ((H5VL_class_value_t)317)
#define H5SPARSE_VOL_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/* Registers the connector with the library (idempotent) and returns its id, or H5I_INVALID_HID.
 * Release the id with H5VLclose() when done. */
hid_t h5sparse_vol_register(void);

/* Sets the connector on a file access property list. `info` is the connector's info string
 * (the same text that follows the name in HDF5_VOL_CONNECTOR, for example
 * "under_vol=0;under_info={}"); NULL or "" means the native connector underneath and defaults
 * for everything else. Returns a negative value on failure, with the reason on the error stack. */
herr_t h5sparse_vol_set_fapl(hid_t fapl_id, const char *info);

#ifdef __cplusplus
}
#endif

#endif /* H5SPARSE_VOL_H */
