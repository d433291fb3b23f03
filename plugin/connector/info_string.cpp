#include "connector/info_string.hpp"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace h5sparse {
namespace {

struct NamedConvention {
    const char* name;
    Convention bit;
};
constexpr NamedConvention kConventionNames[] = {
    {"anndata", kAnndata}, {"h5sparse", kH5sparse}, {"matlab", kMatlab}, {"hdmf", kHdmf}, {"octave", kOctave}, {"h5seurat", kH5seurat}, {"chihaya", kChihaya}, {"cooler", kCooler}, {"loom", kLoom}, {"epetraext", kEpetraext}, {"binsparse", kBinsparse}, {"hickle", kHickle}, {"10x", kTenx}};

[[noreturn]] void bad(const std::string& why) { throw std::invalid_argument("invalid h5sparse info string: " + why); }

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// Splits on ';' at brace depth 0; rejects unbalanced braces.
std::vector<std::string_view> split_top_level(std::string_view text) {
    std::vector<std::string_view> parts;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '{') ++depth;
        else if (c == '}' && --depth < 0) bad("unmatched '}' at offset " + std::to_string(i));
        else if (c == ';' && depth == 0) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    if (depth != 0) bad("unmatched '{'");
    parts.push_back(text.substr(start));
    return parts;
}

// "{...}" -> "...", when the outer braces enclose the whole value.
std::string_view unwrap_braces(std::string_view v) {
    if (v.size() < 2 || v.front() != '{' || v.back() != '}') return v;
    int depth = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '{') ++depth;
        else if (v[i] == '}' && --depth == 0 && i + 1 != v.size()) return v;  // "{a}x{b}"
    }
    return v.substr(1, v.size() - 2);
}

unsigned parse_conventions(std::string_view v) {
    if (v == "all") return kAllConventions;
    if (v == "none") return 0;
    unsigned set = 0;
    size_t start = 0;
    while (start <= v.size()) {
        size_t comma = v.find(',', start);
        std::string_view name = trim(v.substr(start, comma == std::string_view::npos ? v.npos : comma - start));
        bool known = false;
        for (const auto& c : kConventionNames)
            if (name == c.name) {
                set |= c.bit;
                known = true;
            }
        if (!known)
            bad("unknown convention '" + std::string(name) + "' (expected all, none, or a list of anndata,h5sparse,matlab,hdmf,octave,h5seurat,chihaya,cooler,loom,epetraext,binsparse,hickle,10x)");
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return set;
}

}  // namespace

std::string conventions_to_string(unsigned conventions) {
    if (conventions == kAllConventions) return "all";
    if (conventions == 0) return "none";
    std::string out;
    for (const auto& c : kConventionNames)
        if (conventions & c.bit) out += (out.empty() ? "" : ",") + std::string(c.name);
    return out;
}

InfoText parse_info_string(std::string_view text) {
    InfoText info;
    text = trim(text);
    if (text.empty()) return info;
    bool seen_conventions = false, seen_unmarked = false, seen_threads = false, seen_index_memory = false;
    for (std::string_view part : split_top_level(text)) {
        part = trim(part);
        if (part.empty()) continue;  // tolerate a trailing ';'
        size_t eq = part.find('=');
        if (eq == std::string_view::npos) bad("'" + std::string(part) + "' is not key=value");
        std::string_view key = trim(part.substr(0, eq));
        std::string_view value = trim(part.substr(eq + 1));
        auto once = [&](bool seen) {
            if (seen) bad("key '" + std::string(key) + "' given twice");
        };
        if (key == "under_vol") {
            once(info.under_vol.has_value());
            value = unwrap_braces(value);
            if (value.empty()) bad("under_vol is empty");
            info.under_vol = std::string(value);
        } else if (key == "under_info") {
            once(info.under_info.has_value());
            info.under_info = std::string(unwrap_braces(value));
        } else if (key == "conventions") {
            once(seen_conventions);
            seen_conventions = true;
            info.conventions = parse_conventions(unwrap_braces(value));
        } else if (key == "unmarked") {
            once(seen_unmarked);
            seen_unmarked = true;
            value = unwrap_braces(value);
            if (value == "csr") info.unmarked = kUnmarkedCsr;
            else if (value == "csc") info.unmarked = kUnmarkedCsc;
            else bad("unmarked='" + std::string(value) + "' (expected csr or csc)");
        } else if (key == "threads") {
            once(seen_threads);
            seen_threads = true;
            value = unwrap_braces(value);
            unsigned n = 0;
            bool digits = !value.empty() && value.size() <= 3;
            for (char ch : value) {
                if (ch < '0' || ch > '9') digits = false;
                else n = n * 10 + static_cast<unsigned>(ch - '0');
            }
            if (!digits || n < 1 || n > kMaxThreads)
                bad("threads='" + std::string(value) + "' (expected a number from 1 to " + std::to_string(kMaxThreads) +
                    ")");
            info.threads = n;
        } else if (key == "index_memory") {
            once(seen_index_memory);
            seen_index_memory = true;
            value = unwrap_braces(value);
            unsigned long long mib = 0;
            bool digits = !value.empty() && value.size() <= 7;
            for (char ch : value) {
                if (ch < '0' || ch > '9') digits = false;
                else mib = mib * 10 + static_cast<unsigned>(ch - '0');
            }
            const bool power = mib != 0 && (mib & (mib - 1)) == 0 && mib <= (1ull << kMaxIndexMemoryLog2);
            if (!digits || (mib != 0 && !power))
                bad("index_memory='" + std::string(value) + "' (expected 0 or a power of two up to " +
                    std::to_string(1ull << kMaxIndexMemoryLog2) + ", in MiB)");
            info.index_memory = mib == 0 ? 1 : 2 + static_cast<unsigned>(__builtin_ctzll(mib));
        } else {
            bad("unknown key '" + std::string(key) +
                "' (known: under_vol, under_info, conventions, unmarked, threads, index_memory)");
        }
    }
    if (info.under_info && !info.under_vol) bad("under_info given without under_vol");
    return info;
}

std::string to_string(const InfoText& info) {
    std::string out;
    if (info.under_vol) {
        out += "under_vol=" + *info.under_vol;
        out += ";under_info={" + info.under_info.value_or("") + "}";
    }
    if (info.conventions != kAllConventions) {
        if (!out.empty()) out += ';';
        out += "conventions=" + conventions_to_string(info.conventions);
    }
    if (info.unmarked != 0) {
        if (!out.empty()) out += ';';
        out += info.unmarked == kUnmarkedCsr ? "unmarked=csr" : "unmarked=csc";
    }
    if (info.threads != 0) {
        if (!out.empty()) out += ';';
        out += "threads=" + std::to_string(info.threads);
    }
    if (info.index_memory != 0) {
        if (!out.empty()) out += ';';
        out += "index_memory=" + std::to_string(index_memory_mib(info.index_memory));
    }
    return out;
}

bool operator==(const InfoText& a, const InfoText& b) {
    return a.under_vol == b.under_vol && a.under_info.value_or("") == b.under_info.value_or("") &&
           a.conventions == b.conventions && a.unmarked == b.unmarked && a.threads == b.threads &&
           a.index_memory == b.index_memory;
}

}  // namespace h5sparse
