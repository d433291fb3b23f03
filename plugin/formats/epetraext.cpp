// Trilinos EpetraExt (EpetraExt::HDF5::Write of an Epetra_RowMatrix): a group holding a string
// dataset __type__ = "Epetra_RowMatrix", coordinates ROW, COL (global, 0-based) and VAL, and
// scalar datasets NumGlobalRows and NumGlobalCols (with NumGlobalNonzeros, norms, ...). Each
// process writes its own rows, so ROW is sorted but the columns within a row follow the process's
// column map: read as coordinates (formats/sparse_layout.hpp). Any other __type__
// (Epetra_CrsGraph, Epetra_MultiVector, ...) is another object and stays a group.
#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_epetraext(const UnderLocation& loc) {
    if (!link_exists(loc, "__type__")) return {};
    std::optional<std::string> type;
    try {
        type = read_string_dataset(loc, "__type__", {8, 40});
    } catch (const Error&) {
        return {};
    }
    if (!type) return {};
    if (*type != "Epetra_RowMatrix")  // another Epetra object, or some other tool's __type__
        return type->rfind("Epetra_", 0) == 0 ? Detection{Detection::Kind::kOther, {}} : Detection{};
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "epetraext";
    layout.orientation = Orientation::kCsr;
    layout.coordinates = true;
    layout.names = {"VAL", "COL", "ROW"};
    try {
        const std::vector<long double> rows = read_integer_dataset(loc, "NumGlobalRows", 1),
                                       cols = read_integer_dataset(loc, "NumGlobalCols", 1);
        if (rows.size() != 1 || cols.size() != 1) {
            layout.shape_error = "'NumGlobalRows' or 'NumGlobalCols' holds no extent";
            return found;
        }
        apply_shape(layout, {rows[0], cols[0]}, "datasets 'NumGlobalRows' and 'NumGlobalCols'");
    } catch (const Error& e) {
        layout.shape_error = std::string("datasets 'NumGlobalRows' and 'NumGlobalCols': ") + e.what();
    }
    return found;
}

}  // namespace h5sparse
