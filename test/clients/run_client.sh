#!/usr/bin/env bash
# Runs one client test inside the Debian root filesystem that setup.sh prepared:
#   run_client.sh <command> [args...]
# The command runs in the copy of this folder there (H5SPARSE_CLIENTS_DIR), with the fixtures
# (H5SPARSE_FIXTURES) and the connector switched on for every HDF5 program the way a user does
# it: HDF5_PLUGIN_PATH and HDF5_VOL_CONNECTOR, nothing else.
set -euo pipefail
source "$(dirname "$0")/common.sh"
skip_unless_runnable
rootfs --check || skip "no $suite root filesystem (the clients setup test builds it)"
root=$(rootfs --dir)
[ -f "$root$in_plugin_dir/libh5sparse_vol.so" ] || skip "the connector is not built in $root (see the clients setup test)"
exec "$source_dir/h5tools-scripts/debian-rootfs" "$suite" --run \
  HDF5_PLUGIN_PATH="$in_plugin_dir" HDF5_VOL_CONNECTOR="h5sparse under_vol=0;under_info={}" \
  H5SPARSE_FIXTURES="$in_src/test/fixtures/data" H5SPARSE_CLIENTS_DIR="$in_src/test/clients" \
  /bin/sh -c 'cd "$H5SPARSE_CLIENTS_DIR" && exec "$@"' sh "$@"
