#include "support/random_selection.hpp"

#include "support/selection_order.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace h5sparse_test {
namespace {

std::string join(const hsize_t* v, int n) {
    std::ostringstream out;
    out << "(";
    for (int i = 0; i < n; ++i) out << (i != 0 ? "," : "") << v[i];
    out << ")";
    return out.str();
}

const char* op_name(H5S_seloper_t op) {
    switch (op) {
        case H5S_SELECT_SET:
            return "SET";
        case H5S_SELECT_OR:
            return "OR";
        case H5S_SELECT_AND:
            return "AND";
        case H5S_SELECT_XOR:
            return "XOR";
        case H5S_SELECT_NOTB:
            return "NOTB";
        case H5S_SELECT_NOTA:
            return "NOTA";
        default:
            return "?";
    }
}

H5Handle simple_space(int rank, const hsize_t* dims) {
    return owned(H5Screate_simple(rank, dims, nullptr), "H5Screate_simple");
}

std::string select_slab(hid_t space, H5S_seloper_t op, int rank, const hsize_t* start, const hsize_t* stride,
                        const hsize_t* count, const hsize_t* block) {
    check_status(H5Sselect_hyperslab(space, op, start, stride, count, block), "H5Sselect_hyperslab");
    std::ostringstream out;
    out << op_name(op) << " start=" << join(start, rank);
    if (stride != nullptr) out << " stride=" << join(stride, rank);
    out << " count=" << join(count, rank);
    if (block != nullptr) out << " block=" << join(block, rank);
    return out.str();
}

// A random divisor of n (n > 0).
hsize_t random_divisor(Rng& rng, hsize_t n) {
    std::vector<hsize_t> divisors;
    for (hsize_t d = 1; d * d <= n; ++d)
        if (n % d == 0) {
            divisors.push_back(d);
            if (d != n / d) divisors.push_back(n / d);
        }
    std::sort(divisors.begin(), divisors.end());
    return divisors[static_cast<std::size_t>(rng.uniform(0, divisors.size() - 1))];
}

// One dimension of a regular hyperslab inside [0, dim): start, stride, count, block.
struct Dim {
    hsize_t start, stride, count, block;
};

Dim random_dim(Rng& rng, hsize_t dim, bool allow_stride) {
    Dim d{};
    if (!allow_stride || rng.chance(0.3)) {
        d.block = rng.uniform(1, dim);
        d.start = rng.uniform(0, dim - d.block);
        d.stride = 1;
        d.count = 1;
        return d;
    }
    d.block = rng.uniform(1, std::max<hsize_t>(1, dim / 3));
    d.stride = rng.uniform(d.block, std::max<hsize_t>(d.block, dim / 2 + 1));
    d.start = rng.uniform(0, dim - d.block);
    const hsize_t max_count = (dim - d.start - d.block) / d.stride + 1;
    d.count = rng.uniform(1, max_count);
    return d;
}

std::string points_description(const std::vector<hsize_t>& coords, hsize_t n) {
    std::ostringstream out;
    out << "points(" << n << "):";
    const hsize_t shown = std::min<hsize_t>(n, 64);
    for (hsize_t i = 0; i < shown; ++i) out << " (" << coords[2 * i] << "," << coords[2 * i + 1] << ")";
    if (shown < n) out << " ...";
    return out.str();
}

}  // namespace

SpaceArg SpaceArg::all_id() {
    SpaceArg a;
    a.special_ = H5S_ALL;
    a.description_ = "H5S_ALL";
    return a;
}

SpaceArg SpaceArg::block_id() {
    SpaceArg a;
    a.special_ = H5S_BLOCK;
    a.description_ = "H5S_BLOCK";
    return a;
}

SpaceArg SpaceArg::owned_space(H5Handle space, std::string description) {
    SpaceArg a;
    a.special_ = H5I_INVALID_HID;
    a.space_ = std::move(space);
    a.description_ = std::move(description);
    return a;
}

