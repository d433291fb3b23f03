// h5sparse_bench: times one contender on one benchmark case and prints one JSON line.
//
//   h5sparse_bench --files DIR --list
//   h5sparse_bench --files DIR --case NAME --contender connector|floor|dense [--reps N] [--warmup N]
//
// Contenders, each writing the same dense result into one preallocated buffer that is touched
// (filled with a poison byte) before every repetition, outside the timed region:
//   connector  H5Dread of the virtual dataset, file opened with h5sparse_vol_set_fapl
//              (for the pass-through case: the dense twin's /X through the connector);
//   floor      floor_read.hpp on the native connector;
//   dense      H5Dread of the dense twin's /X, native connector, the same selection.
// The file selection is built before the clock starts (it is the same work for connector and
// dense twin, and not part of the read path). Every repetition reopens the file before the clock
// starts, so no chunk cache or connector cache carries over from the previous repetition; the
// clock covers opening the matrix (H5Dopen2, or the floor's components) and reading it. The
// harness h5tools-scripts/h5sparse-bench runs every (case, contender) in a fresh process so each
// peak-memory figure is its own.
#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_case.hpp"
#include "floor_read.hpp"
#include "h5sparse_vol.h"
#include "measure.hpp"

namespace h5sparse_bench {
namespace {

constexpr unsigned char kPoison = 0xA5;

struct Options {
    std::string files;
    std::string case_name;
    std::string contender;
    bool list = false;
    int reps = 5;
    int warmup = 1;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
            return argv[++i];
        };
        if (a == "--files") o.files = value();
        else if (a == "--case") o.case_name = value();
        else if (a == "--contender") o.contender = value();
        else if (a == "--reps") o.reps = std::stoi(value());
        else if (a == "--warmup") o.warmup = std::stoi(value());
        else if (a == "--list") o.list = true;
        else throw std::runtime_error("unknown argument " + a);
    }
    if (o.files.empty()) throw std::runtime_error("--files DIR is required");
    return o;
}

std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char ch : s) {
        if (ch == '"' || ch == '\\') q += '\\';
        q += ch;
    }
    return q + "\"";
}

void list_cases(const std::vector<BenchCase>& cases) {
    std::printf("[\n");
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const BenchCase& c = cases[i];
        std::string contenders;
        for (const std::string& name : c.contenders()) contenders += (contenders.empty() ? "" : ", ") + quoted(name);
        std::printf("  {\"name\": %s, \"title\": %s, \"group\": %s, \"rows_selected\": %lld, "
                    "\"columns_selected\": %lld, \"elements\": %lld, "
                    "\"result_bytes\": %zu, \"series\": %s, \"contenders\": [%s]}%s\n",
                    quoted(c.name).c_str(), quoted(c.title).c_str(), quoted(c.group).c_str(),
                    static_cast<long long>(c.rows_selected), static_cast<long long>(c.columns_selected),
                    static_cast<long long>(c.sel.elements()), c.result_bytes(),
                    quoted(c.series).c_str(), contenders.c_str(), i + 1 < cases.size() ? "," : "");
    }
    std::printf("]\n");
}

// One contender: its file, opened before the clock starts, and the timed part: opening the
// matrix (the connector's or the dense twin's dataset, the floor's components) and reading it.
// The opening is timed because where its cost falls is the reader's choice: the connector opens
// the components on the first read (so that listing a file stays cheap), a native reader before
// it; what a program pays from an open file to the values is both.
class Contender {
public:
    Contender(const BenchCase& c, const std::string& kind) : case_(c) {
        if (kind == "connector" || kind == "connector_threads1") {
            Hid fapl(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate");
            const char* info = kind == "connector" ? "under_vol=0;under_info={}" : "under_vol=0;under_info={};threads=1";
            check(h5sparse_vol_set_fapl(fapl.get(), info), "h5sparse_vol_set_fapl");
            const std::string& file = c.passthrough ? c.dense_file : c.sparse_file;
            file_ = Hid(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.get()), "open through the connector");
            dataset_path_ = c.passthrough ? "/X" : c.sparse_path;
        } else if (kind == "dense") {
            if (c.dense_file.empty()) throw std::runtime_error("case " + c.name + " has no dense twin");
            file_ = Hid(H5Fopen(c.dense_file.c_str(), H5F_ACC_RDONLY, native_fapl().get()), "open the dense twin");
            dataset_path_ = "/X";
        } else if (kind == "floor") {
            if (c.passthrough) throw std::runtime_error("the pass-through case has no floor");
            file_ = Hid(H5Fopen(c.sparse_file.c_str(), H5F_ACC_RDONLY, native_fapl().get()), "open natively");
        } else {
            throw std::runtime_error("unknown contender " + kind);
        }
        if (!dataset_path_.empty()) {
            file_space_ = make_file_space(c);
            mem_space_ = make_mem_space(c);
        }
    }

