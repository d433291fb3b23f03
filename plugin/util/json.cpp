#include "util/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace h5sparse {
namespace {

class JsonParser {
public:
    explicit JsonParser(std::string_view text) : text_(text) {}

    std::optional<JsonValue> parse(std::string& error) {
        JsonValue value;
        if (value_at(value, 0)) {
            skip_space();
            if (at_ == text_.size()) return value;
            problem("text after the value");
        }
        error = error_;
        return std::nullopt;
    }

private:
    bool problem(const std::string& what) {
        if (error_.empty()) error_ = what + " at byte " + std::to_string(at_);
        return false;
    }

    void skip_space() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
            ++at_;
    }

    // Consumes `c` when it comes next.
    bool take(char c) {
        if (at_ >= text_.size() || text_[at_] != c) return false;
        ++at_;
        return true;
    }

    bool literal(std::string_view word) {
        if (text_.substr(at_, word.size()) != word) return problem("an unknown word");
        at_ += word.size();
        return true;
    }

    bool value_at(JsonValue& v, int depth) {
        if (depth >= kMaxJsonDepth) return problem("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        skip_space();
        if (at_ >= text_.size()) return problem("a missing value");
        switch (text_[at_]) {
            case '{': return object_at(v, depth);
            case '[': return array_at(v, depth);
            case '"': v.kind = JsonValue::Kind::kString; return string_at(v.text);
            case 't': v.kind = JsonValue::Kind::kBool; v.boolean = true; return literal("true");
            case 'f': v.kind = JsonValue::Kind::kBool; return literal("false");
            case 'n': return literal("null");
            default: return number_at(v);
        }
    }

    bool object_at(JsonValue& v, int depth) {
        v.kind = JsonValue::Kind::kObject;
        ++at_;
        skip_space();
        if (take('}')) return true;
        while (true) {
            skip_space();
            std::string name;
            if (at_ >= text_.size() || text_[at_] != '"') return problem("a member name expected");
            if (!string_at(name)) return false;
            skip_space();
            if (!take(':')) return problem("':' expected");
            v.members.push_back({std::move(name), JsonValue{}});
            if (!value_at(v.members.back().value, depth + 1)) return false;
            skip_space();
            if (take(',')) continue;
            if (take('}')) return true;
            return problem("',' or '}' expected");
        }
    }

    bool array_at(JsonValue& v, int depth) {
        v.kind = JsonValue::Kind::kArray;
        ++at_;
        skip_space();
        if (take(']')) return true;
        while (true) {
            v.items.emplace_back();
            if (!value_at(v.items.back(), depth + 1)) return false;
            skip_space();
            if (take(',')) continue;
            if (take(']')) return true;
            return problem("',' or ']' expected");
        }
    }

    // Escapes are kept simple: \uXXXX below 0x80 becomes its character, others are refused
    // (descriptors are ASCII; nothing here needs to compare non-ASCII names).
    bool string_at(std::string& out) {
        ++at_;
        while (at_ < text_.size()) {
            const char c = text_[at_++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return problem("a control character in a string");
            if (c != '\\') { out += c; continue; }
            if (at_ >= text_.size()) break;
            const char e = text_[at_++];
            switch (e) {
                case '"': case '\\': case '/': out += e; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    if (at_ + 4 > text_.size()) return problem("a short \\u escape");
                    const std::string hex(text_.substr(at_, 4));
                    char* end = nullptr;
                    const long code = std::strtol(hex.c_str(), &end, 16);
                    if (end != hex.c_str() + 4 || code >= 0x80) return problem("a \\u escape outside ASCII");
                    out += static_cast<char>(code);
                    at_ += 4;
                    break;
                }
                default: return problem("an unknown escape");
            }
        }
        return problem("an unterminated string");
    }

    // JSON's grammar, strictly: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. Converted with
    // from_chars, which no locale changes: integers exactly (as unsigned 64-bit magnitudes),
    // others as the nearest long double.
    bool number_at(JsonValue& v) {
        const size_t start = at_;
        auto digits = [&] {
            const size_t from = at_;
            while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
            return at_ - from;
        };
        const bool negative = at_ < text_.size() && text_[at_] == '-';
        if (negative) ++at_;
        const size_t integral_start = at_;
        const size_t integral = digits();
        if (integral == 0) return problem("a value expected");
        if (integral > 1 && text_[integral_start] == '0') return problem("a number with a leading zero");
        bool integer = true;
        if (at_ < text_.size() && text_[at_] == '.') {
            ++at_;
            integer = false;
            if (digits() == 0) return problem("a malformed number");
        }
        if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
            ++at_;
            integer = false;
            if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
            if (digits() == 0) return problem("a malformed number");
        }
        v.kind = JsonValue::Kind::kNumber;
        v.integer = integer;
        const char* first = text_.data() + (integer ? integral_start : start);
        const char* last = text_.data() + at_;
        if (integer) {
            unsigned long long magnitude = 0;
            const auto [end, ec] = std::from_chars(first, last, magnitude);
            if (ec == std::errc() && end == last) {
                v.number = negative ? -static_cast<long double>(magnitude) : static_cast<long double>(magnitude);
                return true;
            }
            v.integer = false;  // beyond 64 bits: kept as an inexact number (no shape can use it)
            first = text_.data() + start;
        }
        // As double (from_chars of long double is not everywhere); out of range saturates
        // (to 0 or infinity): a number in someone's metadata must not make the rest unreadable.
        double value = 0;
        const auto [end, ec] = std::from_chars(first, last, value);
        if (end != last) return problem("a malformed number");
        if (ec == std::errc::result_out_of_range) {
            const bool tiny = [&] {
                for (const char* p = first; p != last; ++p)
                    if (*p == 'e' || *p == 'E') return p[1] == '-';
                return false;
            }();
            value = tiny ? 0.0 : HUGE_VAL;
            if (*first == '-') value = -value;
        }
        v.number = value;
        return true;
    }

    std::string_view text_;
    size_t at_ = 0;
    std::string error_;
};

}  // namespace

const JsonValue* JsonValue::member(std::string_view name) const {
    for (const JsonMember& m : members)
        if (m.name == name) return &m.value;
    return nullptr;
}

std::optional<JsonValue> parse_json(std::string_view text, std::string& error) { return JsonParser(text).parse(error); }

}  // namespace h5sparse
