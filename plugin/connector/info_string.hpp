// The connector's info string: what follows the name in HDF5_VOL_CONNECTOR.
//
//   under_vol=<value or name>;under_info={<the under connector's own info string>};
//   conventions=<all | none | comma-separated list of anndata,h5sparse,matlab,...,10x>;
//   unmarked=<csr | csc>;
//   threads=<1..255: threads decoding compressed components; default: the machine's cores>;
//   index_memory=<MiB: 0 or a power of two up to 2^20; default 512: the most a coordinate
//                 matrix's row index may take before its reads scan the entries instead>
//
// Keys may come in any order; each at most once. Values may contain nested, balanced braces;
// a value wrapped in one outer pair of braces is unwrapped. Anything else is an error with a
// message saying where. This layer is pure text: it knows nothing of HDF5 identifiers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace h5sparse {

// Sparse conventions the connector may recognise (a bit set).
enum Convention : unsigned {
    kAnndata = 1u << 0,   // encoding-type = csr_matrix | csc_matrix, shape attribute
    kH5sparse = 1u << 1,  // h5sparse_format = csr | csc, h5sparse_shape attribute
    kTenx = 1u << 2,      // 10x Genomics v3/v2 and HDF5Array TENx: a `shape` dataset, CSC
    kMatlab = 1u << 3,    // MATLAB v7.3 .mat: MATLAB_sparse attribute, jc/ir/data
    kHdmf = 1u << 4,      // HDMF / NWB: data_type = CSRMatrix, shape attribute
    kOctave = 1u << 5,    // Octave save -hdf5: a sparse variable's value group (cidx/ridx/data)
    kH5seurat = 1u << 6,  // SeuratDisk h5Seurat: dims attribute, CSC, in a file with its root attributes
    kChihaya = 1u << 7,   // chihaya / ArtifactDB: delayed_array = "sparse matrix", shape, by_column
    kCooler = 1u << 10,   // cooler: the pixels group of a format = HDF5::Cooler root (8, 9: below)
    kLoom = 1u << 11,     // loom graphs: a/b/w coordinates under /col_graphs or /row_graphs
    kEpetraext = 1u << 12,  // Trilinos EpetraExt: __type__ = Epetra_RowMatrix, ROW/COL/VAL coordinates
    kBinsparse = 1u << 13,  // binsparse: a JSON descriptor in the `binsparse` attribute
    kHickle = 1u << 14,     // hickle: `type` reference -> base_type csr_matrix | csc_matrix, shape dataset
};
inline constexpr unsigned kAllConventions =
    kAnndata | kH5sparse | kTenx | kMatlab | kHdmf | kOctave | kH5seurat | kChihaya | kCooler | kLoom | kEpetraext | kBinsparse |
    kHickle;

// The orientation a user states for marker-less groups (data, indices, indptr and a `shape`
// dataset with no evidence of 10x origin), which otherwise stay groups. Carried in the same bit
// set as the conventions: both decide what detection answers, so both key its cache.
enum UnmarkedOrientation : unsigned {
    kUnmarkedCsr = 1u << 8,
    kUnmarkedCsc = 1u << 9,
};
inline constexpr unsigned kUnmarkedMask = kUnmarkedCsr | kUnmarkedCsc;

// The decode thread count a user states (0: not stated, the machine's cores), carried in bits
// 16..23 of the same word so that every wrapped object inherits it with the conventions.
inline constexpr unsigned kThreadsShift = 16;
inline constexpr unsigned kMaxThreads = 255;
inline constexpr unsigned kThreadsMask = kMaxThreads << kThreadsShift;
inline constexpr unsigned threads_bits(unsigned threads) { return (threads & kMaxThreads) << kThreadsShift; }
inline constexpr unsigned threads_of(unsigned word) { return (word & kThreadsMask) >> kThreadsShift; }

// The row-index memory a user states (index_memory=), carried in bits 25..29 as a code: 0, not
// stated (kCooIndexBytes); 1, 0 MiB (coordinate matrices are always scanned); 2 + k, 2^k MiB.
inline constexpr unsigned kIndexMemoryShift = 25;
inline constexpr unsigned kMaxIndexMemoryLog2 = 20;
inline constexpr unsigned kIndexMemoryMask = 31u << kIndexMemoryShift;
inline constexpr unsigned index_memory_code(unsigned word) { return (word & kIndexMemoryMask) >> kIndexMemoryShift; }
// The MiB a code stands for (code != 0).
inline constexpr unsigned long long index_memory_mib(unsigned code) { return code == 1 ? 0 : 1ull << (code - 2); }

// Set by the connector itself (never by the info string) on files opened through an MPI-IO driver:
// HDF5's pipeline decodes their compressed components, not read/chunk_stream. HDF5 makes its own
// chunk index lookups independent when collective metadata reads are on; the raw chunk queries
// chunk_stream makes (chunk info by coordinate) keep them collective, and the ranks, which look
// up different chunks, wait for each other forever.
inline constexpr unsigned kPipelineDecodes = 1u << 24;

// Every field of the word has bits of its own.
static_assert((kAllConventions & (kUnmarkedMask | kThreadsMask | kIndexMemoryMask | kPipelineDecodes)) == 0);
static_assert((kUnmarkedMask & (kThreadsMask | kIndexMemoryMask | kPipelineDecodes)) == 0);
static_assert((kThreadsMask & (kIndexMemoryMask | kPipelineDecodes)) == 0);
static_assert((kIndexMemoryMask & kPipelineDecodes) == 0);
static_assert(2 + kMaxIndexMemoryLog2 <= (kIndexMemoryMask >> kIndexMemoryShift));

struct InfoText {
    std::optional<std::string> under_vol;   // value ("0") or name ("native")
    std::optional<std::string> under_info;  // braces removed
    unsigned conventions = kAllConventions;
    unsigned unmarked = 0;  // 0, kUnmarkedCsr or kUnmarkedCsc
    unsigned threads = 0;   // 0 (not stated) or 1..kMaxThreads
    unsigned index_memory = 0;  // 0 (not stated) or a code (kIndexMemoryShift)
};

// Throws std::invalid_argument with a message naming the problem and its position.
InfoText parse_info_string(std::string_view text);

// Canonical text; parse_info_string(to_string(x)) == x.
std::string to_string(const InfoText& info);

std::string conventions_to_string(unsigned conventions);

bool operator==(const InfoText& a, const InfoText& b);

}  // namespace h5sparse
