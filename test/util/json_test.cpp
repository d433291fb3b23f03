// plugin/util/json: descriptors come from files, so anything may arrive. Expected values are
// written out by hand here.
#define BOOST_TEST_MODULE util_json
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "util/json.hpp"

using h5sparse::JsonValue;
using h5sparse::parse_json;

BOOST_AUTO_TEST_CASE(a_binsparse_descriptor_reads_as_written) {
    std::string error;
    const auto v = parse_json(R"( {"binsparse": {"version": "0.1", "format": "CSR", "shape": [7, 18446744073709551615],
        "fill": true, "structure": null, "data_types": {"values": "complex[float64]"}, "x": -1.5e3, "s": "a\"\\\u0041"}} )",
                              error);
    BOOST_TEST_REQUIRE(v.has_value(), error);
    const JsonValue* d = v->member("binsparse");
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(d->member("format")->text == "CSR");
    const JsonValue* shape = d->member("shape");
    BOOST_TEST_REQUIRE(shape->items.size() == 2u);
    BOOST_TEST(shape->items[0].integer);
    BOOST_TEST(static_cast<double>(shape->items[0].number) == 7.0);
    BOOST_TEST(static_cast<unsigned long long>(shape->items[1].number) == 18446744073709551615ull);
    BOOST_TEST(d->member("fill")->boolean);
    BOOST_TEST((d->member("structure")->kind == JsonValue::Kind::kNull));
    BOOST_TEST(d->member("data_types")->member("values")->text == "complex[float64]");
    BOOST_TEST(!d->member("x")->integer);
    BOOST_TEST(static_cast<double>(d->member("x")->number) == -1500.0);
    BOOST_TEST(d->member("s")->text == "a\"\\A");
    BOOST_TEST(d->member("missing") == nullptr);
}

BOOST_AUTO_TEST_CASE(malformed_text_is_refused_with_its_position) {
    const std::pair<const char*, const char*> cases[] = {
        {"", "a missing value at byte 0"},
        {R"({"a": 1)", "',' or '}' expected at byte 7"},
        {R"({"a" 1})", "':' expected at byte 5"},
        {R"([1, 2,])", "a value expected at byte 6"},
        {R"("abc)", "an unterminated string at byte 4"},
        {R"({"a": tru})", "an unknown word at byte 6"},
        {R"({"a": 1} x)", "text after the value at byte 9"},
        {R"("\u00e9")", "a \\u escape outside ASCII"},
        {R"([1.2.3])", "',' or ']' expected at byte 4"},
        {R"(01)", "a number with a leading zero at byte 2"},
        {R"(1.)", "a malformed number at byte 2"},
        {R"(1e+)", "a malformed number at byte 3"},

    };
    for (const auto& [text, expected] : cases)
        BOOST_TEST_CONTEXT(text) {
            std::string error;
            BOOST_TEST(!parse_json(text, error).has_value());
            BOOST_TEST(error.find(expected) != std::string::npos, error);
        }
}

// Numbers nobody's shape uses must not make a descriptor unreadable: too large for 64 bits or
// out of a double's range, they are kept inexact (and are not integers).
BOOST_AUTO_TEST_CASE(numbers_beyond_range_are_kept_inexact) {
    std::string error;
    const auto v = parse_json(R"([18446744073709551616, 1e-400, -1e400, 18446744073709551615])", error);
    BOOST_TEST_REQUIRE(v.has_value(), error);
    BOOST_TEST(!v->items[0].integer);
    BOOST_TEST(static_cast<double>(v->items[0].number) == 18446744073709551616.0);
    BOOST_TEST(static_cast<double>(v->items[1].number) == 0.0);
    BOOST_TEST(std::isinf(static_cast<double>(v->items[2].number)));
    BOOST_TEST(v->items[3].integer);
}

BOOST_AUTO_TEST_CASE(nesting_is_bounded) {
    std::string error;
    BOOST_TEST(parse_json(std::string(31, '[') + std::string(31, ']'), error).has_value(), error);
    const std::string deep(100000, '[');  // would overflow the stack if recursion were unbounded
    BOOST_TEST(!parse_json(deep, error).has_value());
    BOOST_TEST(error.find("nesting deeper than 32 levels") != std::string::npos, error);
}
