// The view's background where it is not 0 (binsparse's fill_value): the positions of a batch
// that no stored entry reached read as it. Decoders mark each position they place a value at
// (an explicitly stored 0 stays 0), then fill() paints the others.
#pragma once

#include <cstddef>
#include <cstring>
#include <vector>

#include "model/virtual_dataset.hpp"

namespace h5sparse {

class BackgroundFill {
public:
    explicit BackgroundFill(const VirtualDataset& vd) : value_(vd.background()) {}

    bool active() const { return !value_.empty(); }

    // Before decoding a batch of `elements`: the marks to set (one byte per position), or NULL
    // when the background is 0 (the zero-filled staging buffer is the background then).
    unsigned char* start(size_t elements) {
        if (value_.empty()) return nullptr;
        placed_.assign(elements, 0);
        return placed_.data();
    }

    // After decoding: the background at every unmarked position of `staging`.
    void fill(unsigned char* staging, size_t elements) const {
        if (value_.empty()) return;
        const size_t size = value_.size();
        for (size_t i = 0; i < elements; ++i)
            if (!placed_[i]) std::memcpy(staging + i * size, value_.data(), size);
    }

private:
    std::vector<unsigned char> value_;  // native form of the value type; empty: 0
    std::vector<unsigned char> placed_;
};

}  // namespace h5sparse
