// binsparse (the GraphBLAS binary sparse format, specification 0.1): a group whose string
// attribute `binsparse` holds a JSON descriptor, {"binsparse": {"version", "format", "shape",
// "number_of_stored_values", "data_types", "fill", "structure"}} (the specification's examples
// also write the members at the top level; both are read). Arrays by format:
//   CSR, CSC       pointers_to_1 over the rows (columns), indices_1 the columns (rows), values;
//   COO = COOR     indices_0 the rows, indices_1 the columns, values;
//   COOC           indices_0 the columns, indices_1 the rows, values;
//   DCSR, DCSC     indices_0 the rows (columns) that hold entries, pointers_to_1 over them,
//                  indices_1 the columns (rows), values;
//   DMATR, DMATC   values: every element, row after row (column after column).
// The view is (shape[0], shape[1]), rows first whatever the format. A symmetric_lower or
// symmetric_upper structure stores one triangle and the view mirrors it.
//
// Value modifiers: iso[T] (one value for every entry, `values` of length 1) and complex[T]
// (`values` holds real and imaginary parts interleaved, twice as long; the view's type is the
// {real, imag} compound MATLAB and Octave files use).
//
// fill true with a fill_value other than 0 makes that value the view's background (and its
// dataset's fill value): positions without a stored entry read as it.
//
// DMATR and DMATC hold every element in `values`, row-major or column-major (SparseLayout::dense).
//
// Refused with the reason (the group stays a group): the vector formats, custom level trees, iso
// of complex values, Hermitian and skew-symmetric structures, dense formats with a structure or
// an iso or complex value type, and a complex fill_value other than 0.
#include <string>

#include "formats/detect.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace h5sparse {
namespace {

// Descriptors written by Finch.jl are about 750 bytes; user metadata beside the "binsparse"
// object may add more, but not megabytes.
constexpr ByteRange kDescriptorBytes{2, size_t{1} << 20};

// What the descriptor's format makes of the arrays, or an error for formats the view cannot be.
std::string apply_format(const std::string& format, SparseLayout& layout) {
    if (format == "CSR" || format == "CSC") {
        layout.orientation = format == "CSR" ? Orientation::kCsr : Orientation::kCsc;
        layout.names = {"values", "indices_1", "pointers_to_1"};
    } else if (format == "COO" || format == "COOR" || format == "COOC") {
        // Read as coordinates over rows (model/coo_index.hpp): `indptr` names the rows.
        layout.coordinates = true;
        layout.names = format == "COOC" ? ComponentNames{"values", "indices_0", "indices_1"}
                                        : ComponentNames{"values", "indices_1", "indices_0"};
    } else if (format == "DCSR" || format == "DCSC") {
        // CSR/CSC over the primaries indices_0 lists (model/virtual_dataset.cpp maps them).
        layout.orientation = format == "DCSR" ? Orientation::kCsr : Orientation::kCsc;
        layout.names = {"values", "indices_1", "pointers_to_1"};
        layout.listed_primaries = "indices_0";
    } else if (format == "DMATR" || format == "DMATC") {
        // Every element in `values`, row-major (DMATR) or column-major (DMATC).
        layout.dense = true;
        layout.orientation = format == "DMATR" ? Orientation::kCsr : Orientation::kCsc;
        layout.names = {"values", "", ""};
    } else {
        return "format '" + format + "' is not a matrix format (CSR, CSC, DCSR, DCSC, COO, COOR, COOC, DMATR, DMATC)";
    }
    return "";
}

// The stored triangle of a symmetric structure, said of the stored arrays (formats/sparse_layout.hpp).
std::string apply_structure(const JsonValue* structure, SparseLayout& layout) {
    if (!structure) return "";
    if (!structure->is_string()) return "member 'structure' is not a string";
    const std::string& s = structure->text;
    if (s != "symmetric_lower" && s != "symmetric_upper")
        return "structure '" + s + "' is not supported (symmetric_lower and symmetric_upper are)";
    if (layout.dense) return "a dense format with structure '" + s + "' is not supported";
    // Rows are the primary axis of a CSR and of coordinates read over rows.
    const bool rows_primary = layout.coordinates || layout.orientation == Orientation::kCsr;
    const bool upper = s == "symmetric_upper";
    layout.triangle = upper == rows_primary ? StoredTriangle::kFromDiagonal : StoredTriangle::kUpToDiagonal;
    return "";
}

// The value modifiers: iso[T] (one value for every entry) and complex[T] (each value a
// (real, imaginary) pair of floats, interleaved) are read so; together, or nested otherwise, not.
std::string apply_value_type(const JsonValue& descriptor, SparseLayout& layout) {
    const JsonValue* types = descriptor.member("data_types");
    const JsonValue* values = types ? types->member("values") : nullptr;
    if (!values || !values->is_string()) return "";  // the stored type of 'values' decides
    std::string t = values->text;
    if (t.size() > 5 && t.rfind("iso[", 0) == 0 && t.back() == ']') {
        layout.single_value = true;
        t = t.substr(4, t.size() - 5);
    }
    if ((t == "complex[float32]" || t == "complex[float64]") && !layout.single_value) {
        layout.interleaved_complex = true;
    } else if (t.find('[') != std::string::npos) {
        return "value type '" + values->text + "' is not supported";
    }
    if (layout.dense && (layout.single_value || layout.interleaved_complex))
        return "a dense format with value type '" + values->text + "' is not supported";
    return "";
}

// fill true with a fill_value other than 0: the view's background (SparseLayout's
// background_member). Sets the layout's reason when the group cannot be shown (unsupported, or
// broken when fill_value cannot be read) and says whether it did.
bool refuse_fill(const UnderLocation& loc, const JsonValue& descriptor, SparseLayout& layout) {
    const JsonValue* fill = descriptor.member("fill");
    if (!fill || fill->kind != JsonValue::Kind::kBool || !fill->boolean) return false;
    try {
        if (read_single_number(loc, "fill_value") == 0) return false;
    } catch (const Error& e) {
        layout.shape_error = std::string("attribute 'binsparse': 'fill' is true but 'fill_value' is unreadable: ") + e.what();
        return true;
    }
    if (layout.interleaved_complex) {
        layout.unsupported = "attribute 'binsparse': a complex fill_value other than 0 is not supported";
        return true;
    }
    if (!layout.dense) layout.background_member = "fill_value";  // a dense matrix has no background
    return false;
}

}  // namespace

