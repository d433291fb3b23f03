// The info string parser: round trips, nesting, and clear refusals.
#define BOOST_TEST_MODULE info_string
#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <vector>

#include "connector/info_string.hpp"

using namespace h5sparse;

BOOST_AUTO_TEST_CASE(empty_means_defaults) {
    InfoText t = parse_info_string("");
    BOOST_TEST(!t.under_vol.has_value());
    BOOST_TEST(t.conventions == kAllConventions);
    BOOST_TEST(to_string(t) == "");
}

BOOST_AUTO_TEST_CASE(the_passthrough_form) {
    InfoText t = parse_info_string("under_vol=0;under_info={}");
    BOOST_TEST(*t.under_vol == "0");
    BOOST_TEST(*t.under_info == "");
    BOOST_TEST(to_string(t) == "under_vol=0;under_info={}");
}

BOOST_AUTO_TEST_CASE(nested_braces_stay_whole) {
    const char* text = "under_vol=1;under_info={under_vol=0;under_info={a={b;c}}};conventions=anndata,10x";
    InfoText t = parse_info_string(text);
    BOOST_TEST(*t.under_vol == "1");
    BOOST_TEST(*t.under_info == "under_vol=0;under_info={a={b;c}}");
    BOOST_TEST(t.conventions == (kAnndata | kTenx));
    BOOST_TEST(to_string(t) == text);
    BOOST_TEST((parse_info_string(to_string(t)) == t));
}

BOOST_AUTO_TEST_CASE(conventions_keywords) {
    BOOST_TEST(parse_info_string("conventions=none").conventions == 0u);
    BOOST_TEST(parse_info_string("conventions=all").conventions == kAllConventions);
    BOOST_TEST(parse_info_string("conventions=h5sparse").conventions == kH5sparse);
    BOOST_TEST(to_string(parse_info_string("conventions=none")) == "conventions=none");
    BOOST_TEST(to_string(parse_info_string(" conventions = 10x ; ")) == "conventions=10x");
}

BOOST_AUTO_TEST_CASE(unmarked_orientation) {
    BOOST_TEST(parse_info_string("").unmarked == 0u);
    BOOST_TEST(parse_info_string("unmarked=csr").unmarked == kUnmarkedCsr);
    BOOST_TEST(parse_info_string("unmarked={csc}").unmarked == kUnmarkedCsc);
    BOOST_TEST(to_string(parse_info_string("unmarked=csc;conventions=anndata")) == "conventions=anndata;unmarked=csc");
}

BOOST_AUTO_TEST_CASE(decode_threads) {
    BOOST_TEST(parse_info_string("").threads == 0u);
    BOOST_TEST(parse_info_string("threads=1").threads == 1u);
    BOOST_TEST(parse_info_string("threads={255}").threads == 255u);
    BOOST_TEST(to_string(parse_info_string("threads=4;conventions=10x")) == "conventions=10x;threads=4");
    // Carried beside the convention bits, without touching them.
    BOOST_TEST(threads_of(unsigned{kAnndata} | unsigned{kUnmarkedCsc} | threads_bits(7)) == 7u);
    BOOST_TEST(((unsigned{kAnndata} | unsigned{kUnmarkedCsc} | threads_bits(255)) & (kAllConventions | kUnmarkedMask)) ==
               (unsigned{kAnndata} | unsigned{kUnmarkedCsc}));
}