    void open_and_read(void* out) {
        if (dataset_path_.empty()) {
            FloorReader floor(file_.get(), case_.sparse_path, case_.value, case_.matrix_rows, case_.matrix_cols);
            floor.read(case_.sel, out);
            return;
        }
        Hid dset(H5Dopen2(file_.get(), dataset_path_.c_str(), H5P_DEFAULT), "H5Dopen");
        check(H5Dread(dset.get(), mem_type_of(case_.value), mem_space_.get(), file_space_.get(), H5P_DEFAULT, out),
              "H5Dread");
    }

private:
    const BenchCase& case_;
    std::string dataset_path_;  // empty: the floor
    Hid file_, file_space_, mem_space_;
};

std::string json_list(const std::vector<double>& v) {
    std::string s = "[";
    char buf[32];
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%.6g", i ? ", " : "", v[i]);
        s += buf;
    }
    return s + "]";
}

int run(const Options& o) {
    const std::vector<BenchCase> cases = load_cases(o.files);
    if (o.list) {
        list_cases(cases);
        return 0;
    }
    auto it = std::find_if(cases.begin(), cases.end(), [&](const BenchCase& c) { return c.name == o.case_name; });
    if (it == cases.end()) throw std::runtime_error("unknown case " + o.case_name);
    const BenchCase& c = *it;
    const std::size_t bytes = c.result_bytes();

    const bool peak_reset = reset_peak_rss();
    const std::int64_t baseline = rss_bytes("VmRSS:");
    const double load_before = load_average();
    std::unique_ptr<unsigned char[]> out(new unsigned char[std::max<std::size_t>(bytes, 1)]);
    std::vector<double> wall, cpu;
    for (int rep = 0; rep < o.warmup + o.reps; ++rep) {
        // Each repetition opens the file anew (untimed): no chunk cache or connector state
        // carries over, so every repetition is a first read after open (page cache warm).
        Contender contender(c, o.contender);
        std::memset(out.get(), kPoison, bytes);  // touched, and no stale result can pass
        const double w0 = wall_seconds(), c0 = cpu_seconds();
        contender.open_and_read(out.get());
        const double w1 = wall_seconds(), c1 = cpu_seconds();
        if (rep >= o.warmup) {
            wall.push_back(w1 - w0);
            cpu.push_back(c1 - c0);
        }
    }
    const std::int64_t peak = rss_bytes("VmHWM:") - baseline;
    const Checksum sum = checksum(out.get(), static_cast<std::size_t>(c.sel.elements()), c.value);
    std::printf("{\"case\": %s, \"contender\": %s, \"wall\": %s, \"cpu\": %s, \"result_bytes\": %zu, "
                "\"peak_bytes\": %lld, \"peak_reset\": %s, \"checksum\": \"%llu\", \"nonzero\": %lld, "
                "\"load\": [%.2f, %.2f]}\n",
                quoted(c.name).c_str(), quoted(o.contender).c_str(), json_list(wall).c_str(), json_list(cpu).c_str(),
                bytes, static_cast<long long>(peak), peak_reset ? "true" : "false",
                static_cast<unsigned long long>(sum.weighted), static_cast<long long>(sum.nonzero), load_before,
                load_average());
    return 0;
}

}  // namespace
}  // namespace h5sparse_bench

int main(int argc, char** argv) {
    try {
        return h5sparse_bench::run(h5sparse_bench::parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "h5sparse_bench: %s\n", e.what());
        H5Eprint2(H5E_DEFAULT, stderr);
        return 1;
    }
}
