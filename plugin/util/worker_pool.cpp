#include "util/worker_pool.hpp"

#include <dlfcn.h>
#include <pthread.h>

#include <atomic>
#include <utility>

namespace h5sparse {
namespace {

// Never destroyed by static destructors: at exit they would run before HDF5's own exit handler
// calls our terminate (which joins the workers), and a pool destroyed twice deadlocks. A
// process that exits without closing HDF5 has its workers ended by the exit itself.
std::mutex* pool_mutex = new std::mutex;
WorkerPool* pool = nullptr;

// A child of fork() has none of its parent's threads: it starts a pool of its own on first use
// (the parent's is left behind, not joined: its threads are not there to join).
std::atomic<unsigned> fork_generation{0};

void forget_pool_in_child() {
    pool_mutex = new std::mutex;  // the parent's may have been held at the fork
    pool = nullptr;
    ++fork_generation;  // what the parent queued will never run here
}

// Workers run our code: the library must stay mapped as long as they may, even when HDF5
// unloads its plugins at exit without having terminated the connector first (GDAL's processes
// do). Marking ourselves "no delete" keeps the code there; the threads end with the process.
void stay_loaded() {
    Dl_info self{};
    if (dladdr(reinterpret_cast<void*>(&stay_loaded), &self) && self.dli_fname)
        dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

}  // namespace

unsigned WorkerPool::generation() noexcept { return fork_generation.load(); }

unsigned default_thread_count() noexcept {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

WorkerPool& WorkerPool::shared(unsigned threads) {
    static const bool once = (stay_loaded(), pthread_atfork(nullptr, nullptr, forget_pool_in_child) == 0);
    (void)once;
    std::lock_guard<std::mutex> lock(*pool_mutex);
    if (!pool) pool = new WorkerPool();
    pool->grow(threads);
    return *pool;
}

void WorkerPool::shut_down() noexcept {
    WorkerPool* ending = nullptr;
    {
        std::lock_guard<std::mutex> lock(*pool_mutex);
        ending = std::exchange(pool, nullptr);
    }
    delete ending;  // joins
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
}

void WorkerPool::grow(unsigned threads) {
    std::lock_guard<std::mutex> lock(mutex_);
    while (threads_.size() < threads) threads_.emplace_back([this] { work(); });
}

void WorkerPool::enqueue(std::function<void()> job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void WorkerPool::work() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, nothing left
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();  // a packaged_task: its exceptions go to its future
    }
}

}  // namespace h5sparse
