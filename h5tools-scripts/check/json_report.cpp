// The report for programs: one JSON document on stdout, keys in a fixed order, every value
// present (null when unknown) so that consumers need no existence checks. Pretty-printed with
// two-space indentation so that golden files diff line by line.
#include <cstdio>
#include <sstream>
#include <string_view>

#include "check/report.hpp"

namespace h5sparse::checker {
namespace {

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (unsigned char ch : text) {
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (ch < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof(escaped), "\\u%04x", ch);
                    out += escaped;
                } else {
                    out += static_cast<char>(ch);  // UTF-8 passes through unchanged
                }
        }
    }
    return out + "\"";
}

std::string number(long double value, const char* format = "%.6Lg") {
    char text[64];
    std::snprintf(text, sizeof(text), format, value);
    return text;
}

template <typename T>
std::string optional_number(const std::optional<T>& value) {
    return value ? std::to_string(*value) : "null";
}

std::string numbers(const std::vector<hsize_t>& values) {
    std::string text = "[";
    for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + std::to_string(values[i]);
    return text + "]";
}

std::string strings(const std::vector<std::string>& values) {
    std::string text = "[";
    for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + quote(values[i]);
    return text + "]";
}

// Writes `"key": value` members with commas and indentation handled in one place.
class Members {
public:
    Members(std::ostream& out, int depth) : out_(out), indent_(static_cast<size_t>(depth) * 2, ' ') {}
    Members& add(const char* key, const std::string& raw_json) {
        out_ << (first_ ? "" : ",\n") << indent_ << quote(key) << ": " << raw_json;
        first_ = false;
        return *this;
    }
    void close() { out_ << '\n'; }

private:
    std::ostream& out_;
    std::string indent_;
    bool first_ = true;
};

std::string component(const ComponentInfo& c, int depth) {
    if (!c.present || !c.is_dataset) return std::string("{\"present\": ") + (c.present ? "true" : "false") + ", \"dataset\": false}";
    std::ostringstream out;
    out << "{\n";
    Members(out, depth + 1)
        .add("present", "true")
        .add("dataset", "true")
        .add("type", quote(c.type))
        .add("shape", numbers(c.dims))
        .add("layout", quote(c.layout))
        .add("chunk", c.chunk.empty() ? "null" : numbers(c.chunk))
        .add("filters", strings(c.filters))
        .add("storage_bytes", std::to_string(c.storage_bytes))
        .close();
    out << std::string(static_cast<size_t>(depth) * 2, ' ') << "}";
    return out.str();
}

void print_group(std::ostream& out, const GroupReport& g, bool last) {
    const IndexStats& s = g.stats;
    auto when_scanned = [&](const std::string& value) { return s.scanned ? value : std::string("null"); };
    std::string problems = "[";
    for (size_t i = 0; i < g.problems.size(); ++i)
        problems += std::string(i ? ", " : "") + "{\"rule\": " + quote(g.problems[i].rule) +
                    ", \"message\": " + quote(g.problems[i].message) + "}";
    problems += "]";
    auto density = g.density();
    out << "        {\n";
    Members(out, 5)
        .add("path", quote(g.path))
        .add("valid", g.broken() ? "false" : "true")
        .add("unsupported", g.unsupported.empty() ? "null" : quote(g.unsupported))
        .add("convention", quote(g.convention))
        .add("orientation", quote(g.orientation))
        .add("dense", g.dense ? "true" : "false")
        .add("shape", g.rows ? numbers({*g.rows, *g.cols}) : "null")
        .add("stored_values", optional_number(g.stored_values()))
        .add("density", density ? number(*density) : "null")
        .add("background", g.background.empty() ? "null" : quote(g.background))
        .add("types", "{\"data\": " + (g.data.is_dataset ? quote(g.data.type) : "null") +
                          ", \"indices\": " + (g.indices.is_dataset ? quote(g.indices.type) : "null") +
                          ", \"indptr\": " + (g.indptr.is_dataset ? quote(g.indptr.type) : "null") + "}")
        .add("indices_sorted", when_scanned(s.unsorted_slices == 0 ? "true" : "false"))
        .add("unsorted_slices", when_scanned(std::to_string(s.unsorted_slices)))
        .add("first_unsorted_slice", s.scanned && s.unsorted_slices ? std::to_string(s.first_unsorted_slice) : "null")
        .add("duplicate_free", when_scanned(s.duplicate_entries > 0 ? "false" : s.unchecked_slices ? "null" : "true"))
        .add("duplicate_entries", when_scanned(std::to_string(s.duplicate_entries)))
        .add("first_duplicate", s.scanned && s.duplicate_entries
                                    ? "[" + std::to_string(s.first_duplicate_primary) + ", " +
                                          number(s.first_duplicate_secondary, "%.0Lf") + "]"
                                    : "null")
        .add("unchecked_slices", when_scanned(std::to_string(s.unchecked_slices)))
        .add("out_of_range_indices", when_scanned(std::to_string(s.out_of_range)))
        .add("components", "{\n            \"data\": " + component(g.data, 6) + ",\n            \"indices\": " +
                               component(g.indices, 6) + ",\n            \"indptr\": " + component(g.indptr, 6) +
                               (g.listed ? ",\n            \"listed\": " + component(*g.listed, 6) : std::string()) +
                               "\n          }")
        .add("connector", std::string("{\"opens\": ") + (g.connector.opens ? "true" : "false") + ", \"message\": " +
                              (g.connector.opens ? "null" : quote(g.connector.message)) + "}")
        .add("problems", problems)
        .close();
    out << "        }" << (last ? "\n" : ",\n");
}

}  // namespace

void print_json(std::ostream& out, const std::vector<FileReport>& files) {
    size_t groups = 0, broken = 0, unreadable = 0;
    out << "{\n  \"files\": [\n";
    for (size_t i = 0; i < files.size(); ++i) {
        const FileReport& f = files[i];
        out << "    {\n";
        Members(out, 3)
            .add("file", quote(f.file))
            .add("error", f.error.empty() ? "null" : quote(f.error))
            .add("broken_groups", std::to_string(f.broken_groups()))
            .add("groups", f.groups.empty() ? "[]" : "[");
        if (!f.groups.empty()) {
            out << '\n';
            for (size_t k = 0; k < f.groups.size(); ++k) print_group(out, f.groups[k], k + 1 == f.groups.size());
            out << "      ]";
        }
        out << "\n    }" << (i + 1 == files.size() ? "\n" : ",\n");
        groups += f.groups.size();
        broken += f.broken_groups();
        unreadable += f.error.empty() ? 0 : 1;
    }
    out << "  ],\n";
    Members(out, 1)
        .add("groups", std::to_string(groups))
        .add("broken_groups", std::to_string(broken))
        .add("unreadable_files", std::to_string(unreadable))
        .close();
    out << "}\n";
}

}  // namespace h5sparse::checker
