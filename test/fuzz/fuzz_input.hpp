// Fuzz bytes as a stream of small decisions: each call takes what it needs from the front and
// gives a neutral answer once the bytes run out, so every input, however short, is a valid case.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace h5sparse_fuzz {

class FuzzInput {
public:
    FuzzInput(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    bool flag() { return byte() & 1; }
    // A choice among n (n >= 1).
    unsigned pick(unsigned n) { return byte() % n; }
    // 0 .. max, small values most likely (a byte), sometimes anything up to max.
    std::uint64_t count(std::uint64_t max) {
        const std::uint8_t kind = byte();
        std::uint64_t v = kind < 224 ? byte() : u64();
        return max == UINT64_MAX ? v : v % (max + 1);
    }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
        return v;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    bool empty() const { return pos_ >= size_; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

}  // namespace h5sparse_fuzz
