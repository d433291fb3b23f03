#include "support/temp_file.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

namespace h5sparse_test {

std::string temp_directory() {
    const char* dir = std::getenv("TMPDIR");
    return (dir != nullptr && *dir != '\0') ? std::string(dir) : std::string("/tmp");
}

TempFile::TempFile(std::string_view stem, std::string_view suffix) {
    std::string pattern = temp_directory() + "/" + std::string(stem) + "-XXXXXX" + std::string(suffix);
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = mkstemps(buf.data(), static_cast<int>(suffix.size()));
    if (fd < 0) throw std::runtime_error("mkstemps(" + pattern + ") failed: " + std::strerror(errno));
    ::close(fd);
    path_ = buf.data();
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::exchange(other.path_, {})) {}

TempFile& TempFile::operator=(TempFile&& other) noexcept {
    if (this != &other) {
        remove();
        path_ = std::exchange(other.path_, {});
    }
    return *this;
}

TempFile::~TempFile() { remove(); }

void TempFile::remove() {
    if (!path_.empty()) std::remove(path_.c_str());
    path_.clear();
}

}  // namespace h5sparse_test