Detection detect_binsparse(const UnderLocation& loc) {
    if (!attribute_exists(loc, "binsparse")) return {};
    std::optional<std::string> text;
    try {
        text = read_string_attribute(loc, "binsparse", kDescriptorBytes);
    } catch (const Error&) {
        return {};
    }
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "binsparse";
    if (!text || text->empty()) {
        layout.shape_error = "attribute 'binsparse' is not a string, is empty, or is larger than 1 MiB";
        return found;
    }
    std::string error;
    const std::optional<JsonValue> json = parse_json(*text, error);
    if (!json) {
        layout.shape_error = "attribute 'binsparse' is not JSON: " + error;
        return found;
    }
    const JsonValue* wrapped = json->member("binsparse");
    const JsonValue& descriptor = wrapped ? *wrapped : *json;
    // A descriptor the specification allows but the view cannot show, or one that breaks it.
    auto unsupported = [&](const std::string& why) {
        layout.unsupported = "attribute 'binsparse': " + why;
        return found;
    };
    auto refuse = [&](const std::string& why) {
        layout.shape_error = "attribute 'binsparse': " + why;
        return found;
    };
    // Custom level trees: a "custom" object (the current specification, often without a
    // format), or a format that is itself an object (an earlier draft).
    const JsonValue* format = descriptor.member("format");
    if (descriptor.member("custom") || (format && format->kind == JsonValue::Kind::kObject))
        return unsupported("custom formats are not supported");
    if (!format || !format->is_string()) return refuse("no 'format' string");
    if (std::string why = apply_format(format->text, layout); !why.empty()) return unsupported(why);
    if (std::string why = apply_structure(descriptor.member("structure"), layout); !why.empty()) return unsupported(why);
    if (std::string why = apply_value_type(descriptor, layout); !why.empty()) return unsupported(why);
    if (refuse_fill(loc, descriptor, layout)) return found;

    const JsonValue* shape = descriptor.member("shape");
    std::vector<long double> extents;
    if (shape && shape->kind == JsonValue::Kind::kArray)
        for (const JsonValue& v : shape->items) {
            if (v.kind != JsonValue::Kind::kNumber || !v.integer) return refuse("'shape' holds something other than integers");
            extents.push_back(v.number);
        }
    else
        return refuse("'shape' is missing or not an array");
    apply_shape(layout, extents, "binsparse 'shape'");
    // Mirroring needs a square: a row past the columns would have no mirror image.
    if (layout.shape_error.empty() && layout.symmetric() && layout.rows != layout.cols)
        layout.shape_error = "attribute 'binsparse': a symmetric structure needs a square shape, not " +
                             std::to_string(static_cast<unsigned long long>(layout.rows)) + " x " +
                             std::to_string(static_cast<unsigned long long>(layout.cols));
    return found;
}

}  // namespace h5sparse
