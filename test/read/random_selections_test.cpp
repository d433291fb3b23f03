// Differential read tests: a sparse group read through the connector must give exactly what
// HDF5 gives for a dense dataset holding the same values.
//
// Strategy: for each seeded random matrix (value/index/indptr types, orientation, convention,
// density, sortedness, duplicates, empty slices, chunking, gzip) the sparse group and a dense
// twin are written with the plain C API to two identical temporary files (see TwinFiles): one is
// opened natively (the twin), the other through the connector (the group, as a dataset). For
// many random triples (file selection, memory space, memory type) the expected buffer is
// computed by the oracle in test/support (reference matrix -> HDF5 conversion -> selection
// orders -> sentinel-filled buffer). The native read of the twin must equal the oracle, which
// validates the oracle against HDF5 itself; the connector's read must equal it too.
//
// Reproducing a failure: every message names the case index, its seed and the triple index and
// seed. Rerun one case with --run_test=random_selections/random_selection_reads/_<case> and
// one triple with H5SPARSE_READ_ONLY_TRIPLE=<triple>. H5SPARSE_READ_SEED changes the base seed,
// H5SPARSE_READ_TRIPLES the number of triples per matrix.
#define BOOST_TEST_MODULE h5sparse_read
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "read_harness.hpp"
#include "read_stats.hpp"
#include "support/dense_reference.hpp"
#include "support/native_access.hpp"
#include "support/read_oracle.hpp"
#include "support/type_text.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <map>
#include <sstream>
#include <string>

namespace bdata = boost::unit_test::data;
using namespace h5sparse_test;

namespace {

constexpr int matrix_case_count = 128;
constexpr std::uint64_t default_base_seed = 0x48355350'52454144ULL;  // "H5SPREAD"
constexpr std::uint64_t default_triples = 100;
constexpr int max_reported_failures = 3;  // per matrix: the rest are counted

std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return (v != nullptr && *v != '\0') ? std::strtoull(v, nullptr, 0) : fallback;
}

std::string hex(std::uint64_t v) {
    std::ostringstream out;
    out << "0x" << std::hex << v;
    return out.str();
}

// Per matrix: the two datasets and the reference in every memory type used so far.
class MatrixUnderTest {
public:
    MatrixUnderTest(const MatrixCase& c, hid_t twin, hid_t virtual_dataset)
        : case_(c), twin_(twin), virtual_(virtual_dataset) {}

    // Runs one triple; a connector disagreement is reported (the first few) and counted.
    void run_triple(std::uint64_t triple, int& failures) {
        const std::uint64_t seed = derive_seed(case_.seed, triple);
        Rng rng(seed);
        const hsize_t rows = case_.spec.rows;
        const hsize_t cols = case_.spec.cols;
        const FileSelection file = random_file_selection(rng, rows, cols);
        const MemorySpace mem = random_memory_space(rng, file, rows, cols);
        const hid_t mem_type = random_memory_type(rng, case_.spec.value_type);
        const std::size_t elem = H5Tget_size(mem_type);

        const std::string where = case_.description + "\n  triple " + std::to_string(triple) + " seed=" + hex(seed) +
                                  "\n  file selection: " + file.description() +
                                  "\n  memory space: " + mem.description() + "\n  memory type: " + type_name(mem_type);
        const std::vector<std::byte> sentinel = sentinel_fill(mem.buffer_elements * elem, seed ^ 0x5e5e);
        const ExpectedRead expected = expected_read(reference(mem_type), elem, file, mem, rows, cols, sentinel);

        // 1. The oracle must agree with HDF5 reading the dense twin.
        const ReadResult native = read_selection(twin_, mem_type, mem, file, sentinel);
        ReadStats::get().count_native(native.status >= 0);
        if (native.status < 0) {
            BOOST_ERROR("native read of the dense twin failed (test bug)\n  " << where << "\n" << native.error);
        } else {
            const std::string diff = describe_differences(expected, native.buffer, mem_type, cols);
            ReadStats::get().count_oracle(diff.empty());
            if (!diff.empty())
                BOOST_ERROR("ORACLE disagrees with a native read of the dense twin (test bug)\n  " << where << "\n  "
                                                                                                   << diff);
        }
        if (virtual_ < 0) return;

        // 2. The connector must agree with the oracle.
        const ReadResult got = read_selection(virtual_, mem_type, mem, file, sentinel);
        std::string problem;
        if (got.status < 0)
            problem = "H5Dread through the connector failed\n" + got.error;
        else
            problem = describe_differences(expected, got.buffer, mem_type, cols);
        if (got.status >= 0 && got.reports > 0)
            problem += "\n  the read succeeded but HDF5 printed " + std::to_string(got.reports) +
                       " error stack(s) on the way (HDF5-DIAG noise on stderr)";
        while (!problem.empty() && problem.front() == '\n') problem.erase(0, 1);
        ReadStats::get().count_connector(problem.empty());
        if (problem.empty()) return;
        if (++failures <= max_reported_failures)
            BOOST_ERROR("connector read differs from a dense read\n  " << where << "\n  " << problem);
    }

private:
    const std::vector<std::byte>& reference(hid_t mem_type) {
        const std::string key = type_name(mem_type);
        auto it = references_.find(key);
        if (it == references_.end())
            it = references_.emplace(key, reference_bytes(case_.reference, case_.spec.value_type, mem_type)).first;
        return it->second;
    }

