// Counts of the reads the suite performed, printed once at the end of the run so that a green
// run also says how much it checked (and that the oracle was validated against native reads).
#pragma once

#include <cstdint>

namespace h5sparse_test {

class ReadStats {
public:
    static ReadStats& get();

    void count_native(bool ok) { (ok ? native_ok_ : native_failed_)++; }
    void count_oracle(bool ok) { (ok ? oracle_ok_ : oracle_failed_)++; }
    void count_connector(bool ok) { (ok ? connector_ok_ : connector_failed_)++; }
    void print() const;

private:
    std::uint64_t native_ok_ = 0, native_failed_ = 0;
    std::uint64_t oracle_ok_ = 0, oracle_failed_ = 0;
    std::uint64_t connector_ok_ = 0, connector_failed_ = 0;
};

}  // namespace h5sparse_test
