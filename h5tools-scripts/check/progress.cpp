#include "check/progress.hpp"

#include <cstdio>

#include "check/native_io.hpp"

namespace h5sparse::checker {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

void Progress::begin(std::string label, hsize_t total) {
    end();
    label_ = std::move(label);
    total_ = total;
    done_ = 0;
    // Groups that fit in one piece are done before anyone could read the line: stay quiet.
    if (enabled_ && total_ > piece_entries()) draw();
}

void Progress::advance(hsize_t entries) {
    done_ += entries;
    if (!shown_ || std::chrono::steady_clock::now() - last_draw_ < kRedrawInterval) return;
    draw();
}

void Progress::end() {
    if (!shown_) return;
    std::fputs("\r\033[K", stderr);  // erase the line: the report follows on stdout
    std::fflush(stderr);
    shown_ = false;
}

void Progress::draw() {
    const double percent = total_ ? 100.0 * static_cast<double>(done_) / static_cast<double>(total_) : 100.0;
    std::fprintf(stderr, "\r\033[Kh5sparse-check: %s: %.0f%% of %llu entries", label_.c_str(), percent,
                 static_cast<unsigned long long>(total_));
    std::fflush(stderr);
    shown_ = true;
    last_draw_ = std::chrono::steady_clock::now();
}

}  // namespace h5sparse::checker