const char* to_string(FileSelectionKind kind) {
    switch (kind) {
        case FileSelectionKind::all_id:
            return "all_id";
        case FileSelectionKind::select_all:
            return "select_all";
        case FileSelectionKind::single_block:
            return "single_block";
        case FileSelectionKind::single_element:
            return "single_element";
        case FileSelectionKind::row_band:
            return "row_band";
        case FileSelectionKind::column_band:
            return "column_band";
        case FileSelectionKind::strided_blocked:
            return "strided_blocked";
        case FileSelectionKind::union_of_slabs:
            return "union_of_slabs";
        case FileSelectionKind::combination:
            return "combination";
        case FileSelectionKind::index_lists:
            return "index_lists";
        case FileSelectionKind::points:
            return "points";
        case FileSelectionKind::none:
            return "none";
        case FileSelectionKind::count_:
            break;
    }
    return "?";
}

std::string select_random_slab(Rng& rng, hid_t space, H5S_seloper_t op, int rank, const hsize_t* dims,
                               bool allow_stride) {
    std::vector<hsize_t> start(static_cast<std::size_t>(rank)), stride(start), count(start), block(start);
    for (std::size_t i = 0; i < start.size(); ++i) {
        const Dim d = random_dim(rng, dims[i], allow_stride);
        start[i] = d.start;
        stride[i] = d.stride;
        count[i] = d.count;
        block[i] = d.block;
    }
    return select_slab(space, op, rank, start.data(), stride.data(), count.data(), block.data());
}

