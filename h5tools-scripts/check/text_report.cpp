// The report for people: per file a header line, per group a block of aligned "key  value"
// lines (easy to read, and to grep: every group line starts with its path), then a summary.
#include <cstdio>
#include <cstring>

#include "check/native_io.hpp"
#include "check/report.hpp"

namespace h5sparse::checker {
namespace {

std::string number(long double value, const char* format) {
    char text[64];
    std::snprintf(text, sizeof(text), format, value);
    return text;
}

std::string plural(size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

void line(std::ostream& out, const char* key, const std::string& value) {
    out << "  ";
    out.width(16);
    out << std::left << key << (std::strlen(key) >= 16 ? " " : "") << value << '\n';  // a long name (a path)
}

std::string dims(const std::vector<hsize_t>& d) {
    std::string text;
    for (size_t i = 0; i < d.size(); ++i) text += (i ? " x " : "") + std::to_string(d[i]);
    return text;
}

std::string storage(const ComponentInfo& c) {
    if (c.absent) return "absent: no entries (MATLAB leaves data and ir out of an empty matrix)";
    if (!c.present) return "missing";
    if (!c.is_dataset) return "not a dataset";
    std::string text = c.rank == 1 ? plural(c.length, "value", "values") : "rank " + std::to_string(c.rank) + " (" + dims(c.dims) + ")";
    text += ", " + c.layout;
    if (!c.chunk.empty()) text += " (chunks of " + dims(c.chunk) + ")";
    if (c.filters.empty()) text += ", no filters";
    for (size_t i = 0; i < c.filters.size(); ++i) text += (i ? " + " : ", ") + c.filters[i];
    return text + ", " + plural(c.storage_bytes, "byte", "bytes") + " stored";
}

std::string type_of(const ComponentInfo& c) { return c.name + " " + (c.is_dataset ? c.type : "-"); }

// What the connector makes of the group, and the rules it breaks.
void print_verdict(std::ostream& out, const GroupReport& g) {
    // A group with broken values still opens (opening reads none); its metadata-broken kin stay groups.
    line(out, "connector",
         !g.connector.opens      ? "keeps it a group; H5Dopen2 fails: " + g.connector.message
         : g.problems.empty()    ? "opens it as a dataset"
                                 : "opens it as a dataset; reads that touch the broken values fail");
    for (const Problem& p : g.problems) line(out, "broken rule", p.rule + ": " + p.message);
}

void print_group(std::ostream& out, const GroupReport& g) {
    if (!g.unsupported.empty()) {
        out << g.path << ": not shown (stays a group)\n";
        line(out, "convention", g.convention);
        line(out, "why", g.unsupported);
        return;
    }
    out << g.path << ": " << (g.broken() ? "BROKEN" : "valid") << '\n';
    line(out, "convention", g.convention);
    const std::string mirrored =
        g.stored_triangle.empty() ? "" : ", symmetric: the " + g.stored_triangle + " triangle is stored, the view mirrors it";
    if (g.dense)
        line(out, "orientation", std::string("dense, ") + (g.orientation == "csr" ? "row" : "column") +
                                     "-major (every element stored in '" + g.data.name + "')");
    else if (g.coordinates)
        line(out, "orientation", "coordinates ('" + g.indptr.name + "' rows, '" + g.indices.name +
                                     "' columns, any order, duplicates summed)" + mirrored);
    else
        line(out, "orientation", std::string(g.listed ? "D" : "") + (g.orientation == "csr" ? "CSR" : "CSC") +
                                     " (indptr runs over the " + g.primary_name() + "s" +
                                     (g.listed ? " listed in '" + g.listed->name + "'" : std::string()) + ")" + mirrored);
    line(out, "shape", g.rows ? std::to_string(*g.rows) + " x " + std::to_string(*g.cols) : "invalid");
    auto stored = g.stored_values();
    line(out, "stored values", stored ? std::to_string(*stored) : "unknown");
    auto density = g.density();
    line(out, "density", density ? number(*density, "%.4Lg") + " (" + number(*density * 100, "%.4Lg") + "%)" : "n/a");
    if (!g.background.empty()) line(out, "background", g.background + " (where nothing is stored)");
    if (g.dense) {
        line(out, "types", type_of(g.data));
        line(out, g.data.name.c_str(), storage(g.data));
        print_verdict(out, g);
        return;
    }
    line(out, "types", type_of(g.data) + (g.single_value ? " (one value for every entry)" : "") +
                           (g.interleaved_complex ? " (complex: real and imaginary parts interleaved)" : "") + ", " +
                           type_of(g.indices) + ", " + type_of(g.indptr));
    const IndexStats& s = g.stats;
    const std::string slices = std::string(g.primary_name()) + "s";
    if (g.coordinates) {
        line(out, "sorted", "not required (coordinates)");
        line(out, "duplicate-free", "not required (coordinates: duplicates are summed)");
    } else if (!s.scanned) {
        line(out, "sorted", "not checked (the group is broken)");
        line(out, "duplicate-free", "not checked (the group is broken)");
    } else {
        line(out, "sorted", s.unsorted_slices == 0 ? "yes"
                                                   : "no: " + std::to_string(s.unsorted_slices) + " of " +
                                                         std::to_string(s.slices) + " " + slices +
                                                         " unsorted (the first: " + g.primary_name() + " " +
                                                         std::to_string(s.first_unsorted_slice) + ")");
        std::string dup = s.duplicate_entries == 0
                              ? "yes"
                              : "no: " + plural(s.duplicate_entries, "duplicate entry", "duplicate entries") +
                                    " (the first: " + g.primary_name() + " " +
                                    std::to_string(s.first_duplicate_primary) + ", " + g.secondary_name() + " " +
                                    number(s.first_duplicate_secondary, "%.0Lf") + ")";
        if (s.unchecked_slices)
            dup += "; " + std::to_string(s.unchecked_slices) + " unsorted " + slices + " longer than " +
                   std::to_string(piece_entries()) + " entries not checked";
        line(out, "duplicate-free", dup);
    }
    for (const ComponentInfo* c : {&g.data, &g.indices, &g.indptr}) line(out, c->name.c_str(), storage(*c));
    if (g.listed) line(out, g.listed->name.c_str(), storage(*g.listed) + " (the " + g.primary_name() + "s listed)");
    print_verdict(out, g);
}

}  // namespace

void print_text(std::ostream& out, const std::vector<FileReport>& files) {
    size_t groups = 0, broken = 0, unreadable = 0;
    for (const FileReport& f : files) {
        if (!f.error.empty()) {
            out << "== " << f.file << ": ERROR: " << f.error << '\n';
            ++unreadable;
            if (f.groups.empty()) continue;  // a walk that failed midway still shows what it found
        } else {
            const size_t n = f.broken_groups();
            out << "== " << f.file << ": " << plural(f.groups.size(), "sparse group", "sparse groups") << ", "
                << (n == 0 ? std::string("none broken") : std::to_string(n) + " broken") << '\n';
        }
        for (const GroupReport& g : f.groups) print_group(out, g);
        groups += f.groups.size();
        broken += f.broken_groups();
    }
    if (files.size() > 1)
        out << "== " << plural(files.size(), "file", "files") << ": "
            << plural(groups, "sparse group", "sparse groups") << ", " << broken << " broken, "
            << unreadable << " unreadable\n";
}

}  // namespace h5sparse::checker
