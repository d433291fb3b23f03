// A one-line progress report on stderr while large components are streamed.
//
// Only when stderr is a terminal (main decides): in a pipe, a log or a test, stderr stays free
// of carriage-return noise. The line is rewritten in place, at most ten times a second, and
// erased when the group is done, so that it never mixes with the report on stdout.
#pragma once

#include <hdf5.h>

#include <chrono>
#include <string>

namespace h5sparse::checker {

class Progress {
public:
    explicit Progress(bool enabled) : enabled_(enabled) {}
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    ~Progress() { end(); }

    // A new unit of work: `total` entries to stream for `label` ("file.h5 /X").
    void begin(std::string label, hsize_t total);
    void advance(hsize_t entries);
    void end();

private:
    void draw();

    bool enabled_;
    bool shown_ = false;
    std::string label_;
    hsize_t total_ = 0;
    hsize_t done_ = 0;
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace h5sparse::checker