FileSelection make_file_selection(Rng& rng, FileSelectionKind kind, hsize_t rows, hsize_t cols) {
    if (kind == FileSelectionKind::all_id) return FileSelection{SpaceArg::all_id(), rows * cols};

    const hsize_t dims[2] = {rows, cols};
    H5Handle space = simple_space(2, dims);
    const hid_t s = space.get();
    std::string text;
    switch (kind) {
        case FileSelectionKind::select_all:
            check_status(H5Sselect_all(s), "H5Sselect_all");
            text = "select_all";
            break;
        case FileSelectionKind::single_block: {
            const Dim r = random_dim(rng, rows, false);
            const Dim c = random_dim(rng, cols, false);
            const hsize_t start[2] = {r.start, c.start};
            const hsize_t size[2] = {r.block, c.block};
            const hsize_t one[2] = {1, 1};
            // The same block written as one block of that size, or as that many 1x1 blocks.
            text = rng.chance(0.5) ? select_slab(s, H5S_SELECT_SET, 2, start, nullptr, one, size)
                                   : select_slab(s, H5S_SELECT_SET, 2, start, nullptr, size, nullptr);
            break;
        }
        case FileSelectionKind::single_element: {
            const hsize_t at[2] = {rng.uniform(0, rows - 1), rng.uniform(0, cols - 1)};
            if (rng.chance(0.5)) {
                const hsize_t one[2] = {1, 1};
                text = select_slab(s, H5S_SELECT_SET, 2, at, nullptr, one, nullptr);
            } else {
                check_status(H5Sselect_elements(s, H5S_SELECT_SET, 1, at), "H5Sselect_elements");
                text = points_description({at[0], at[1]}, 1);
            }
            break;
        }
        case FileSelectionKind::row_band:
        case FileSelectionKind::column_band: {
            const bool by_row = kind == FileSelectionKind::row_band;
            const hsize_t along = by_row ? rows : cols;
            const hsize_t n = rng.chance(0.4) ? 1 : rng.uniform(1, along);
            const hsize_t first = rng.uniform(0, along - n);
            const hsize_t start[2] = {by_row ? first : 0, by_row ? 0 : first};
            const hsize_t count[2] = {by_row ? n : rows, by_row ? cols : n};
            text = select_slab(s, H5S_SELECT_SET, 2, start, nullptr, count, nullptr);
            break;
        }
        case FileSelectionKind::strided_blocked:
            text = select_random_slab(rng, s, H5S_SELECT_SET, 2, dims, true);
            break;
        case FileSelectionKind::union_of_slabs: {
            const auto n = rng.uniform(2, 5);
            for (std::uint64_t i = 0; i < n; ++i) {
                text += (i != 0 ? " | " : "") +
                        select_random_slab(rng, s, i == 0 ? H5S_SELECT_SET : H5S_SELECT_OR, 2, dims, rng.chance(0.5));
            }
            break;
        }
        case FileSelectionKind::combination: {
            static const H5S_seloper_t ops[] = {H5S_SELECT_OR, H5S_SELECT_AND, H5S_SELECT_XOR, H5S_SELECT_NOTB,
                                                H5S_SELECT_NOTA};
            text = select_random_slab(rng, s, H5S_SELECT_SET, 2, dims, rng.chance(0.5));
            const auto n = rng.uniform(1, 4);
            for (std::uint64_t i = 0; i < n; ++i) {
                const H5S_seloper_t op = rng.pick(ops);  // drawn before the stride flag: argument order is unspecified
                text += " | " + select_random_slab(rng, s, op, 2, dims, rng.chance(0.5));
            }
            break;
        }
        case FileSelectionKind::index_lists: {
            // What h5py sends for X[:, [3, 7, 8]] or a boolean mask: one slab per index (here per
            // run of the list on each axis), OR-ed; either axis may be whole.
            auto pick = [&](hsize_t along) {
                std::vector<hsize_t> list;
                const bool whole = rng.chance(0.25);
                const double keep = whole ? 1.0 : rng.chance(0.5) ? 0.05 : 0.5;
                for (hsize_t i = 0; i < along; ++i)
                    if (whole || rng.chance(keep)) list.push_back(i);
                if (list.empty()) list.push_back(rng.uniform(0, along - 1));
                std::vector<std::pair<hsize_t, hsize_t>> runs;  // (first, length)
                for (hsize_t i : list) {
                    if (!runs.empty() && runs.back().first + runs.back().second == i)
                        ++runs.back().second;
                    else
                        runs.emplace_back(i, 1);
                }
                return runs;
            };
            const auto row_runs = pick(rows), col_runs = pick(cols);
            bool first = true;
            for (const auto& [r, nr] : row_runs)
                for (const auto& [c, nc] : col_runs) {
                    const hsize_t start[2] = {r, c}, count[2] = {nr, nc};
                    check_status(H5Sselect_hyperslab(s, first ? H5S_SELECT_SET : H5S_SELECT_OR, start, nullptr, count,
                                                     nullptr),
                                 "H5Sselect_hyperslab");
                    first = false;
                }
            text = std::to_string(row_runs.size()) + " row runs x " + std::to_string(col_runs.size()) + " column runs";
            break;
        }
        case FileSelectionKind::points: {
            const hsize_t n = rng.uniform(1, std::min<hsize_t>(300, 3 * rows * cols));
            std::vector<hsize_t> coords;
            coords.reserve(2 * n);
            for (hsize_t i = 0; i < n; ++i) {
                if (i > 0 && rng.chance(0.1)) {  // an explicit repeat of an earlier point
                    const hsize_t j = rng.uniform(0, i - 1);
                    coords.push_back(coords[2 * j]);
                    coords.push_back(coords[2 * j + 1]);
                } else {
                    coords.push_back(rng.uniform(0, rows - 1));
                    coords.push_back(rng.uniform(0, cols - 1));
                }
            }
            check_status(H5Sselect_elements(s, H5S_SELECT_SET, n, coords.data()), "H5Sselect_elements");
            text = points_description(coords, n);
            break;
        }
        case FileSelectionKind::none:
            check_status(H5Sselect_none(s), "H5Sselect_none");
            text = "none";
            break;
        case FileSelectionKind::all_id:
        case FileSelectionKind::count_:
            throw std::invalid_argument("make_file_selection: bad kind");
    }
    const hssize_t npoints = H5Sget_select_npoints(s);
    if (npoints < 0) throw std::runtime_error("H5Sget_select_npoints failed");
    return FileSelection{SpaceArg::owned_space(std::move(space), std::string(to_string(kind)) + ": " + text),
                         static_cast<hsize_t>(npoints)};
}

