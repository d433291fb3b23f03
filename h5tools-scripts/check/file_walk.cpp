// Strategy: a depth-first walk over hard links in name order (stable output), each object
// visited once (hard links to the same group, and cycles, are skipped by object token, as
// H5Ovisit does). Soft and external links are not followed. Below a sparse group nothing is
// visited: the connector shows the group as one dataset and hides what it holds.
#include "check/file_walk.hpp"

#include <hdf5.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <set>
#include <vector>

#include "check/group_check.hpp"
#include "check/native_io.hpp"
#include "connector/info_string.hpp"
#include "formats/detect.hpp"
#include "util/error.hpp"
#include "util/handle.hpp"
#include "util/iteration_step.hpp"

namespace h5sparse::checker {
namespace {

using Token = std::array<unsigned char, sizeof(H5O_token_t)>;

Token token_of(const H5O_token_t& t) {
    Token out;
    std::memcpy(out.data(), &t, out.size());
    return out;
}

herr_t collect_hard_link(hid_t, const char* name, const H5L_info2_t* info, void* data) noexcept {
    return iteration_step([&] {
        if (info->type == H5L_TYPE_HARD) static_cast<std::vector<std::string>*>(data)->push_back(name);
        return 0;
    });
}

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* data) noexcept {
    return iteration_step([&] {
        static_cast<std::vector<std::string>*>(data)->push_back(name);
        return 0;
    });
}

herr_t collect_link_name(hid_t, const char* name, const H5L_info2_t*, void* data) noexcept {
    auto* names = static_cast<std::vector<std::string>*>(data);
    if (names->size() == kListedLinks) return 1;  // more than detection lists: it asks one by one
    return iteration_step([&] {
        names->push_back(name);
        return 0;
    });
}

class Walker {
public:
    Walker(const std::string& file, FileReport& report, Progress& progress)
        : file_(file), report_(report), progress_(progress),
          native_(H5VLget_connector_id_by_value(H5_VOL_NATIVE)) {
        if (!native_) hdf5_failure("cannot find HDF5's native connector");
    }

    void visit(hid_t group, const std::string& path) {
        UnderLocation here{H5VLobject(group), H5I_GROUP, native_.get(), "", H5P_DATASET_XFER_DEFAULT};
        // Listed here, through the API: detection's own listings need an API call's context
        // (formats/under_io.hpp, with_attribute_names and with_link_names).
        auto attribute_names = std::make_shared<std::vector<std::string>>();
        if (H5Aiterate2(group, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, collect_attribute_name, attribute_names.get()) < 0)
            hdf5_failure("cannot list the attributes of '" + path + "'");
        here.attribute_names = std::move(attribute_names);
        here.links = std::make_shared<UnderLocation::LinkListing>();
        const herr_t listed = H5Literate2(group, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, collect_link_name, &here.links->names);
        if (listed < 0) hdf5_failure("cannot list the links of '" + path + "'");
        here.links->listed = true;
        here.links->complete = listed == 0;
        std::optional<SparseLayout> layout;
        {
            ApiContextScope context;
            layout = detect_sparse_group(here, kAllConventions);
        }
        if (layout && layout->in_root_group) {
            // The root stays the root; its matrix is checked as the connector shows it, /matrix.
            layout->unsupported.clear();
            report_.groups.push_back(check_group(group, std::string("/") + kRootMatrixName, *layout, file_, progress_));
        } else if (layout) {
            report_.groups.push_back(check_group(group, path, *layout, file_, progress_));
            return;
        }
        std::vector<std::string> names;
        if (H5Literate2(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_hard_link, &names) < 0)
            hdf5_failure("cannot list the links of '" + path + "'");
        for (const std::string& name : names) {
            H5O_info2_t info{};
            if (H5Oget_info_by_name3(group, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
                hdf5_failure("cannot look at '" + child(path, name) + "'");
            if (info.type != H5O_TYPE_GROUP || !seen_.insert(token_of(info.token)).second) continue;
            Handle sub(H5Gopen2(group, name.c_str(), H5P_DEFAULT));
            if (!sub) hdf5_failure("cannot open group '" + child(path, name) + "'");
            visit(sub.get(), child(path, name));
        }
    }

    void mark_seen(hid_t group) {
        H5O_info2_t info{};
        if (H5Oget_info3(group, &info, H5O_INFO_BASIC) >= 0) seen_.insert(token_of(info.token));
    }

private:
    static std::string child(const std::string& path, const std::string& name) {
        return path == "/" ? "/" + name : path + "/" + name;
    }

    const std::string& file_;
    FileReport& report_;
    Progress& progress_;
    Handle native_;
    std::set<Token> seen_;
};

}  // namespace

FileReport check_file(const std::string& file, Progress& progress) {
    FileReport report;
    report.file = file;
    try {
        Handle fapl(native_file_access());
        if (H5Fis_accessible(file.c_str(), fapl.get()) <= 0) {
            H5Eclear2(H5E_DEFAULT);
            FILE* probe = std::fopen(file.c_str(), "rb");
            if (!probe) fail(H5E_FILE, H5E_CANTOPENFILE, std::string("cannot read it: ") + std::strerror(errno));
            std::fclose(probe);
            fail(H5E_FILE, H5E_NOTHDF5, "not an HDF5 file");
        }
        Handle handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.get()));
        if (!handle) hdf5_failure("cannot open it");
        Handle root(H5Gopen2(handle.get(), "/", H5P_DEFAULT));
        if (!root) hdf5_failure("cannot open its root group");
        Walker walker(file, report, progress);
        walker.mark_seen(root.get());
        walker.visit(root.get(), "/");
    } catch (const std::exception& e) {
        progress.end();
        report.error = e.what();
    }
    return report;
}

}  // namespace h5sparse::checker
