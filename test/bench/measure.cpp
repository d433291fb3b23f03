#include "measure.hpp"

#include <ctime>
#include <fstream>
#include <string>

namespace h5sparse_bench {

double wall_seconds() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double load_average() {
    std::ifstream in("/proc/loadavg");
    double load = -1;
    in >> load;
    return load;
}

bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

std::int64_t rss_bytes(const char* field) {
    std::ifstream in("/proc/self/status");
    const std::string key(field);
    for (std::string line; std::getline(in, line);)
        if (line.compare(0, key.size(), key) == 0) return std::stoll(line.substr(key.size())) * 1024;
    return -1;
}

namespace {
template <typename T>
Checksum sum_as(const T* v, std::size_t n) {
    Checksum c;
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = static_cast<std::int64_t>(v[i]);  // the values are integers: truncation is exact
        c.weighted += static_cast<std::uint64_t>(x) * (i % 1009 + 1);
        c.nonzero += v[i] != 0;
    }
    return c;
}
}  // namespace

Checksum checksum(const void* buf, std::size_t n, ValueKind kind) {
    switch (kind) {
        case ValueKind::kFloat32: return sum_as(static_cast<const float*>(buf), n);
        case ValueKind::kInt32: return sum_as(static_cast<const std::int32_t*>(buf), n);
        case ValueKind::kFloat64: return sum_as(static_cast<const double*>(buf), n);
    }
    return {};
}

}  // namespace h5sparse_bench
