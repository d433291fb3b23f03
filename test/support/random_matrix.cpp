#include "support/random_matrix.hpp"

#include "support/type_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace h5sparse_test {
namespace {

// Draws values for one value type. With duplicates, every part stays within a quarter of the
// type's range so that up to three parts sum without overflow; floats are multiples of a power
// of two with few significant bits, so every sum is exact in any order.
class ValueSource {
public:
    ValueSource(hid_t type, bool duplicates) : duplicates_(duplicates) {
        const std::size_t bits = H5Tget_size(type) * 8;
        if (H5Tget_class(type) == H5T_FLOAT) {
            is_float_ = true;
            single_ = bits == 32;
            return;
        }
        if (H5Tget_class(type) != H5T_INTEGER)
            throw std::invalid_argument("random_entries: value type must be integer or float");
        is_signed_ = H5Tget_sign(type) != H5T_SGN_NONE;
        // Integers travel as double, so the range is capped at 2^53.
        const int value_bits = std::min<int>(static_cast<int>(bits) - (is_signed_ ? 1 : 0), 53);
        max_ = std::ldexp(1.0, value_bits) - 1;
        min_ = is_signed_ ? (value_bits < 53 ? -max_ - 1 : -max_) : 0;
    }

    double draw(Rng& rng) const {
        if (is_float_) return draw_float(rng);
        if (!duplicates_ && rng.chance(0.03))  // type extremes: saturating conversions
            return rng.chance(0.5) ? max_ : min_;
        const double bound = duplicates_ ? std::floor(max_ / 4) : max_;
        // Mostly small values, sometimes the whole range.
        const double limit = rng.chance(0.7) ? std::min(bound, 100.0) : bound;
        const auto hi = static_cast<std::int64_t>(limit);
        const std::int64_t lo = is_signed_ ? -hi : 0;
        double v = static_cast<double>(rng.uniform_signed(lo, hi));
        if (v == 0)  // zeros only where explicit_zeros asks for them
            v = 1;
        return v;
    }

private:
    double draw_float(Rng& rng) const {
        if (!duplicates_ && rng.chance(0.03)) {  // huge magnitudes: overflow in narrowing conversions
            const double big = single_ ? 0x1.fffffep127 : 0x1.fffffffffffffp1023;
            return rng.chance(0.5) ? big : -big;
        }
        const int fraction_bits = 3;  // multiples of 1/8
        const std::int64_t bound = single_ ? (std::int64_t{1} << 20) : (std::int64_t{1} << 45);
        const std::int64_t hi = rng.chance(0.7) ? 800 : bound;
        std::int64_t k = rng.uniform_signed(-hi, hi);
        if (k == 0) k = 1;
        return std::ldexp(static_cast<double>(k), -fraction_bits);
    }

    bool duplicates_ = false;
    bool is_float_ = false;
    bool single_ = false;
    bool is_signed_ = false;
    double min_ = 0;
    double max_ = 0;
};

std::vector<bool> blank_mask(Rng& rng, std::uint64_t n, double fraction) {
    std::vector<bool> mask(n, false);
    if (fraction <= 0) return mask;
    for (std::uint64_t i = 0; i < n; ++i) mask[i] = rng.chance(fraction);
    return mask;
}

}  // namespace

std::string describe(const MatrixSpec& spec) {
    std::ostringstream out;
    out << spec.rows << "x" << spec.cols << " " << to_string(spec.orientation) << " " << type_name(spec.value_type)
        << " density=" << spec.density << (spec.sorted ? " sorted" : " unsorted")
        << (spec.duplicates ? " duplicates" : "") << (spec.explicit_zeros ? " explicit-zeros" : "");
    if (spec.empty_rows > 0 || spec.empty_cols > 0)
        out << " empty-rows=" << spec.empty_rows << " empty-cols=" << spec.empty_cols;
    return out.str();
}

std::vector<Triplet> random_entries(Rng& rng, const MatrixSpec& spec) {
    const ValueSource values(spec.value_type, spec.duplicates);
    const bool csr = spec.orientation == Orientation::csr;
    const std::uint64_t major_dim = csr ? spec.rows : spec.cols;
    const std::uint64_t minor_dim = csr ? spec.cols : spec.rows;
    const std::vector<bool> empty_row = blank_mask(rng, spec.rows, spec.empty_rows);
    const std::vector<bool> empty_col = blank_mask(rng, spec.cols, spec.empty_cols);

    std::vector<Triplet> out;
    std::vector<Triplet> slice;
    for (std::uint64_t major = 0; major < major_dim; ++major) {
        slice.clear();
        for (std::uint64_t minor = 0; minor < minor_dim; ++minor) {
            const std::uint64_t r = csr ? major : minor;
            const std::uint64_t c = csr ? minor : major;
            if (empty_row[r] || empty_col[c] || !(spec.density >= 1.0 || rng.chance(spec.density))) continue;
            const double v = spec.explicit_zeros && rng.chance(0.1) ? 0.0 : values.draw(rng);
            slice.push_back({r, c, v});
            if (spec.duplicates && rng.chance(0.15)) {
                const auto extra = rng.uniform(1, 2);
                for (std::uint64_t k = 0; k < extra; ++k) slice.push_back({r, c, values.draw(rng)});
            }
        }
        if (spec.sorted) {
            // Duplicates of a cell stay adjacent but their order is random.
            rng.shuffle(slice.begin(), slice.end());
            std::stable_sort(slice.begin(), slice.end(),
                             [csr](const Triplet& a, const Triplet& b) { return csr ? a.col < b.col : a.row < b.row; });
        } else {
            rng.shuffle(slice.begin(), slice.end());
        }
        out.insert(out.end(), slice.begin(), slice.end());
    }
    return out;
}

}  // namespace h5sparse_test
