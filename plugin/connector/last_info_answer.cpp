#include "connector/last_info_answer.hpp"

#include <cstring>

namespace h5sparse::last_info_answer {
namespace {

struct Answer {
    unsigned long fileno;
    H5O_token_t token;
    unsigned conventions;
    bool shown_as_matrix;
};

// Per thread: with a thread-safe HDF5 each thread's visit sees its own operator's questions.
thread_local std::optional<Answer> latest;

}  // namespace

void forget() noexcept { latest.reset(); }

void remember(const H5O_info2_t& info, unsigned conventions, bool shown_as_matrix) noexcept {
    latest = Answer{info.fileno, info.token, conventions, shown_as_matrix};
}

std::optional<bool> shown_as_matrix(unsigned long fileno, const H5O_token_t& token, unsigned conventions) noexcept {
    if (!latest || latest->fileno != fileno || latest->conventions != conventions ||
        std::memcmp(&latest->token, &token, sizeof token) != 0)
        return std::nullopt;
    return latest->shown_as_matrix;
}

}  // namespace h5sparse::last_info_answer
