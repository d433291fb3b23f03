// Worker threads for work that needs no HDF5 call (decoding compressed chunks): HDF5 is not
// safe to enter from several threads unless built thread-safe, so only the thread that called
// into the connector talks to HDF5, and workers get plain bytes.
//
// One pool per process, started on first use with as many threads as the largest count asked
// for so far, and joined by the connector's terminate callback (before HDF5 may unload us).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace h5sparse {

class WorkerPool {
public:
    // The process's pool with at least `threads` workers.
    static WorkerPool& shared(unsigned threads);
    // Joins the workers (queued tasks run first). Safe to call when no pool was started.
    static void shut_down() noexcept;
    // Changes in a child of fork(): tasks submitted before it will never complete there, and a
    // caller holding their futures must not wait on them.
    static unsigned generation() noexcept;

    // Runs `task` on a worker; the future carries its result (or its exception).
    template <typename T>
    std::future<T> submit(std::function<T()> task) {
        auto packaged = std::make_shared<std::packaged_task<T()>>(std::move(task));
        std::future<T> result = packaged->get_future();
        enqueue([packaged] { (*packaged)(); });
        return result;
    }

    ~WorkerPool();

private:
    WorkerPool() = default;
    void grow(unsigned threads);
    void enqueue(std::function<void()> job);
    void work();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    bool stopping_ = false;
};

// The machine's cores (at least 1): the default decode thread count.
unsigned default_thread_count() noexcept;

}  // namespace h5sparse
