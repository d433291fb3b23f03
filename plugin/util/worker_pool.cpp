#include "util/worker_pool.hpp"

#include <pthread.h>

#include <atomic>
#include <new>
#include <utility>

#include "util/stay_loaded.hpp"

namespace h5sparse {
namespace {

// No exit-time destructors: they would run before HDF5's own exit handler calls our terminate
// (which joins the workers). The mutex is constant-initialised and trivially destructible; the
// pool is created on first use and deleted only by shut_down. A process that exits without
// closing HDF5 has its workers ended by the exit itself.
std::mutex pool_mutex;
WorkerPool* pool = nullptr;

// A child of fork() has none of its parent's threads: it starts a pool of its own on first use
// (the parent's is left behind, not joined: its threads are not there to join).
std::atomic<unsigned> fork_generation{0};

void forget_pool_in_child() {
    new (&pool_mutex) std::mutex;  // the parent's may have been held at the fork
    pool = nullptr;
    ++fork_generation;  // what the parent queued will never run here
}

}  // namespace

unsigned WorkerPool::generation() noexcept { return fork_generation.load(); }

unsigned default_thread_count() noexcept {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

WorkerPool& WorkerPool::shared(unsigned threads) {
    stay_loaded();  // workers run our code
    static const bool fork_handler = pthread_atfork(nullptr, nullptr, forget_pool_in_child) == 0;
    (void)fork_handler;
    std::lock_guard<std::mutex> lock(pool_mutex);
    if (!pool) pool = new WorkerPool();
    pool->grow(threads);
    return *pool;
}

void WorkerPool::shut_down() noexcept {
    WorkerPool* ending = nullptr;
    {
        std::lock_guard<std::mutex> lock(pool_mutex);
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
