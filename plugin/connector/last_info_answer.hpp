// The answer the connector gave to the latest H5Oget_info on this thread.
//
// A link visit (H5Lvisit) must know, after its operator returns for a link, whether the object
// there shows as a matrix: nothing below a matrix is reported. Listing tools (h5ls, h5dump and
// every h5trav walker) have just asked exactly that with H5Oget_info_by_name in the operator,
// and asking the connector below again costs a path traversal per link: a tenth of `h5ls -r` of
// a file of many small groups. The visit compares the link's token with this answer's, so an
// answer about another object (or one in another file, past a mount point) is never used.
#pragma once

#include <hdf5.h>

#include <optional>

namespace h5sparse::last_info_answer {

// Called by the visit before its operator runs: only what the operator asks counts.
void forget() noexcept;

// Called by H5Oget_info: `info` as the connector below gave it (file number and token).
void remember(const H5O_info2_t& info, unsigned conventions, bool shown_as_matrix) noexcept;

// Whether the object with `token` in file `fileno` shows as a matrix under `conventions`, when
// the latest answer since forget() was about it; else nullopt.
std::optional<bool> shown_as_matrix(unsigned long fileno, const H5O_token_t& token, unsigned conventions) noexcept;

}  // namespace h5sparse::last_info_answer
