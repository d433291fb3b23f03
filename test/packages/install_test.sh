#!/usr/bin/env bash
# The Debian package, installed as a user installs it: h5tools-scripts/h5sparse-deb builds it for
# RELEASE in that release's root filesystem; a copy of the bare release (debian-rootfs
# RELEASE-base: debootstrap and nothing else) gets `apt-get install ./h5sparse-vol_*.deb` with the
# release's own hdf5-tools and h5py; then, with nothing but HDF5_VOL_CONNECTOR=h5sparse set, h5ls,
# h5dump and h5py read the anndata fixture's sparse matrix as the dense twin (read with the
# connector off), h5sparse-check validates the file, and `apt-get purge` takes it all away.
#   install_test.sh RELEASE      (trixie: HDF5 1.14; forky: HDF5 2.x)
set -uo pipefail
release=$1
source_dir=${H5SPARSE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
scripts=$source_dir/h5tools-scripts
cache=${H5SPARSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/h5sparse-vol}
skip() { echo "SKIP: $* -- the $release package install test did not run"; exit 77; }
[ "${H5SPARSE_CLIENTS:-1}" != 0 ] || skip "turned off by H5SPARSE_CLIENTS=0"
[ "$(id -u)" -eq 0 ] || skip "needs root (debootstrap, chroot)"
unshare --mount --propagation private true 2>/dev/null || skip "cannot create a mount namespace here"
if ! "$scripts/debian-rootfs" "$release" --check || ! "$scripts/debian-rootfs" "$release-base" --check; then
  mirror=$("$scripts/debian-mirror") || skip "no Debian mirror in this machine's apt configuration"
  curl -fsI -m 20 -o /dev/null "$mirror/dists/$release/InRelease" 2>/dev/null \
    || skip "no cached $release root filesystems and the Debian archive ($mirror) is not reachable"
fi

failures=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
work=$(mktemp -d "$cache/package-test-$release.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT

debs=$("$scripts/h5sparse-deb" --out "$work/debs" "$release") || { echo "FAIL: h5sparse-deb $release"; exit 1; }
deb=$(basename "$debs")
case "$deb" in
  h5sparse-vol_*-1~"$release"_*.deb) ok "built $deb" ;;
  *) echo "FAIL: h5sparse-deb printed '$debs'"; exit 1 ;;
esac

# A clean root: the bare release, copied. The packages apt downloaded last time are offered
# again (apt checks them against the archive's index), so a rerun downloads nothing.
base=$("$scripts/debian-rootfs" "$release-base") || { echo "FAIL: debian-rootfs $release-base"; exit 1; }
root=$work/root
cp -a "$base" "$root"
archives=$cache/apt-archives-$release
mkdir -p "$archives"
cp "$archives"/*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true
mkdir -p "$root/test"
cp "$debs" "$root/test/"
cp "$source_dir/test/fixtures/data/anndata.h5ad" "$source_dir/test/fixtures/data/anndata_dense.h5" "$root/test/"
in_root() { "$scripts/debian-rootfs" --run-in "$root" "$@"; }

if in_root /bin/sh -c 'cd /test && apt-get -q -y install "./$1" hdf5-tools python3-h5py' sh "$deb" >"$work/install.log" 2>&1; then
  ok "apt-get install ./$deb hdf5-tools python3-h5py in a clean $release root"
else
  tail -20 "$work/install.log"; echo "FAIL: apt-get install ./$deb"; exit 1
fi
cp -n "$root"/var/cache/apt/archives/*.deb "$archives/" 2>/dev/null || true
grep -E '^(Unpacking|Setting up) (h5sparse-vol|libhdf5-[0-9]+)' "$work/install.log" | sed 's/^/  /'

# With the connector: nothing set but HDF5_VOL_CONNECTOR.
with() { in_root /usr/bin/env HDF5_VOL_CONNECTOR=h5sparse /bin/sh -c 'cd /test && exec "$@"' sh "$@"; }
native() { in_root /bin/sh -c 'cd /test && exec "$@"' sh "$@"; }

listing=$(with h5ls -r anndata.h5ad 2>&1)
if grep -Eq '^/X +Dataset \{60, 40\}$' <<<"$listing"; then ok "h5ls -r shows /X as a Dataset {60, 40}"
else fail "h5ls -r anndata.h5ad"; printf '%s\n' "$listing" | head; fi
if [ "$(with h5dump -d /X anndata.h5ad 2>&1 | tail -n +2)" = "$(native h5dump -d /X anndata_dense.h5 2>&1 | tail -n +2)" ]; then
  ok "h5dump -d /X prints what the twin holds"
else fail "h5dump -d /X differs from the twin"; fi
if with python3 -c '
import h5py, numpy as np
with h5py.File("anndata.h5ad", "r") as s, h5py.File("anndata_dense.h5", "r") as d:
    assert isinstance(s["X"], h5py.Dataset), type(s["X"])
    assert np.array_equal(s["X"][10:20, 5:30], d["X"][10:20, 5:30])
    assert np.array_equal(s["X"][[1, 7, 59], :], d["X"][[1, 7, 59], :])
    print("  h5py", h5py.__version__, "HDF5", h5py.version.hdf5_version)
'; then ok "h5py reads /X as the twin"; else fail "h5py reads /X"; fi
if native h5sparse-check anndata.h5ad >"$work/check.log" 2>&1; then ok "h5sparse-check anndata.h5ad"
else fail "h5sparse-check anndata.h5ad"; cat "$work/check.log"; fi

# Removed, it leaves nothing behind: the plugin folder's link goes with the package.
in_root apt-get -q -y purge h5sparse-vol >"$work/purge.log" 2>&1 || fail "apt-get purge h5sparse-vol"
if [ -z "$(find "$root/usr" -name '*h5sparse*' -print -quit)" ]; then ok "apt-get purge leaves no h5sparse file"
else fail "files left after purge: $(find "$root/usr" -name '*h5sparse*')"; fi
native h5ls anndata.h5ad | grep -q '^X  *Group$' && ok "after purge, h5ls shows X as the group it is" \
  || fail "after purge, h5ls does not show X as a Group"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
