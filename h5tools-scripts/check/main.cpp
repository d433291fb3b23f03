// h5sparse-check FILE...: find every sparse group the h5sparse connector recognises, describe
// it, validate it deeply, and exit non-zero when any is broken. See usage() for the contract.
#include <hdf5.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "check/file_walk.hpp"
#include "check/progress.hpp"
#include "check/report.hpp"
#include "check/rules.hpp"

namespace {

// Exit statuses (documented in usage()).
constexpr int kAllValid = 0;
constexpr int kSomeBroken = 1;
constexpr int kUsageOrUnreadable = 2;

constexpr const char* kShortUsage = "usage: h5sparse-check [--json] FILE...   (--help for details)\n";

void usage(std::ostream& out) {
    out << "usage: h5sparse-check [--json] FILE...\n"
           "\n"
           "Finds every sparse-matrix group that the h5sparse VOL connector recognises (the\n"
           "connector's own detection: anndata, h5sparse, MATLAB v7.3, HDMF, binsparse, cooler,\n"
           "Octave, EpetraExt, chihaya, h5Seurat, hickle, loom graphs, 10x; see the README's\n"
           "conventions table)\n"
           "and reports, per group: path, convention, orientation, shape, stored values, density,\n"
           "value/index/indptr types, whether indices are sorted and duplicate-free within each\n"
           "row (CSR) or column (CSC), and the storage of each component (layout, chunks, filters,\n"
           "bytes). Every rule the connector relies on is checked, indptr and indices in full:\n"
           "\n";
    for (const auto& r : h5sparse::checker::rule::kAll) {
        out << "  ";
        out.width(21);
        out << std::left << r.name << r.text << '\n';
    }
    out << "\n"
           "Files are opened with HDF5's native connector (HDF5_VOL_CONNECTOR is ignored), so the\n"
           "components are seen as stored; the connector is then asked to open each group, and the\n"
           "report shows its verdict and message. Large components are streamed in pieces of about\n"
           "1M entries; a progress line appears on stderr when stderr is a terminal.\n"
           "\n"
           "  --json     one JSON document on stdout instead of the text report\n"
           "  -h, --help this help\n"
           "\n"
           "Exit status: 0 every sparse group is valid (or there are none), 1 at least one group is\n"
           "broken (the report names the rule), 2 bad usage or a file could not be read.\n";
}

}  // namespace

int main(int argc, char** argv) {
    bool json = false;
    std::vector<std::string> files;
    bool options_done = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (!options_done && arg == "--") {
            options_done = true;
        } else if (!options_done && (arg == "-h" || arg == "--help")) {
            usage(std::cout);
            return kAllValid;
        } else if (!options_done && arg == "--json") {
            json = true;
        } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
            std::cerr << "h5sparse-check: unknown option '" << arg << "'\n" << kShortUsage;
            return kUsageOrUnreadable;
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        std::cerr << kShortUsage;
        return kUsageOrUnreadable;
    }
    // HDF5 reads HDF5_VOL_CONNECTOR when the library initialises (at the first call below): the
    // files must be seen natively even in a shell prepared by h5sparse-env.
    unsetenv("HDF5_VOL_CONNECTOR");
    // Failures are reported in the report, in one sentence each, not as HDF5 error stacks.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);

    h5sparse::checker::Progress progress(isatty(STDERR_FILENO) != 0);
    std::vector<h5sparse::checker::FileReport> reports;
    for (const std::string& file : files) reports.push_back(h5sparse::checker::check_file(file, progress));
    progress.end();

    if (json) h5sparse::checker::print_json(std::cout, reports);
    else h5sparse::checker::print_text(std::cout, reports);
    std::cout.flush();

    int status = kAllValid;
    for (const auto& r : reports) {
        if (!r.error.empty()) status = kUsageOrUnreadable;
        else if (r.broken_groups() > 0 && status == kAllValid) status = kSomeBroken;
    }
    return status;
}
