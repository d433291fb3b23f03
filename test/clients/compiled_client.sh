#!/usr/bin/env bash
# Builds one of the small compiled clients with Debian 13's HDF5 compiler wrappers and runs it:
#   compiled_client.sh cpp|fortran|threads
# `-shlib` matters: Debian's h5c++/h5fc link HDF5 statically by default, and a program with its
# own static copy of HDF5 cannot share it with the plugin (which loads libhdf5.so): it crashes.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
case "$1" in
  cpp) h5c++ -shlib -std=c++17 -Wall -o client "$H5SPARSE_CLIENTS_DIR/cpp_client.cpp" ;;
  fortran) h5fc -shlib -Wall -o client "$H5SPARSE_CLIENTS_DIR/fortran_client.f90" ;;
  threads) h5c++ -shlib -std=c++17 -Wall -pthread -o client "$H5SPARSE_CLIENTS_DIR/threads_client.cpp" ;;
  *) echo "unknown client $1" >&2; exit 2 ;;
esac
libraries=$(ldd ./client)
grep -q 'libhdf5.*\.so' <<<"$libraries" || { echo "FAIL: the client is not linked to a shared libhdf5"; exit 1; }
./client
