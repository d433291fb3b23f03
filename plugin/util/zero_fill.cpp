#include "util/zero_fill.hpp"

#include <algorithm>
#include <cstring>
#include <future>
#include <vector>

#include "util/worker_pool.hpp"

namespace h5sparse {

void zero_fill(unsigned char* out, std::size_t bytes, unsigned threads) noexcept {
    if (threads <= 1 || bytes < kParallelZeroBytes) {
        std::memset(out, 0, bytes);
        return;
    }
    // Parts of whole pages, so that no two threads write the same page (or cache line).
    constexpr std::size_t kPage = 4096;
    const unsigned parts = static_cast<unsigned>(std::min<std::size_t>(threads, bytes / (kParallelZeroBytes / 2)));
    const std::size_t part = (bytes / parts + kPage - 1) / kPage * kPage;
    std::vector<std::future<void>> running;
    std::size_t given = part;  // [0, part) is the calling thread's
    try {
        running.reserve(parts - 1);
        WorkerPool& pool = WorkerPool::shared(parts - 1);
        for (; given < bytes; given += part) {
            unsigned char* from = out + given;
            const std::size_t length = std::min(part, bytes - given);
            running.push_back(pool.submit<void>([from, length] { std::memset(from, 0, length); }));
        }
    } catch (...) {
        // No worker for [given, bytes): ours to do (the parts already handed out still run).
    }
    std::memset(out, 0, std::min(part, bytes));
    if (given < bytes) std::memset(out + given, 0, bytes - given);
    for (std::future<void>& f : running) f.wait();
}

}  // namespace h5sparse