FileSelection random_file_selection(Rng& rng, hsize_t rows, hsize_t cols) {
    // Weights: the irregular kinds find the most bugs, the trivial ones still need coverage.
    static const FileSelectionKind weighted[] = {
        FileSelectionKind::all_id,         FileSelectionKind::select_all,      FileSelectionKind::single_block,
        FileSelectionKind::single_block,   FileSelectionKind::single_element,  FileSelectionKind::row_band,
        FileSelectionKind::column_band,    FileSelectionKind::strided_blocked, FileSelectionKind::strided_blocked,
        FileSelectionKind::union_of_slabs, FileSelectionKind::union_of_slabs,  FileSelectionKind::union_of_slabs,
        FileSelectionKind::combination,    FileSelectionKind::combination,     FileSelectionKind::index_lists,
        FileSelectionKind::index_lists,    FileSelectionKind::index_lists,     FileSelectionKind::points,
        FileSelectionKind::points,         FileSelectionKind::points,          FileSelectionKind::none,
    };
    return make_file_selection(rng, rng.pick(weighted), rows, cols);
}

namespace {

enum class MemKind {
    all_id,
    block_id,
    contiguous_1d,
    block_2d,
    strided_2d,
    strided_3d,
    points_2d,
    irregular_rows,
    side_by_side,
    scalar,
    null_space,
    none_2d,
};

MemorySpace owned_memory(H5Handle space, std::string text) {
    const hsize_t elements = extent_elements(space.get());
    return MemorySpace{SpaceArg::owned_space(std::move(space), std::move(text)), elements};
}

MemorySpace memory_contiguous_1d(Rng& rng, hsize_t n) {
    const hsize_t before = rng.uniform(0, 5);
    const hsize_t extent = before + n + rng.uniform(0, 5);
    const hsize_t dims[1] = {std::max<hsize_t>(extent, 1)};
    H5Handle space = simple_space(1, dims);
    std::string text = "1-D extent=" + join(dims, 1) + " ";
    if (n == 0) {
        check_status(H5Sselect_none(space.get()), "H5Sselect_none");
        text += "none";
    } else {
        const hsize_t start[1] = {before};
        const hsize_t count[1] = {n};
        text += select_slab(space.get(), H5S_SELECT_SET, 1, start, nullptr, count, nullptr);
    }
    return owned_memory(std::move(space), std::move(text));
}

// An rank-d regular hyperslab of exactly n elements (n > 0), with optional strides and blocks,
// placed at a random offset inside a larger extent.
MemorySpace memory_regular(Rng& rng, hsize_t n, int rank, bool strided) {
    std::vector<hsize_t> sizes(static_cast<std::size_t>(rank));
    hsize_t rest = n;
    for (int d = 0; d + 1 < rank; ++d) {
        sizes[static_cast<std::size_t>(d)] = random_divisor(rng, rest);
        rest /= sizes[static_cast<std::size_t>(d)];
    }
    sizes.back() = rest;
    std::vector<hsize_t> start(sizes.size()), stride(sizes.size()), count(sizes.size()), block(sizes.size()),
        dims(sizes.size());
    for (std::size_t d = 0; d < sizes.size(); ++d) {
        block[d] = strided ? random_divisor(rng, sizes[d]) : sizes[d];
        count[d] = sizes[d] / block[d];
        stride[d] = strided ? block[d] + rng.uniform(0, 2) : 1;
        start[d] = rng.uniform(0, 3);
        dims[d] = start[d] + (count[d] - 1) * stride[d] + block[d] + rng.uniform(0, 3);
    }
    // Padding in every dimension multiplies: keep the buffer within a few times n by dropping
    // the padding (and the gaps outside the last dimension) when it grows too large.
    const hsize_t total = std::accumulate(dims.begin(), dims.end(), hsize_t{1}, std::multiplies<>());
    if (total > std::max<hsize_t>(8 * n, 4096)) {
        for (std::size_t d = 0; d < sizes.size(); ++d) {
            start[d] = 0;
            if (d + 1 < sizes.size()) stride[d] = block[d];
            dims[d] = (count[d] - 1) * stride[d] + block[d];
        }
    }
    H5Handle space = simple_space(rank, dims.data());
    std::string text =
        std::to_string(rank) + "-D extent=" + join(dims.data(), rank) + " " +
        select_slab(space.get(), H5S_SELECT_SET, rank, start.data(), stride.data(), count.data(), block.data());
    return owned_memory(std::move(space), std::move(text));
}

MemorySpace memory_points(Rng& rng, hsize_t n) {
    const hsize_t width = rng.uniform(1, std::max<hsize_t>(1, std::min<hsize_t>(n, 40)));
    const hsize_t height = (n + width - 1) / width + rng.uniform(0, 3);
    const hsize_t dims[2] = {height, width};
    std::vector<hsize_t> all(height * width);
    std::iota(all.begin(), all.end(), hsize_t{0});
    rng.shuffle(all.begin(), all.end());
    std::vector<hsize_t> coords;
    coords.reserve(2 * n);
    for (hsize_t i = 0; i < n; ++i) {
        coords.push_back(all[i] / width);
        coords.push_back(all[i] % width);
    }
    H5Handle space = simple_space(2, dims);
    check_status(H5Sselect_elements(space.get(), H5S_SELECT_SET, n, coords.data()), "H5Sselect_elements");
    return owned_memory(std::move(space), "2-D extent=" + join(dims, 2) + " distinct " + points_description(coords, n));
}

// Rows of a 2-D extent, each holding 1-3 disjoint segments at varying columns: an irregular
// hyperslab union whose row-major order interleaves the slabs.
MemorySpace memory_irregular_rows(Rng& rng, hsize_t n) {
    const hsize_t width = std::max<hsize_t>(rng.uniform(3, 16), n / 150 + 1);
    std::vector<std::vector<std::pair<hsize_t, hsize_t>>> rows;  // (start, length) per row
    hsize_t left = n;
    while (left > 0) {
        // Three segments need at least two gaps, so a row holds at most width - 2 elements.
        const hsize_t take = std::min(left, rng.uniform(1, width - 2));
        const auto segments = std::min<hsize_t>(take, rng.uniform(1, 3));
        // Split `take` into `segments` positive lengths, then spread them with gaps >= 1.
        std::vector<hsize_t> lengths(segments, 1);
        for (hsize_t extra = take - segments; extra > 0; --extra)
            ++lengths[static_cast<std::size_t>(rng.uniform(0, segments - 1))];
        hsize_t slack = width - take - (segments - 1);
        std::vector<std::pair<hsize_t, hsize_t>> row;
        hsize_t col = 0;
        for (hsize_t k = 0; k < segments; ++k) {
            const hsize_t gap = rng.uniform(0, slack);
            slack -= gap;
            col += gap + (k > 0 ? 1 : 0);
            row.emplace_back(col, lengths[k]);
            col += lengths[k];
        }
        rows.push_back(std::move(row));
        left -= take;
    }
    const hsize_t first_row = rng.uniform(0, 2);
    const hsize_t dims[2] = {first_row + rows.size() + rng.uniform(0, 2), width};
    H5Handle space = simple_space(2, dims);
    std::ostringstream text;
    text << "2-D extent=" << join(dims, 2) << " irregular rows:";
    bool first = true;
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (const auto& [c, len] : rows[r]) {
            const hsize_t start[2] = {first_row + r, c};
            const hsize_t count[2] = {1, len};
            check_status(H5Sselect_hyperslab(space.get(), first ? H5S_SELECT_SET : H5S_SELECT_OR, start, nullptr, count,
                                             nullptr),
                         "H5Sselect_hyperslab");
            first = false;
            if (r < 16) text << " (" << start[0] << "," << c << ")x" << len;
        }
    if (rows.size() > 16) text << " ...";
    return owned_memory(std::move(space), text.str());
}

// Two blocks next to each other over the same rows (n = h * (wa + wb)): row-major order takes
// one row of the left block, then one of the right block, and so on.
MemorySpace memory_side_by_side(Rng& rng, hsize_t n) {
    const hsize_t h = random_divisor(rng, n);
    const hsize_t w = n / h;
    if (w < 2) return memory_regular(rng, n, 2, false);
    const hsize_t wa = rng.uniform(1, w - 1);
    const hsize_t wb = w - wa;
    const hsize_t gap = rng.uniform(1, 3);
    const hsize_t top = rng.uniform(0, 2);
    const hsize_t dims[2] = {top + h + rng.uniform(0, 2), wa + gap + wb + rng.uniform(0, 2)};
    H5Handle space = simple_space(2, dims);
    const hsize_t a_start[2] = {top, 0};
    const hsize_t a_count[2] = {h, wa};
    const hsize_t b_start[2] = {top, wa + gap};
    const hsize_t b_count[2] = {h, wb};
    // Add the right block first: the order of the OR must not matter.
    // Two statements: the operands of one + expression are evaluated in unspecified order.
    std::string text = "2-D extent=" + join(dims, 2) + " ";
    text += select_slab(space.get(), H5S_SELECT_SET, 2, b_start, nullptr, b_count, nullptr);
    text += " | " + select_slab(space.get(), H5S_SELECT_OR, 2, a_start, nullptr, a_count, nullptr);
    return owned_memory(std::move(space), std::move(text));
}

}  // namespace

