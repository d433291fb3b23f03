// A unique temporary file path (created with mkstemps under $TMPDIR, or /tmp), removed when the
// object is destroyed. The file exists, empty, after construction so that the name stays
// reserved; HDF5 writers truncate it with H5F_ACC_TRUNC.
#pragma once

#include <string>
#include <string_view>

namespace h5sparse_test {

class TempFile {
public:
    // The name is <dir>/<stem>-XXXXXX<suffix>.
    explicit TempFile(std::string_view stem = "h5sparse-test", std::string_view suffix = ".h5");
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    TempFile(TempFile&& other) noexcept;
    TempFile& operator=(TempFile&& other) noexcept;
    ~TempFile();

    const std::string& path() const { return path_; }
    const char* c_str() const { return path_.c_str(); }

private:
    void remove();
    std::string path_;
};

// $TMPDIR when set and non-empty, otherwise /tmp.
std::string temp_directory();

}  // namespace h5sparse_test
