#include "read_stats.hpp"

#include <boost/test/unit_test.hpp>

#include <iostream>

namespace h5sparse_test {

ReadStats& ReadStats::get() {
    static ReadStats stats;
    return stats;
}

void ReadStats::print() const {
    std::cout << "read checks: native reads " << native_ok_ << " ok / " << native_failed_
              << " failed; oracle == native " << oracle_ok_ << " / " << (oracle_ok_ + oracle_failed_)
              << "; connector == oracle " << connector_ok_ << " / " << (connector_ok_ + connector_failed_) << std::endl;
}

namespace {
struct PrintStatsAtExit {
    PrintStatsAtExit() = default;
    PrintStatsAtExit(const PrintStatsAtExit&) = delete;
    PrintStatsAtExit& operator=(const PrintStatsAtExit&) = delete;
    ~PrintStatsAtExit() { ReadStats::get().print(); }
};
}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(PrintStatsAtExit);

}  // namespace h5sparse_test
