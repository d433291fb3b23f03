#!/usr/bin/env bash
# The MPI benchmark of issue 14 (h5sparse-bench --mpi): in the Debian 13 root with OpenMPI's
# HDF5 1.14 (debian-rootfs trixie-mpi), builds the connector and mpi_bench against the parallel
# HDF5, then runs mpi_bench at 1, 2 and 4 ranks on the benchmark's CSR (uncompressed and gzip):
# all 50,000 rows in blocks, native component reads vs the connector, independent and collective
# transfer. Prints a markdown section (the slowest rank's time, best of the repetitions).
#   test/bench/run_mpi_bench.sh <bench files dir> [block rows] [repetitions]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
files=$1 block=${2:-1000} reps=${3:-5}
rootfs() { "$top/h5tools-scripts/debian-rootfs" trixie-mpi "$@"; }
say() { printf 'h5sparse-bench --mpi: %s\n' "$*" >&2; }

root=$(rootfs)
rootfs --copy-in "$top" /src/h5sparse-vol >/dev/null
# The files go in by hard link (same filesystem) or copy: the root sees nothing of the host.
mkdir -p "$root/bench-files"
for f in csr.h5ad csr_gzip.h5ad; do
  ln -f "$files/$f" "$root/bench-files/$f" 2>/dev/null || cp "$files/$f" "$root/bench-files/$f"
done
say "building against the root's parallel HDF5 in /build/h5sparse-vol-mpi-bench"
log="$root/build/h5sparse-vol-mpi-bench.log"
mkdir -p "$root/build"
rootfs --run sh -c 'cmake -S /src/h5sparse-vol -B /build/h5sparse-vol-mpi-bench -DHDF5_PREFER_PARALLEL=ON \
                      -DCMAKE_BUILD_TYPE=Release &&
                    cmake --build /build/h5sparse-vol-mpi-bench --target h5sparse_vol h5sparse_mpi_bench -j "$1"' \
  sh "${H5SPARSE_JOBS:-2}" >"$log" 2>&1 || { tail -30 "$log"; say "build failed (see $log)"; exit 1; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for file in csr.h5ad csr_gzip.h5ad; do
  for n in 1 2 4; do
    say "$file, $n rank(s)"
    rootfs --run OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,sm \
      OMPI_MCA_mpi_yield_when_idle=1 HWLOC_COMPONENTS=-linux \
      HDF5_PLUGIN_PATH=/build/h5sparse-vol-mpi-bench/plugin "HDF5_VOL_CONNECTOR=h5sparse under_vol=0;under_info={}" \
      mpiexec -n "$n" --oversubscribe /build/h5sparse-vol-mpi-bench/test/bench/h5sparse_mpi_bench \
      "/bench-files/$file" /X "$block" "$reps" | sed "s|^|$file |" >>"$results"
  done
done

cat <<EOF
## Parallel HDF5 (MPI-IO): all rows in blocks, 1, 2 and 4 ranks

\`h5tools-scripts/h5sparse-bench --mpi\` ($(date -u +%F), Debian 13 root: HDF5 $(rootfs --run sh -c 'dpkg-query -W -f "\${Version}" libhdf5-openmpi-dev'), Open MPI
$(rootfs --run sh -c 'dpkg-query -W -f "\${Version}" openmpi-bin')). **This machine has $(nproc) cores**: at 4 ranks two ranks share each
core, so 4 ranks measure overhead under contention, not scaling. Each rank reads its share of the 50,000
rows (all 20,000 columns, as a dense float32 result) in blocks of $block rows, the file opened with
\`H5Pset_fapl_mpio\`; time of the slowest rank, best of $reps passes (each reopens the file; page cache warm).
Native: the rank reads \`indptr\`, \`indices\` and \`data\` itself, one read of each per block, then zero
fill and scatter (\`test/bench/mpi_bench.cpp\`); every rank makes the same calls, empty where it has
nothing, so collective transfer is valid. Connector: \`H5Dread\` of the same block of the virtual dataset
with the same transfer list. Both produce the same weighted sum of all values, checked in every run.

| file | ranks | transfer | native | connector | connector / native |
|---|---|---|---|---|---|
EOF
awk '{
  split($5, b, "="); split($4, r, "=");
  key = $1 " " r[2] " " $2;
  t[key, $3] = b[2]; order[key] = NR; keys[key] = 1
} END {
  n = 0; for (k in keys) { sorted[++n] = k }
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (order[sorted[j]] < order[sorted[i]]) { x = sorted[i]; sorted[i] = sorted[j]; sorted[j] = x }
  for (i = 1; i <= n; i++) {
    split(sorted[i], p, " "); nat = t[sorted[i], "native"]; con = t[sorted[i], "connector"];
    printf "| %s | %s | %s | %.1f ms | %.1f ms | %.2f |\n", p[1], p[2], p[3], nat * 1000, con * 1000, con / nat
  }
}' "$results"
