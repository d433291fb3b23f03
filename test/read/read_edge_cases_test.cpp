// Read tests that do not fit the random loop: H5Dread_multi mixing virtual and ordinary
// datasets, the none selection (buffer untouched, NULL buffer allowed), requests HDF5 rejects
// (the connector must reject them too, without crashing), and zero-sized matrices.
//
// As in random_selections_test.cpp, every expectation is first checked against a native read
// of the dense twin, so the tests assert "behaves like a dense dataset", not a guess of ours.
#include <boost/test/unit_test.hpp>

#include "read_harness.hpp"
#include "read_stats.hpp"
#include "support/dense_reference.hpp"
#include "support/native_access.hpp"
#include "support/read_oracle.hpp"
#include "support/type_text.hpp"

#include <cstring>
#include <functional>
#include <sstream>

using namespace h5sparse_test;

namespace {

constexpr std::uint64_t edge_seed = 0x45444745'43415345ULL;  // "EDGECASE"

std::string hex(std::uint64_t v) {
    std::ostringstream out;
    out << "0x" << std::hex << v;
    return out.str();
}

// One dataset's share of a multi-dataset read.
struct Request {
    FileSelection file;
    MemorySpace mem;
    hid_t mem_type = H5I_INVALID_HID;
    std::vector<std::byte> sentinel;
    ExpectedRead expected;
    std::string text;
};

Request random_request(Rng& rng, const MatrixCase& c, const std::string& name) {
    Request r{random_file_selection(rng, c.spec.rows, c.spec.cols), {}, H5I_INVALID_HID, {}, {}, {}};
    r.mem = random_memory_space(rng, r.file, c.spec.rows, c.spec.cols);
    r.mem_type = random_memory_type(rng, c.spec.value_type);
    const std::size_t elem = H5Tget_size(r.mem_type);
    r.sentinel = sentinel_fill(r.mem.buffer_elements * elem, rng.next());
    r.expected = expected_read(reference_bytes(c.reference, c.spec.value_type, r.mem_type), elem, r.file, r.mem,
                               c.spec.rows, c.spec.cols, r.sentinel);
    r.text =
        name + ": file " + r.file.description() + "; memory " + r.mem.description() + "; type " + type_name(r.mem_type);
    return r;
}

// H5Dread_multi over `dsets` with the requests; returns the status and fills `buffers`.
herr_t read_multi(std::vector<hid_t> dsets, std::vector<Request>& requests,
                  std::vector<std::vector<std::byte>>& buffers, std::string* error) {
    std::vector<hid_t> types, mems, files;
    std::vector<void*> bufs;
    static std::byte dummy{};
    buffers.clear();
    for (auto& r : requests) buffers.push_back(r.sentinel);
    for (std::size_t i = 0; i < requests.size(); ++i) {
        types.push_back(requests[i].mem_type);
        mems.push_back(requests[i].mem.arg.id());
        files.push_back(requests[i].file.arg.id());
        bufs.push_back(buffers[i].empty() ? static_cast<void*>(&dummy) : buffers[i].data());
    }
    const QuietErrors quiet;
    const herr_t status =
        H5Dread_multi(dsets.size(), dsets.data(), types.data(), mems.data(), files.data(), H5P_DEFAULT, bufs.data());
    if (status < 0 && error != nullptr) *error = hdf5_error_text();
    return status;
}

MatrixCase small_case(int index, const std::string& path) {
    MatrixCase c = make_matrix_case(edge_seed, index);
    c.options.path = path;
    c.dense_path = path + "_dense";
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(read_edge_cases)

BOOST_AUTO_TEST_CASE(read_multi_mixes_virtual_and_plain) {
    for (int round = 0; round < 6; ++round) {
        // Two matrices of opposite orientation (index parity steers it, see make_matrix_case).
        const MatrixCase a = small_case(round * 16 + 2, "/A");
        const MatrixCase b = small_case(round * 16 + 8 + 5, "/B");
        BOOST_TEST_CONTEXT("round " << round << "\n  A: " << a.description << "\n  B: " << b.description) {
            const TwinFiles files("h5sparse-multi", [&](hid_t out) {
                write_matrix_case(out, a);
                write_matrix_case(out, b);
            });
            const H5Handle nat = open_native_file(files.native_path());
            const H5Handle a_twin = owned(H5Dopen2(nat.get(), a.dense_path.c_str(), H5P_DEFAULT), "open A twin");
            const H5Handle b_twin = owned(H5Dopen2(nat.get(), b.dense_path.c_str(), H5P_DEFAULT), "open B twin");
            const H5Handle conn = open_through_connector(files.connector_path());
            std::string error;
            const H5Handle a_virtual = try_open_dataset(conn.get(), virtual_dataset_path(a.options), &error);
            BOOST_REQUIRE_MESSAGE(a_virtual.valid(), "H5Dopen2(/A) through the connector failed\n" << error);
            const H5Handle b_virtual = try_open_dataset(conn.get(), virtual_dataset_path(b.options), &error);
            BOOST_REQUIRE_MESSAGE(b_virtual.valid(), "H5Dopen2(/B) through the connector failed\n" << error);
            const H5Handle a_plain =
                owned(H5Dopen2(conn.get(), a.dense_path.c_str(), H5P_DEFAULT), "open A twin (conn)");

            for (int t = 0; t < 15; ++t) {
                const std::uint64_t seed =
                    derive_seed(edge_seed + static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(t));
                Rng rng(seed);
                // [virtual A, plain A (through the connector), virtual B]
                std::vector<Request> req;
                req.push_back(random_request(rng, a, "virtual A"));
                req.push_back(random_request(rng, a, "plain A"));
                req.push_back(random_request(rng, b, "virtual B"));
                const std::string where =
                    "multi read seed=" + hex(seed) + "\n  " + req[0].text + "\n  " + req[1].text + "\n  " + req[2].text;
                std::vector<std::vector<std::byte>> got;

                const herr_t nat_status = read_multi({a_twin.get(), a_twin.get(), b_twin.get()}, req, got, &error);
                BOOST_REQUIRE_MESSAGE(nat_status >= 0, "native multi read failed (test bug)\n  " << where << "\n"
                                                                                                 << error);
                for (std::size_t i = 0; i < req.size(); ++i) {
                    const std::string diff = describe_differences(req[i].expected, got[i], req[i].mem_type,
                                                                  i == 2 ? b.spec.cols : a.spec.cols);
                    ReadStats::get().count_oracle(diff.empty());
                    BOOST_CHECK_MESSAGE(diff.empty(), "ORACLE disagrees with native multi read (test bug)\n  "
                                                          << where << "\n  " << diff);
                }

                const herr_t status = read_multi({a_virtual.get(), a_plain.get(), b_virtual.get()}, req, got, &error);
                BOOST_CHECK_MESSAGE(status >= 0, "H5Dread_multi through the connector failed\n  " << where << "\n"
                                                                                                  << error);
                if (status < 0) {
                    ReadStats::get().count_connector(false);
                    continue;
                }
                for (std::size_t i = 0; i < req.size(); ++i) {
                    const std::string diff = describe_differences(req[i].expected, got[i], req[i].mem_type,
                                                                  i == 2 ? b.spec.cols : a.spec.cols);
                    ReadStats::get().count_connector(diff.empty());
                    BOOST_CHECK_MESSAGE(diff.empty(), "H5Dread_multi through the connector differs (element "
                                                          << i << ")\n  " << where << "\n  " << diff);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(none_selection_leaves_buffer_untouched) {
    const MatrixCase c = small_case(37, "/M");
    BOOST_TEST_CONTEXT(c.description) {
        const TwinFiles files("h5sparse-none", [&](hid_t out) { write_matrix_case(out, c); });
        const H5Handle nat = open_native_file(files.native_path());
        const H5Handle twin = owned(H5Dopen2(nat.get(), c.dense_path.c_str(), H5P_DEFAULT), "open twin");
        const H5Handle conn = open_through_connector(files.connector_path());
        std::string error;
        const H5Handle vdset = try_open_dataset(conn.get(), virtual_dataset_path(c.options), &error);
        BOOST_REQUIRE_MESSAGE(vdset.valid(), "H5Dopen2 through the connector failed\n" << error);

        const hsize_t dims[2] = {c.spec.rows, c.spec.cols};
        const H5Handle fspace = owned(H5Screate_simple(2, dims, nullptr), "H5Screate_simple");
        check_status(H5Sselect_none(fspace.get()), "H5Sselect_none");
        const hsize_t mdims[1] = {8};
        const H5Handle mspace = owned(H5Screate_simple(1, mdims, nullptr), "H5Screate_simple");
        check_status(H5Sselect_none(mspace.get()), "H5Sselect_none");
        const H5Handle null_space = owned(H5Screate(H5S_NULL), "H5Screate(NULL)");

        struct Variant {
            const char* name;
            hid_t mem;
        };
        const Variant variants[] = {{"memory none", mspace.get()},
                                    {"memory H5S_ALL (= file space, none)", H5S_ALL},
                                    {"memory H5S_BLOCK", H5S_BLOCK},
                                    {"memory null space", null_space.get()}};
        for (const Variant& v : variants) {
            for (const hid_t dset : {twin.get(), vdset.get()}) {
                const bool is_native = dset == twin.get();
                // A buffer the size of the whole matrix, pre-filled: nothing may change.
                std::vector<double> buf(c.spec.rows * c.spec.cols + 8, -12345.5);
                const std::vector<double> before = buf;
                const QuietErrors quiet;
                const herr_t status = H5Dread(dset, H5T_NATIVE_DOUBLE, v.mem, fspace.get(), H5P_DEFAULT, buf.data());
                BOOST_CHECK_MESSAGE(status >= 0, (is_native ? "native" : "connector")
                                                     << " none read failed (" << v.name << ")\n"
                                                     << hdf5_error_text());
                BOOST_CHECK_MESSAGE(buf == before, (is_native ? "native" : "connector")
                                                       << " none read wrote to the buffer (" << v.name << ")");
                // No elements: HDF5 accepts a NULL buffer.
                const herr_t null_status = H5Dread(dset, H5T_NATIVE_DOUBLE, v.mem, fspace.get(), H5P_DEFAULT, nullptr);
                BOOST_CHECK_MESSAGE(null_status >= 0, (is_native ? "native" : "connector")
                                                          << " none read with a NULL buffer failed (" << v.name << ")\n"
                                                          << hdf5_error_text());
            }
        }
    }
}

// Requests HDF5 rejects for a dense dataset: the connector must reject them as well, leave an
// error on the stack, and not crash. Each variant first proves that native rejects it.
BOOST_AUTO_TEST_CASE(invalid_requests_fail_cleanly) {
    const MatrixCase c = small_case(5, "/M");  // a CSR int32 matrix of random shape
    const hsize_t rows = c.spec.rows;
    const hsize_t cols = c.spec.cols;
    BOOST_TEST_CONTEXT(c.description) {
        const TwinFiles files("h5sparse-invalid", [&](hid_t out) { write_matrix_case(out, c); });
        const H5Handle nat = open_native_file(files.native_path());
        const H5Handle twin = owned(H5Dopen2(nat.get(), c.dense_path.c_str(), H5P_DEFAULT), "open twin");
        const H5Handle conn = open_through_connector(files.connector_path());
        std::string error;
        const H5Handle vdset = try_open_dataset(conn.get(), virtual_dataset_path(c.options), &error);
        BOOST_REQUIRE_MESSAGE(vdset.valid(), "H5Dopen2 through the connector failed\n" << error);

        const hsize_t dims[2] = {rows, cols};
        auto dataset_space = [&] { return owned(H5Screate_simple(2, dims, nullptr), "H5Screate_simple"); };

        struct Variant {
            std::string name;
            H5Handle file_space;  // invalid handle: use file_id below
            hid_t file_id = H5I_INVALID_HID;
            H5Handle mem_space;
            hid_t mem_id = H5S_ALL;
            hid_t mem_type = H5T_NATIVE_DOUBLE;
            H5Handle owned_type;
            bool native_rejects = true;  // false: HDF5 itself wrongly accepts it (see the variant)
        };
        std::vector<Variant> variants;
        {
            Variant v;
            v.name = "hyperslab crossing the last row";
            v.file_space = dataset_space();
            const hsize_t start[2] = {rows - 1, 0};
            const hsize_t count[2] = {2, 1};
            check_status(H5Sselect_hyperslab(v.file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
                         "H5Sselect_hyperslab");
            v.mem_id = H5S_BLOCK;
            variants.push_back(std::move(v));
        }
        {
            Variant v;
            v.name = "hyperslab crossing the last column";
            v.file_space = dataset_space();
            const hsize_t start[2] = {0, cols - 1};
            const hsize_t count[2] = {1, 3};
            check_status(H5Sselect_hyperslab(v.file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
                         "H5Sselect_hyperslab");
            v.mem_id = H5S_BLOCK;
            variants.push_back(std::move(v));
        }
        {
            Variant v;
            v.name = "point beyond the last row";
            v.file_space = dataset_space();
            const hsize_t pts[4] = {0, 0, rows + 2, 0};
            check_status(H5Sselect_elements(v.file_space.get(), H5S_SELECT_SET, 2, pts), "H5Sselect_elements");
            v.mem_id = H5S_BLOCK;
            variants.push_back(std::move(v));
        }
        {
            // HDF5 1.14.5 accepts a point exactly one past the extent (H5S__point_is_valid compares
            // with > instead of >=) and a native read then goes past the end of the data. The
            // connector must not index past its arrays: it has to reject the selection.
            Variant v;
            v.name = "point one past the last column";
            v.native_rejects = false;
            v.file_space = dataset_space();
            const hsize_t pts[4] = {0, 0, 0, cols};
            check_status(H5Sselect_elements(v.file_space.get(), H5S_SELECT_SET, 2, pts), "H5Sselect_elements");
            v.mem_id = H5S_BLOCK;
            variants.push_back(std::move(v));
        }
        {
            Variant v;
            v.name = "block moved outside by H5Soffset_simple";
            v.file_space = dataset_space();
            const hsize_t start[2] = {0, 0};
            const hsize_t count[2] = {1, 1};
            check_status(H5Sselect_hyperslab(v.file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
                         "H5Sselect_hyperslab");
            const hssize_t offset[2] = {static_cast<hssize_t>(rows), 0};
            check_status(H5Soffset_simple(v.file_space.get(), offset), "H5Soffset_simple");
            v.mem_id = H5S_BLOCK;
            variants.push_back(std::move(v));
        }
        {
            Variant v;
            v.name = "H5S_BLOCK as file space";
            v.file_id = H5S_BLOCK;
            // Not H5S_BLOCK for memory too: native 1.14.5 then closes an uninitialised memory space
            // while failing (H5VL__native_dataset_io_cleanup) and crashes.
            v.mem_id = H5S_ALL;
            variants.push_back(std::move(v));
        }
        {
            Variant v;
            v.name = "memory selection smaller than the file selection";
            v.file_space = dataset_space();
            check_status(H5Sselect_all(v.file_space.get()), "H5Sselect_all");
            const hsize_t n[1] = {rows * cols > 1 ? rows * cols - 1 : 2};
            v.mem_space = owned(H5Screate_simple(1, n, nullptr), "H5Screate_simple");
            v.mem_id = v.mem_space.get();
            variants.push_back(std::move(v));
        }
        {
            Variant v;
            v.name = "memory type not convertible (string)";
            v.file_id = H5S_ALL;
            v.mem_id = H5S_ALL;
            v.owned_type = owned(H5Tcopy(H5T_C_S1), "H5Tcopy");
            check_status(H5Tset_size(v.owned_type.get(), 16), "H5Tset_size");
            v.mem_type = v.owned_type.get();
            variants.push_back(std::move(v));
        }

        for (Variant& v : variants) {
            const hid_t fid = v.file_space.valid() ? v.file_space.get() : v.file_id;
            const std::size_t bytes = (rows * cols + 16) * std::max<std::size_t>(16, H5Tget_size(v.mem_type));
            std::vector<std::byte> buf = sentinel_fill(bytes, 7);
            const std::vector<std::byte> before = buf;
            if (v.native_rejects) {
                herr_t native_status = 0;
                {
                    const QuietErrors quiet;
                    native_status = H5Dread(twin.get(), v.mem_type, v.mem_id, fid, H5P_DEFAULT, buf.data());
                }
                BOOST_CHECK_MESSAGE(native_status < 0,
                                    "native HDF5 accepts '" << v.name << "' (test bug: not an invalid request)");
                buf = before;
            }
            herr_t status = 0;
            std::string stack;
            {
                const QuietErrors quiet;
                status = H5Dread(vdset.get(), v.mem_type, v.mem_id, fid, H5P_DEFAULT, buf.data());
                stack = hdf5_error_text();
            }
            BOOST_CHECK_MESSAGE(status < 0, "connector accepted an invalid request: " << v.name);
            BOOST_CHECK_MESSAGE(status >= 0 || !stack.empty(),
                                "connector failed '" << v.name << "' with an empty error stack");
            BOOST_WARN_MESSAGE(status >= 0 || buf == before, "connector wrote to the buffer while failing: " << v.name);
        }
    }
}

// A successful open or read must not make HDF5 print an error stack on the way (a connector that
// probes with a public API call that fails, without silencing it, fills the user's terminal with
// HDF5-DIAG traces although everything worked).
BOOST_AUTO_TEST_CASE(successful_open_and_read_print_no_error_stack) {
    for (int index = 0; index < 32; index += 8) {  // CSR/CSC x anndata/h5sparse (see make_matrix_case)
        const MatrixCase c = small_case(index, "/M");
        BOOST_TEST_CONTEXT(c.description) {
            const TwinFiles files("h5sparse-quiet", [&](hid_t out) { write_matrix_case(out, c); });
            const H5Handle conn = open_through_connector(files.connector_path());
            std::string error;
            int reports = 0;
            const H5Handle vdset = try_open_dataset(conn.get(), virtual_dataset_path(c.options), &error, &reports);
            BOOST_REQUIRE_MESSAGE(vdset.valid(), "H5Dopen2 through the connector failed\n" << error);
            BOOST_CHECK_MESSAGE(reports == 0, "H5Dopen2(" << c.options.path << ") succeeded but HDF5 printed "
                                                          << reports
                                                          << " error stack(s) on the way (HDF5-DIAG noise on stderr)");
            const FileSelection all{SpaceArg::all_id(), c.spec.rows * c.spec.cols};
            const MemorySpace mem{SpaceArg::all_id(), c.spec.rows * c.spec.cols};
            const std::vector<std::byte> sentinel(mem.buffer_elements * sizeof(double));
            const ReadResult r = read_selection(vdset.get(), H5T_NATIVE_DOUBLE, mem, all, sentinel);
            BOOST_CHECK_MESSAGE(r.status >= 0, "H5Dread(H5S_ALL) through the connector failed\n" << r.error);
            BOOST_CHECK_MESSAGE(r.reports == 0,
                                "H5Dread succeeded but HDF5 printed " << r.reports << " error stack(s)");
        }
    }
}

// Stored types in the non-native byte order, read with narrowing conversions. A dense read
// converts with HDF5's "soft" routines, which in 1.14.5 disagree with the "hard" (native-order)
// ones the library uses otherwise:
//   - unsigned -> signed of the same size wraps instead of saturating
//     (uint32be 2481812922 -> int32 gives -1813154374; uint32 gives 2147483647);
//   - signed -> unsigned wraps negative values (int8be -28 -> uint8 gives 228, not 0);
//   - float -> integer turns some small negative fractions into the minimum
//     (float64be -0.125 -> int16 gives -32768, not 0).
// "Behaves exactly like a dense dataset" means the connector must give these results too, i.e.
// convert from the stored file type (not from its native form) to the memory type.
BOOST_AUTO_TEST_CASE(non_native_byte_order_conversions) {
    const hid_t stored[] = {H5T_STD_I8BE,  H5T_STD_U8BE,   H5T_STD_I16BE, H5T_STD_U32BE,
                            H5T_STD_I64BE, H5T_IEEE_F64BE, H5T_IEEE_F32BE};
    const hid_t memory[] = {H5T_NATIVE_INT8,   H5T_NATIVE_UINT8, H5T_NATIVE_INT16,  H5T_NATIVE_UINT16, H5T_NATIVE_INT32,
                            H5T_NATIVE_UINT32, H5T_NATIVE_INT64, H5T_NATIVE_UINT64, H5T_NATIVE_FLOAT};
    int matrix = 0;
    for (const hid_t stored_type : stored) {
        for (const Orientation orientation : {Orientation::csr, Orientation::csc}) {
            MatrixCase c;
            c.seed = derive_seed(edge_seed, static_cast<std::uint64_t>(1000 + matrix++));
            Rng rng(c.seed);
            c.spec.rows = 17;
            c.spec.cols = 23;
            c.spec.orientation = orientation;
            c.spec.value_type = stored_type;
            c.spec.density = 0.5;
            c.options.path = "/M";
            c.options.orientation = orientation;
            c.options.rows = c.spec.rows;
            c.options.cols = c.spec.cols;
            c.options.value_type = stored_type;
            c.dense_path = "/M_dense";
            c.entries = random_entries(rng, c.spec);
            // Values every conversion treats differently: fractions, small negatives, type extremes.
            for (std::size_t k = 0; k < c.entries.size(); k += 3) {
                static const double specials[] = {-0.125, -0.5,  0.875,  -1.0,         -28,          200,
                                                  -200,   40000, -40000, 2481812922.0, 4294967295.0, -2147483648.0};
                const double v = specials[(k / 3) % std::size(specials)];
                // Keep only values the stored type holds exactly.
                unsigned char buf[16] = {};
                std::memcpy(buf, &v, sizeof v);
                check_status(H5Tconvert(H5T_NATIVE_DOUBLE, stored_type, 1, buf, nullptr, H5P_DEFAULT), "H5Tconvert");
                check_status(H5Tconvert(stored_type, H5T_NATIVE_DOUBLE, 1, buf, nullptr, H5P_DEFAULT), "H5Tconvert");
                double back = 0;
                std::memcpy(&back, buf, sizeof back);
                if (back == v) c.entries[k].value = v;
            }
            c.reference = dense_reference(c.spec.rows, c.spec.cols, c.entries);
            c.description = std::string(to_string(orientation)) + " " + type_name(stored_type) + " seed=" + hex(c.seed);
            BOOST_TEST_CONTEXT(c.description) {
                const TwinFiles files("h5sparse-byteorder", [&](hid_t out) { write_matrix_case(out, c); });
                const H5Handle nat = open_native_file(files.native_path());
                const H5Handle twin = owned(H5Dopen2(nat.get(), c.dense_path.c_str(), H5P_DEFAULT), "open twin");
                const H5Handle conn = open_through_connector(files.connector_path());
                std::string error;
                const H5Handle vdset = try_open_dataset(conn.get(), virtual_dataset_path(c.options), &error);
                BOOST_REQUIRE_MESSAGE(vdset.valid(), "H5Dopen2 through the connector failed\n" << error);
                for (const hid_t mem_type : memory) {
                    const FileSelection all{SpaceArg::all_id(), c.spec.rows * c.spec.cols};
                    const MemorySpace mem{SpaceArg::all_id(), c.spec.rows * c.spec.cols};
                    const std::size_t elem = H5Tget_size(mem_type);
                    const std::vector<std::byte> sentinel = sentinel_fill(mem.buffer_elements * elem, c.seed);
                    const ExpectedRead expected = expected_read(reference_bytes(c.reference, stored_type, mem_type),
                                                                elem, all, mem, c.spec.rows, c.spec.cols, sentinel);
                    const ReadResult native = read_selection(twin.get(), mem_type, mem, all, sentinel);
                    BOOST_REQUIRE_MESSAGE(native.status >= 0, "native read failed\n" << native.error);
                    const std::string oracle_diff =
                        describe_differences(expected, native.buffer, mem_type, c.spec.cols);
                    ReadStats::get().count_oracle(oracle_diff.empty());
                    BOOST_CHECK_MESSAGE(oracle_diff.empty(), "ORACLE disagrees with native (test bug), memory type "
                                                                 << type_name(mem_type) << "\n  " << oracle_diff);
                    const ReadResult got = read_selection(vdset.get(), mem_type, mem, all, sentinel);
                    const std::string diff = got.status < 0
                                                 ? "read failed\n" + got.error
                                                 : describe_differences(expected, got.buffer, mem_type, c.spec.cols, 4);
                    ReadStats::get().count_connector(diff.empty());
                    BOOST_CHECK_MESSAGE(diff.empty(), "connector converts " << type_name(stored_type) << " -> "
                                                                            << type_name(mem_type)
                                                                            << " unlike a dense read\n  " << diff);
                }
            }
        }
    }
}

// Matrices with a zero dimension: HDF5 allows 0-sized dataspaces, so the connector should present
// them as 0 x N / N x 0 datasets that read nothing.
BOOST_AUTO_TEST_CASE(zero_sized_matrices) {
    const std::uint64_t shapes[][2] = {{0, 5}, {5, 0}, {0, 0}};
    for (const auto& shape : shapes)
        for (const Orientation orientation : {Orientation::csr, Orientation::csc})
            for (const Convention convention : {Convention::anndata, Convention::h5sparse}) {
                SparseGroupOptions o;
                o.path = "/Z";
                o.convention = convention;
                o.orientation = orientation;
                o.rows = shape[0];
                o.cols = shape[1];
                o.value_type = H5T_NATIVE_FLOAT;
                o.chunked = shape[0] == 0;  // both layouts of empty components
                BOOST_TEST_CONTEXT(shape[0] << "x" << shape[1] << " " << to_string(orientation) << " "
                                            << to_string(convention)) {
                    const TwinFiles files("h5sparse-zero", [&](hid_t out) {
                        write_sparse_group(out, o, {});
                        write_dense_twin(out, "/Z_dense", o.value_type, o.rows, o.cols, {});
                    });
                    const H5Handle nat = open_native_file(files.native_path());
                    const H5Handle twin = owned(H5Dopen2(nat.get(), "/Z_dense", H5P_DEFAULT), "open twin");
                    const H5Handle conn = open_through_connector(files.connector_path());
                    std::string error;
                    const H5Handle vdset = try_open_dataset(conn.get(), o.path, &error);
                    BOOST_CHECK_MESSAGE(vdset.valid(), "H5Dopen2 of a zero-sized matrix through the connector failed\n"
                                                           << error);
                    if (!vdset.valid()) continue;
                    const H5Handle space = owned(H5Dget_space(vdset.get()), "H5Dget_space");
                    hsize_t dims[2] = {99, 99};
                    BOOST_CHECK_EQUAL(H5Sget_simple_extent_ndims(space.get()), 2);
                    H5Sget_simple_extent_dims(space.get(), dims, nullptr);
                    BOOST_CHECK_EQUAL(dims[0], o.rows);
                    BOOST_CHECK_EQUAL(dims[1], o.cols);
                    for (const hid_t dset : {twin.get(), vdset.get()}) {
                        const char* who = dset == twin.get() ? "native" : "connector";
                        float buf[4] = {7, 7, 7, 7};
                        const QuietErrors quiet;
                        const herr_t all = H5Dread(dset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
                        BOOST_CHECK_MESSAGE(all >= 0, who << " H5S_ALL read failed\n" << hdf5_error_text());
                        const herr_t block = H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_BLOCK, H5S_ALL, H5P_DEFAULT, buf);
                        BOOST_CHECK_MESSAGE(block >= 0, who << " H5S_BLOCK read failed\n" << hdf5_error_text());
                        BOOST_CHECK(buf[0] == 7 && buf[3] == 7);
                    }
                }
            }
}

// /M as a sparse group and /M_dense as its dense twin (written from `dense`), in twin files
// opened natively (`twin`) and through the connector (`vdset`).
struct SparseAndDenseTwin {
    SparseAndDenseTwin(const char* name, const SparseGroupOptions& o, const std::vector<Triplet>& entries,
                       const std::vector<double>& dense)
        : files(name,
                [&](hid_t out) {
                    write_sparse_group(out, o, entries);
                    write_dense_twin(out, "/M_dense", o.value_type, o.rows, o.cols, dense);
                }),
          native(open_native_file(files.native_path())),
          twin(owned(H5Dopen2(native.get(), "/M_dense", H5P_DEFAULT), "open twin")),
          connector(open_through_connector(files.connector_path())),
          vdset(owned(H5Dopen2(connector.get(), o.path.c_str(), H5P_DEFAULT), "open through the connector")) {}
    TwinFiles files;
    H5Handle native, twin, connector, vdset;
};

// Reads larger than one batch of the connector (256 Ki elements), where later batches reuse what
// earlier ones loaded: a CSC read crosses its columns in strips of rows, a CSR read of a column
// window crosses its rows in strips. Compared with native reads of the dense twin.
BOOST_AUTO_TEST_CASE(reads_spanning_many_batches) {
    constexpr std::uint64_t rows = 3000, cols = 300;  // 900,000 elements: 4 batches
    Rng rng(edge_seed ^ 0xBA7C4E5ULL);
    for (const Orientation orientation : {Orientation::csr, Orientation::csc}) {
        std::vector<Triplet> entries;
        std::vector<double> dense(rows * cols, 0.0);
        auto add = [&](std::uint64_t r, std::uint64_t c) {
            const double v = double(rng.uniform(1, 1000));
            entries.push_back({r, c, v});
            dense[r * cols + c] = v;
        };
        if (orientation == Orientation::csr) {
            for (std::uint64_t r = 0; r < rows; ++r)
                for (std::uint64_t c = 0; c < cols; ++c)
                    if (rng.chance(0.03)) add(r, c);
        } else {
            for (std::uint64_t c = 0; c < cols; ++c)
                for (std::uint64_t r = 0; r < rows; ++r)
                    if (rng.chance(0.03)) add(r, c);
        }
        SparseGroupOptions o;
        o.path = "/M";
        o.orientation = orientation;
        o.rows = rows;
        o.cols = cols;
        o.value_type = H5T_NATIVE_INT32;
        const SparseAndDenseTwin m("h5sparse-batches", o, entries, dense);
        struct Block {
            hsize_t start[2], count[2], stride[2];
        };
        const Block blocks[] = {{{0, 0}, {rows, cols}, {1, 1}},        // everything
                                {{0, 40}, {rows, 220}, {1, 1}},        // a column window, all rows
                                {{500, 0}, {2200, cols}, {1, 1}},      // a row window, all columns
                                {{7, 3}, {1400, 140}, {2, 2}}};        // strided both ways
        for (const Block& b : blocks) {
            for (const hid_t mem_type : {H5T_NATIVE_INT32, H5T_NATIVE_DOUBLE}) {  // direct, and converted
                BOOST_TEST_CONTEXT(to_string(orientation) << " block at " << b.start[0] << "," << b.start[1] << " of "
                                                          << b.count[0] << "x" << b.count[1] << ", "
                                                          << type_name(mem_type)) {
                    const hsize_t n = b.count[0] * b.count[1];
                    std::vector<double> got(n, -1), want(n, -2);
                    std::vector<std::int32_t> got_int(n, -1), want_int(n, -2);
                    for (const hid_t dset : {m.twin.get(), m.vdset.get()}) {
                        const H5Handle space = owned(H5Dget_space(dset), "space");
                        check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, b.start, b.stride, b.count,
                                                         nullptr),
                                     "select");
                        const H5Handle mem = owned(H5Screate_simple(2, b.count, nullptr), "mem space");
                        void* buf = mem_type == H5T_NATIVE_DOUBLE
                                        ? static_cast<void*>(dset == m.twin.get() ? want.data() : got.data())
                                        : static_cast<void*>(dset == m.twin.get() ? want_int.data() : got_int.data());
                        check_status(H5Dread(dset, mem_type, mem.get(), space.get(), H5P_DEFAULT, buf), "read");
                    }
                    if (mem_type == H5T_NATIVE_DOUBLE) BOOST_TEST((got == want));
                    else BOOST_TEST((got_int == want_int));
                }
            }
        }
    }
}

// Whole columns of a CSC (and whole rows of a CSR, its transpose) longer than one window of
// stored entries (the connector reads 64 Ki at a time, in pieces): values are stored directly
// while a column's indices rise and added from its first repeat or step back on, also where the
// repeat is the first entry of the next piece; a CSR's rows are zeroed as the read reaches them,
// once, before the first piece. Column 0 rises except for one repeat straddling the cut; column
// 1 steps back at its start, then rises, and repeats earlier rows in its last entries.
BOOST_AUTO_TEST_CASE(duplicates_sum_across_the_pieces_of_a_long_column) {
    constexpr std::uint64_t length = 300000, across = 3, stored = 270000, cut = std::uint64_t{1} << 18;
    for (const Orientation orientation : {Orientation::csc, Orientation::csr}) {
        const bool csc = orientation == Orientation::csc;
        const std::uint64_t rows = csc ? length : across, cols = csc ? across : length;
        std::vector<Triplet> entries;
        std::vector<double> dense(rows * cols, 0.0);
        // Entry k of primary p (a CSC column, a CSR row) at secondary position s.
        auto add = [&](std::uint64_t s, std::uint64_t p, double v) {
            const std::uint64_t r = csc ? s : p, c = csc ? p : s;
            entries.push_back({r, c, v});
            dense[r * cols + c] += v;  // duplicates sum, as scipy's toarray()
        };
        for (std::uint64_t k = 0; k < stored; ++k) add(k == cut ? cut - 1 : k, 0, double(k % 997 + 1));
        add(10, 1, 3.0);
        add(5, 1, 4.0);
        for (std::uint64_t k = 11; k < stored - 1000; ++k) add(k, 1, double(k % 991 + 1));
        for (std::uint64_t k = 0; k < 998; ++k) add(100 + k, 1, 0.5);
        add(7, 2, 2.0);
        add(7, 2, 5.0);
        SparseGroupOptions o;
        o.path = "/M";
        o.orientation = orientation;
        o.rows = rows;
        o.cols = cols;
        BOOST_TEST_CONTEXT(to_string(orientation)) {
            const SparseAndDenseTwin m(csc ? "h5sparse-long-columns" : "h5sparse-long-rows", o, entries, dense);
            std::vector<double> got(rows * cols, -1), want(rows * cols, -2);
            check_status(H5Dread(m.twin.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, want.data()),
                         "read twin");
            check_status(H5Dread(m.vdset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, got.data()), "read");
            BOOST_TEST((want == dense));
            BOOST_TEST((got == want));
            auto at = [&](std::uint64_t s, std::uint64_t p) { return got[csc ? s * cols + p : p * cols + s]; };
            BOOST_TEST(at(cut - 1, 0) == double((cut - 1) % 997 + 1) + double(cut % 997 + 1));
            BOOST_TEST(at(100, 1) == double(100 % 991 + 1) + 0.5);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
