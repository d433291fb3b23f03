#include "support/read_oracle.hpp"

#include "support/random.hpp"
#include "support/selection_order.hpp"
#include "support/type_text.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace h5sparse_test {
namespace {

std::vector<hsize_t> identity(hsize_t n) {
    std::vector<hsize_t> v(n);
    std::iota(v.begin(), v.end(), hsize_t{0});
    return v;
}

std::vector<hsize_t> file_order(const FileSelection& file, hsize_t rows, hsize_t cols) {
    return file.arg.is_all_id() ? identity(rows * cols) : selection_order(file.arg.id());
}

std::vector<hsize_t> memory_order(const MemorySpace& mem, const FileSelection& file, hsize_t rows, hsize_t cols) {
    if (mem.arg.is_all_id())  // the file space stands in for the memory space
        return file_order(file, rows, cols);
    if (mem.arg.is_block_id())  // a 1-D buffer of exactly npoints elements
        return identity(file.npoints);
    return selection_order(mem.arg.id());
}

}  // namespace

std::vector<std::byte> sentinel_fill(std::size_t bytes, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<std::byte> buf(bytes);
    for (std::size_t i = 0; i < bytes; i += 8) {
        const std::uint64_t v = rng.next();
        std::memcpy(buf.data() + i, &v, std::min<std::size_t>(8, bytes - i));
    }
    return buf;
}

ExpectedRead expected_read(std::span<const std::byte> reference, std::size_t elem_size, const FileSelection& file,
                           const MemorySpace& mem, hsize_t rows, hsize_t cols, std::span<const std::byte> sentinel) {
    if (reference.size() != rows * cols * elem_size)
        throw std::invalid_argument("expected_read: reference size does not match the shape");
    if (sentinel.size() != mem.buffer_elements * elem_size)
        throw std::invalid_argument("expected_read: sentinel size does not match the memory space");
    const std::vector<hsize_t> from = file_order(file, rows, cols);
    const std::vector<hsize_t> to = memory_order(mem, file, rows, cols);
    if (from.size() != to.size() || from.size() != file.npoints)
        throw std::logic_error("expected_read: file and memory selections differ in size (" +
                               std::to_string(from.size()) + " vs " + std::to_string(to.size()) + "): file " +
                               file.description() + "; memory " + mem.description());
    ExpectedRead e;
    e.buffer.assign(sentinel.begin(), sentinel.end());
    e.source.assign(mem.buffer_elements, -1);
    for (std::size_t k = 0; k < from.size(); ++k) {
        if (to[k] >= mem.buffer_elements || from[k] >= rows * cols)
            throw std::logic_error("expected_read: selection outside its extent");
        std::memcpy(e.buffer.data() + to[k] * elem_size, reference.data() + from[k] * elem_size, elem_size);
        e.source[to[k]] = static_cast<std::int64_t>(from[k]);
    }
    return e;
}

std::string describe_differences(const ExpectedRead& expected, std::span<const std::byte> actual, hid_t mem_type,
                                 hsize_t cols, std::size_t max_reported) {
    if (actual.size() == expected.buffer.size() &&
        (actual.empty() || std::memcmp(actual.data(), expected.buffer.data(), actual.size()) == 0))
        return {};
    if (actual.size() != expected.buffer.size())
        return "buffer sizes differ: " + std::to_string(actual.size()) + " vs " +
               std::to_string(expected.buffer.size());
    const std::size_t elem = H5Tget_size(mem_type);
    std::ostringstream out;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < expected.source.size(); ++i) {
        const std::byte* want = expected.buffer.data() + i * elem;
        const std::byte* got = actual.data() + i * elem;
        if (std::memcmp(want, got, elem) == 0) continue;
        if (++differing > max_reported) continue;
        out << "\n  buffer[" << i << "]: ";
        if (expected.source[i] < 0) {
            out << "must be untouched (" << format_element(mem_type, want) << ")";
        } else {
            const auto src = static_cast<hsize_t>(expected.source[i]);
            out << "dataset(" << src / cols << "," << src % cols << ") = " << format_element(mem_type, want);
        }
        out << ", got " << format_element(mem_type, got);
    }
    std::ostringstream head;
    head << differing << " of " << expected.source.size() << " buffer elements differ:" << out.str();
    if (differing > max_reported) head << "\n  ...";
    return head.str();
}

}  // namespace h5sparse_test
