// A small JSON reader for descriptors that files carry in string attributes (binsparse's
// `binsparse` attribute). The text comes from the file and may be anything: parsing never throws,
// nests at most kMaxJsonDepth levels, and reports the first problem with its byte offset.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace h5sparse {

inline constexpr int kMaxJsonDepth = 32;

struct JsonMember;

struct JsonValue {
    enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
    Kind kind = Kind::kNull;
    bool boolean = false;
    long double number = 0;  // exact for integers below 2^64
    bool integer = false;    // the number was written without a fraction or exponent
    std::string text;
    std::vector<JsonValue> items;     // arrays
    std::vector<JsonMember> members;  // objects, in written order

    // The first member called `name`, or null when there is none (or this is not an object).
    const JsonValue* member(std::string_view name) const;
    bool is_string() const { return kind == Kind::kString; }
};

// A struct, not std::pair: a pair holding JsonValue needs it complete where JsonValue declares
// its members (libstdc++ with clang refuses it).
struct JsonMember {
    std::string name;
    JsonValue value;
};

// The parsed value, or nullopt with `error` saying what is wrong and where.
std::optional<JsonValue> parse_json(std::string_view text, std::string& error);

}  // namespace h5sparse
