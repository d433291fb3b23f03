# Sourced by setup.sh, run_client.sh and suite.sh (host side). Which Debian root filesystem
# (H5SPARSE_CLIENTS_SUITE: trixie, Debian 13 with HDF5 1.14, the default; forky, with HDF5 2.x;
# trixie-mpi, Debian 13 with the parallel HDF5 of libhdf5-openmpi-dev),
# where things live inside it, and the conditions under which the clients suite can run at all:
# when it cannot, the test exits 77, which ctest reports as "Skipped", with the reason on its
# output. H5SPARSE_CLIENTS=0 turns the suite off.
clients_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=${H5SPARSE_SOURCE_DIR:-$(cd "$clients_dir/../.." && pwd)}
suite=${H5SPARSE_CLIENTS_SUITE:-trixie}
case "$suite" in
  trixie) suite_name="Debian 13 (HDF5 1.14)" hdf5_series='1\.14\.' ;;
  forky) suite_name="Debian forky (HDF5 2.x)" hdf5_series='2\.' ;;
  trixie-mpi) suite_name="Debian 13 with OpenMPI's parallel HDF5 1.14" hdf5_series='1\.14\.' ;;
  *) echo "unknown H5SPARSE_CLIENTS_SUITE '$suite'" >&2; exit 2 ;;
esac
rootfs() { "$source_dir/h5tools-scripts/debian-rootfs" "$suite" "$@"; }
# Inside the root filesystem:
in_src=/src/h5sparse-vol
in_build=/build/h5sparse-vol
in_plugin_dir=$in_build/plugin

skip() { echo "SKIP: $* -- the clients suite on $suite_name did not run"; exit 77; }

# Root, the namespace and chroot tools, and the suite not turned off.
skip_unless_runnable() {
  [ "${H5SPARSE_CLIENTS:-1}" != 0 ] || skip "turned off by H5SPARSE_CLIENTS=0"
  [ "$(id -u)" -eq 0 ] || skip "needs root (debootstrap, chroot); rerun the tests as root"
  command -v unshare >/dev/null && command -v chroot >/dev/null || skip "needs unshare and chroot (util-linux, coreutils)"
  unshare --mount --propagation private true 2>/dev/null || skip "cannot create a mount namespace here (unshare --mount failed)"
}

# The Debian archive (the mirror of this machine's apt configuration), asked for the suite's Release.
archive_reachable() {
  local mirror url
  mirror=$("$source_dir/h5tools-scripts/debian-mirror") || return 1
  url="$mirror/dists/${suite%%-*}/InRelease"
  if command -v wget >/dev/null; then wget -q -T 20 -t 2 --spider "$url"
  elif command -v curl >/dev/null; then curl -fsI -m 20 -o /dev/null "$url"
  else return 0  # cannot tell; debootstrap will say
  fi
}
