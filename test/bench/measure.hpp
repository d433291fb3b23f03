// Clocks, resident-memory probes and the result checksum of the benchmark program.
//
// Peak memory: each (case, contender) runs in a fresh process. Before opening any file the
// process resets its peak-RSS counter (writing "5" to /proc/self/clear_refs, Linux >= 4.0) and
// notes VmRSS; after the last repetition it reads VmHWM. peak = VmHWM - that baseline, i.e.
// everything the read path (file open, caches, result buffer, temporaries) ever held resident
// at once; overhead = peak - result bytes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bench_case.hpp"

namespace h5sparse_bench {

double wall_seconds();
double cpu_seconds();  // this process, user + system
double load_average();  // 1-minute load average of the machine

bool reset_peak_rss();
std::int64_t rss_bytes(const char* field);  // "VmRSS:" or "VmHWM:" of /proc/self/status

// Order-sensitive checksum of a dense result whose values are integers (they are, in every
// benchmark file): sum of (int64) value * (i % 1009 + 1), wrapping; anndata_bench.py computes
// the same.
struct Checksum {
    std::uint64_t weighted = 0;
    std::int64_t nonzero = 0;
};
Checksum checksum(const void* buf, std::size_t elements, ValueKind kind);

}  // namespace h5sparse_bench