BOOST_AUTO_TEST_CASE(index_memory) {
    BOOST_TEST(parse_info_string("").index_memory == 0u);  // not stated: the default
    BOOST_TEST(index_memory_mib(parse_info_string("index_memory=0").index_memory) == 0u);
    BOOST_TEST(index_memory_mib(parse_info_string("index_memory=1").index_memory) == 1u);
    BOOST_TEST(index_memory_mib(parse_info_string("index_memory={4096}").index_memory) == 4096u);
    BOOST_TEST(index_memory_mib(parse_info_string("index_memory=1048576").index_memory) == 1048576u);
    BOOST_TEST(to_string(parse_info_string("index_memory=64;threads=2")) == "threads=2;index_memory=64");
    BOOST_TEST(to_string(parse_info_string("index_memory=0")) == "index_memory=0");
    // Carried beside the other bits, without touching them.
    const unsigned word = unsigned{kAllConventions} | unsigned{kUnmarkedCsr} | threads_bits(255) |
                          (parse_info_string("index_memory=8").index_memory << kIndexMemoryShift) | kPipelineDecodes;
    BOOST_TEST(index_memory_mib(index_memory_code(word)) == 8u);
    BOOST_TEST(threads_of(word) == 255u);
    BOOST_TEST((word & (kAllConventions | kUnmarkedMask)) == (unsigned{kAllConventions} | unsigned{kUnmarkedCsr}));
    BOOST_TEST((word & kPipelineDecodes) != 0u);
}

BOOST_AUTO_TEST_CASE(round_trip_over_a_grid) {
    // Every subset of the convention bits (they are not contiguous: the unmarked bits sit between).
    std::vector<unsigned> subsets;
    for (unsigned conv = 0;; conv = (conv - kAllConventions) & kAllConventions) {
        subsets.push_back(conv);
        if (conv == kAllConventions) break;
    }
    BOOST_TEST(subsets.size() == (size_t{1} << __builtin_popcount(kAllConventions)));
    for (unsigned conv : subsets)
        for (const char* under : {"", "0", "1", "pass_through"}) {
            InfoText t;
            if (*under) {
                t.under_vol = under;
                t.under_info = conv % 2 ? "under_vol=0;under_info={}" : "";
            }
            t.conventions = conv;
            for (unsigned unmarked : {0u, unsigned{kUnmarkedCsr}, unsigned{kUnmarkedCsc}})
                for (unsigned threads : {0u, 1u, 16u}) {
                    t.unmarked = unmarked;
                    t.threads = threads;
                    BOOST_TEST((parse_info_string(to_string(t)) == t), "round trip of '" << to_string(t) << "'");
                }
        }
}

void expect_refusal(const char* text, const char* fragment) {
    try {
        parse_info_string(text);
        BOOST_ERROR("accepted '" << text << "'");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos,
                   "'" << text << "' -> '" << e.what() << "' lacks '" << fragment << "'");
    }
}

BOOST_AUTO_TEST_CASE(refusals_say_why) {
    expect_refusal("under_vol=0;under_info={", "unmatched '{'");
    expect_refusal("under_vol=0;under_info=}", "unmatched '}'");
    expect_refusal("bogus=1", "unknown key 'bogus'");
    expect_refusal("under_vol", "not key=value");
    expect_refusal("under_vol=0;under_vol=1", "given twice");
    expect_refusal("conventions=csr", "unknown convention 'csr'");
    expect_refusal("under_info={}", "without under_vol");
    expect_refusal("under_vol=", "under_vol is empty");
    expect_refusal("unmarked=coo", "unmarked='coo' (expected csr or csc)");
    expect_refusal("unmarked=csr;unmarked=csc", "given twice");
    expect_refusal("threads=0", "threads='0' (expected a number from 1 to 255)");
    expect_refusal("threads=256", "threads='256'");
    expect_refusal("threads=-1", "threads='-1'");
    expect_refusal("threads=two", "threads='two'");
    expect_refusal("threads=", "threads=''");
    expect_refusal("threads=1;threads=2", "given twice");
    expect_refusal("index_memory=3", "index_memory='3' (expected 0 or a power of two up to 1048576, in MiB)");
    expect_refusal("index_memory=2097152", "index_memory='2097152'");
    expect_refusal("index_memory=-1", "index_memory='-1'");
    expect_refusal("index_memory=", "index_memory=''");
    expect_refusal("index_memory=1;index_memory=1", "given twice");
}
