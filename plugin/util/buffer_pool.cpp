#include "util/buffer_pool.hpp"

#include <mutex>

#include "util/stay_loaded.hpp"

namespace h5sparse {
namespace {

// Never destroyed (see util/worker_pool.cpp): exit-time destructors run in an order we do not
// control, and the pool only holds memory the process is about to give back anyway.
struct Pool {
    std::mutex mutex;
    std::vector<ScratchBytes> buffers;
    size_t bytes = 0;
};
Pool& pool() {
    static Pool* p = (stay_loaded(), new Pool);  // reachable for as long as the process runs
    return *p;
}

}  // namespace

ScratchBytes BufferPool::take(size_t bytes) {
    ScratchBytes buffer;
    {
        Pool& p = pool();
        std::lock_guard<std::mutex> lock(p.mutex);
        for (size_t i = p.buffers.size(); i-- > 0;) {
            if (p.buffers[i].capacity() >= bytes) {
                buffer = std::move(p.buffers[i]);
                p.buffers.erase(p.buffers.begin() + static_cast<std::ptrdiff_t>(i));
                p.bytes -= buffer.capacity();
                break;
            }
        }
    }
    buffer.resize(bytes);  // within capacity when reused: no new memory
    return buffer;
}

void BufferPool::give(ScratchBytes&& buffer) noexcept {
    if (buffer.capacity() == 0) return;
    Pool& p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    if (p.bytes + buffer.capacity() > kRetainedBytes) return;  // freed with `buffer`'s owner
    try {
        p.buffers.push_back(std::move(buffer));
        p.bytes += p.buffers.back().capacity();
    } catch (...) {  // no room to remember it: it is simply freed
    }
}

}  // namespace h5sparse