    const MatrixCase& case_;
    hid_t twin_;
    hid_t virtual_;
    std::map<std::string, std::vector<std::byte>> references_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(random_selections)

BOOST_DATA_TEST_CASE(random_selection_reads, bdata::xrange(matrix_case_count), case_index) {
    const std::uint64_t base_seed = env_u64("H5SPARSE_READ_SEED", default_base_seed);
    const std::uint64_t triples = env_u64("H5SPARSE_READ_TRIPLES", default_triples);
    const char* only = std::getenv("H5SPARSE_READ_ONLY_TRIPLE");

    const MatrixCase c = make_matrix_case(base_seed, case_index);
    BOOST_TEST_CONTEXT(c.description) {
        BOOST_TEST_MESSAGE(c.description);
        const TwinFiles files("h5sparse-read", [&](hid_t out) { write_matrix_case(out, c); });
        const H5Handle native_file = open_native_file(files.native_path());
        const H5Handle twin = owned(H5Dopen2(native_file.get(), c.dense_path.c_str(), H5P_DEFAULT), "H5Dopen2(twin)");

        const H5Handle conn_file = open_through_connector(
            files.connector_path(), c.threads != 0 ? "threads=" + std::to_string(c.threads) : std::string());
        std::string open_error;
        const H5Handle vdset = try_open_dataset(conn_file.get(), virtual_dataset_path(c.options), &open_error);
        BOOST_CHECK_MESSAGE(vdset.valid(), "H5Dopen2(" << virtual_dataset_path(c.options) << ") through the connector failed\n"
                                                       << open_error);
        if (vdset.valid()) {
            // Metadata: a 2-D dataset of the stored `data` type.
            BOOST_CHECK_EQUAL(H5Iget_type(vdset.get()), H5I_DATASET);
            const H5Handle space = owned(H5Dget_space(vdset.get()), "H5Dget_space");
            hsize_t dims[2] = {0, 0};
            BOOST_CHECK_EQUAL(H5Sget_simple_extent_ndims(space.get()), 2);
            H5Sget_simple_extent_dims(space.get(), dims, nullptr);
            BOOST_CHECK_EQUAL(dims[0], c.spec.rows);
            BOOST_CHECK_EQUAL(dims[1], c.spec.cols);
            const H5Handle type = owned(H5Dget_type(vdset.get()), "H5Dget_type");
            BOOST_CHECK_MESSAGE(
                H5Tequal(type.get(), c.spec.value_type) > 0,
                "dataset type " << type_name(type.get()) << " is not the stored type " << type_name(c.spec.value_type));
        }

        MatrixUnderTest m(c, twin.get(), vdset.valid() ? vdset.get() : H5I_INVALID_HID);
        int failures = 0;
        // Matrices over 10^5 cells (there to cross the connector's batch and piece sizes) cost
        // ~20 ms per triple, the small ones ~1 ms: a quarter of the triples keeps the run short.
        const std::uint64_t triples_here =
            c.spec.rows * c.spec.cols > 100000 ? std::max<std::uint64_t>(1, triples / 4) : triples;
        for (std::uint64_t t = 0; t < triples_here; ++t) {
            if (only != nullptr && *only != '\0' && std::strtoull(only, nullptr, 0) != t) continue;
            try {
                m.run_triple(t, failures);
            } catch (const std::exception& e) {  // keep the triple in the message, go on
                BOOST_ERROR("triple " << t << " threw: " << e.what());
            }
        }
        if (failures > max_reported_failures)
            BOOST_ERROR(failures - max_reported_failures << " further failing selections of this matrix not shown");
    }
}

BOOST_AUTO_TEST_SUITE_END()