MemorySpace random_memory_space(Rng& rng, const FileSelection& file, hsize_t rows, hsize_t cols) {
    const hsize_t n = file.npoints;
    std::vector<MemKind> kinds = {MemKind::all_id, MemKind::block_id, MemKind::contiguous_1d};
    if (n == 0) {
        kinds.insert(kinds.end(), {MemKind::null_space, MemKind::none_2d});
    } else {
        kinds.insert(kinds.end(),
                     {MemKind::block_2d, MemKind::strided_2d, MemKind::strided_2d, MemKind::strided_3d,
                      MemKind::points_2d, MemKind::irregular_rows, MemKind::irregular_rows, MemKind::side_by_side});
        if (n == 1) kinds.push_back(MemKind::scalar);
    }
    switch (rng.pick(std::span<const MemKind>(kinds))) {
        case MemKind::all_id:
            // Same extent and selection as the file space.
            return MemorySpace{SpaceArg::all_id(), rows * cols};
        case MemKind::block_id:
            return MemorySpace{SpaceArg::block_id(), n};
        case MemKind::contiguous_1d:
            return memory_contiguous_1d(rng, n);
        case MemKind::block_2d:
            return memory_regular(rng, n, 2, false);
        case MemKind::strided_2d:
            return memory_regular(rng, n, 2, true);
        case MemKind::strided_3d:
            return memory_regular(rng, n, 3, rng.chance(0.7));
        case MemKind::points_2d:
            return memory_points(rng, n);
        case MemKind::irregular_rows:
            return memory_irregular_rows(rng, n);
        case MemKind::side_by_side:
            return memory_side_by_side(rng, n);
        case MemKind::scalar:
            return owned_memory(owned(H5Screate(H5S_SCALAR), "H5Screate(SCALAR)"), "scalar");
        case MemKind::null_space:
            return owned_memory(owned(H5Screate(H5S_NULL), "H5Screate(NULL)"), "null");
        case MemKind::none_2d: {
            const hsize_t dims[2] = {rng.uniform(1, 4), rng.uniform(1, 4)};
            H5Handle space = simple_space(2, dims);
            check_status(H5Sselect_none(space.get()), "H5Sselect_none");
            return owned_memory(std::move(space), "2-D extent=" + join(dims, 2) + " none");
        }
    }
    throw std::logic_error("random_memory_space: unreachable");
}

}  // namespace h5sparse_test
