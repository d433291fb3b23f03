#include "support/type_text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <vector>

namespace h5sparse_test {
namespace {

bool is_machine_order(H5T_order_t order) { return order == H5Tget_order(H5T_NATIVE_INT); }

// The element's bytes in machine order.
std::vector<std::byte> machine_bytes(hid_t type, const std::byte* element) {
    const std::size_t size = H5Tget_size(type);
    std::vector<std::byte> bytes(element, element + size);
    if (!is_machine_order(H5Tget_order(type))) std::reverse(bytes.begin(), bytes.end());
    return bytes;
}

}  // namespace

std::string type_name(hid_t type) {
    const H5T_class_t cls = H5Tget_class(type);
    const std::size_t bits = H5Tget_size(type) * 8;
    std::string name;
    if (cls == H5T_INTEGER)
        name = (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
    else if (cls == H5T_FLOAT)
        name = "float" + std::to_string(bits);
    else
        return "class" + std::to_string(static_cast<int>(cls)) + "/" + std::to_string(bits) + "bit";
    if (!is_machine_order(H5Tget_order(type))) name += H5Tget_order(type) == H5T_ORDER_BE ? "be" : "le";
    return name;
}

std::string format_element(hid_t type, const std::byte* element) {
    const std::vector<std::byte> b = machine_bytes(type, element);
    const H5T_class_t cls = H5Tget_class(type);
    std::ostringstream out;
    if (cls == H5T_INTEGER && b.size() <= 8) {
        std::uint64_t u = 0;
        std::memcpy(&u, b.data(), b.size());  // little-endian machine assumed by the test suite
        const unsigned bits = static_cast<unsigned>(b.size() * 8);
        if (H5Tget_sign(type) == H5T_SGN_NONE) {
            out << u;
        } else {
            if (bits < 64 && (u >> (bits - 1)) != 0) u |= ~std::uint64_t{0} << bits;  // sign-extend
            out << static_cast<std::int64_t>(u);
        }
    } else if (cls == H5T_FLOAT && b.size() == 4) {
        float f = 0;
        std::memcpy(&f, b.data(), 4);
        out.precision(9);
        out << f;
    } else if (cls == H5T_FLOAT && b.size() == 8) {
        double d = 0;
        std::memcpy(&d, b.data(), 8);
        out.precision(17);
        out << d;
    } else {
        out << "0x";
        static const char digits[] = "0123456789abcdef";
        for (auto it = b.rbegin(); it != b.rend(); ++it) {
            const auto v = std::to_integer<unsigned>(*it);
            out << digits[v >> 4] << digits[v & 15U];
        }
    }
    return out.str();
}

}  // namespace h5sparse_test
