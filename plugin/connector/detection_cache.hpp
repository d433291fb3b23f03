// Detection answers, remembered per object of a file open read-only through the connector.
//
// A tool touches every group several times (h5ls -r: the visit, H5Oget_info, H5Oopen), and each
// time the connector must decide whether it is a sparse matrix: attribute probes and a string
// read, several times the cost of the native call itself. While a file is open read-only
// (without SWMR) nobody can change it, so the answer for an object, identified by its file
// number and token, stays true until the file is closed. Files opened for writing, or reached
// only through external links, are never cached: every question is asked again.
#pragma once

#include <hdf5.h>

#include <optional>

#include "formats/sparse_layout.hpp"

namespace h5sparse::detection_cache {

// Called with the under file right after it is opened (or re-opened) through the connector:
// true when it is cached (its intent is read-only). Every file that was cached must be passed
// to file_closing once, before it is closed below.
bool file_opened(void* under_file, hid_t under_vol_id, hid_t dxpl_id) noexcept;
void file_closing(void* under_file, hid_t under_vol_id, hid_t dxpl_id) noexcept;

// Is any file cached at all? (if not, callers skip fetching an object's identity)
bool active() noexcept;
// Is the file with this number cached (open read-only)?
bool caches(unsigned long fileno) noexcept;

// The remembered answer for the group identified by `identity` (fileno and token of
// H5O_INFO_BASIC) under `conventions`: nullopt when unknown, else the answer (not sparse,
// or its layout).
std::optional<std::optional<SparseLayout>> find(const H5O_info2_t& identity, unsigned conventions);
void remember(const H5O_info2_t& identity, unsigned conventions, const std::optional<SparseLayout>& answer);

// Whether find() has an answer (without copying it).
bool knows(const H5O_info2_t& identity, unsigned conventions);

// Groups that formats' may_hold_matrix ruled out: enough for the listing tools' question (is it a
// matrix?), not for find(), whose answer says why a marked group is none.
bool known_without_matrix(const H5O_info2_t& identity, unsigned conventions);
void remember_without_matrix(const H5O_info2_t& identity, unsigned conventions);

}  // namespace h5sparse::detection_cache
