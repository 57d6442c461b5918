// RFC 9421 sections 2.1 and 2.2: field values and derived components as the RFC's examples give
// them, the signature base's refusals (section 2.5), and the origins they are built from.
#include "federation/signatures/message_components.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>

#include "federation/signatures/signature_base.hpp"
#include "federation/signatures/signature_error.hpp"
#include "federation/signatures/structured_fields.hpp"

namespace hindsight::federation {
namespace {

using Reason = SignatureError::Reason;

std::optional<Reason> refusal(const RequestParts& request, std::string_view name) {
  try {
    component_value(request, name);
  } catch (const SignatureError& e) {
    return e.reason();
  }
  return std::nullopt;
}

// Section 2.2's example request: POST /path?param=value to www.example.com over HTTPS.
TEST(DerivedComponents, MatchTheRfcExamples) {
  HeaderFields headers = {{"Host", "www.example.com"}};
  RequestParts request{"POST", "/path?param=value", Origin::parse("https://www.example.com"),
                       field_lookup(headers)};
  EXPECT_EQ(component_value(request, "@method"), "POST");
  EXPECT_EQ(component_value(request, "@target-uri"), "https://www.example.com/path?param=value");
  EXPECT_EQ(component_value(request, "@authority"), "www.example.com");
  EXPECT_EQ(component_value(request, "@scheme"), "https");
  EXPECT_EQ(component_value(request, "@request-target"), "/path?param=value");
  EXPECT_EQ(component_value(request, "@path"), "/path");
  EXPECT_EQ(component_value(request, "@query"), "?param=value");
}

// Section 2.2.7's three examples.
TEST(DerivedComponents, QueryKeepsPercentEncodingAndIsAQuestionMarkWhenAbsent) {
  HeaderFields headers;
  RequestParts request{"GET", "/path?param=value&foo=bar&baz=bat%2Dman",
                       Origin::parse("https://www.example.com"), field_lookup(headers)};
  EXPECT_EQ(component_value(request, "@query"), "?param=value&foo=bar&baz=bat%2Dman");
  request.target = "/path?queryString";
  EXPECT_EQ(component_value(request, "@query"), "?queryString");
  request.target = "/path";
  EXPECT_EQ(component_value(request, "@query"), "?");
  request.target = "/path?";
  EXPECT_EQ(component_value(request, "@query"), "?");
}

TEST(DerivedComponents, PathAndTargetAreTheBytesThatTravelled) {
  HeaderFields headers;
  RequestParts request{"GET", "/a%2Fb/%7Euser?q=%20", Origin::parse("https://h.example:8443"),
                       field_lookup(headers)};
  EXPECT_EQ(component_value(request, "@path"), "/a%2Fb/%7Euser");
  EXPECT_EQ(component_value(request, "@target-uri"), "https://h.example:8443/a%2Fb/%7Euser?q=%20");
  EXPECT_EQ(component_value(request, "@authority"), "h.example:8443");
}

TEST(DerivedComponents, MethodKeepsItsCase) {
  HeaderFields headers;
  RequestParts request{"post", "/", Origin::parse("https://h.example"), field_lookup(headers)};
  EXPECT_EQ(component_value(request, "@method"), "post");
}

TEST(DerivedComponents, UnsupportedOnesAreRefused) {
  HeaderFields headers;
  RequestParts request{"GET", "/", Origin::parse("https://h.example"), field_lookup(headers)};
  EXPECT_EQ(refusal(request, "@query-param"), Reason::kUnsupportedComponent);
  EXPECT_EQ(refusal(request, "@status"), Reason::kUnsupportedComponent);
  EXPECT_EQ(refusal(request, "@unknown"), Reason::kUnsupportedComponent);
  request.target = "https://h.example/";  // absolute form: no @target-uri from the origin
  EXPECT_EQ(refusal(request, "@target-uri"), Reason::kUnsupportedComponent);
  EXPECT_EQ(refusal(request, "@path"), Reason::kUnsupportedComponent);
  EXPECT_EQ(component_value(request, "@request-target"), "https://h.example/");
}

// Section 2.1's example message.
TEST(FieldComponents, AreTrimmedUnfoldedAndCombinedAsTheRfcShows) {
  HeaderFields headers = {{"Host", "www.example.com"},
                          {"Date", "Tue, 20 Apr 2021 02:07:56 GMT"},
                          {"X-OWS-Header", "   Leading and trailing whitespace.   "},
                          {"X-Obs-Fold-Header", "Obsolete\r\n    line folding."},
                          {"Cache-Control", "max-age=60"},
                          {"Cache-Control", "   must-revalidate"},
                          {"Example-Dict", " a=1,    b=2;x=1;y=2,   c=(a   b   c)"},
                          {"X-Empty-Header", ""}};
  RequestParts request{"GET", "/", Origin::parse("https://www.example.com"), field_lookup(headers)};
  EXPECT_EQ(component_value(request, "host"), "www.example.com");
  EXPECT_EQ(component_value(request, "date"), "Tue, 20 Apr 2021 02:07:56 GMT");
  EXPECT_EQ(component_value(request, "x-ows-header"), "Leading and trailing whitespace.");
  EXPECT_EQ(component_value(request, "x-obs-fold-header"), "Obsolete line folding.");
  EXPECT_EQ(component_value(request, "cache-control"), "max-age=60, must-revalidate");
  EXPECT_EQ(component_value(request, "example-dict"), "a=1,    b=2;x=1;y=2,   c=(a   b   c)");
  EXPECT_EQ(component_value(request, "x-empty-header"), "");
}

TEST(FieldComponents, AbsentUppercaseOrUnsafeOnesAreRefused) {
  HeaderFields headers = {{"X-Line", "a\nb"},
                          {"X-Cr", "a\rb"},
                          {"X-Utf8", "caf\xc3\xa9"},
                          {"Content-Type", "application/json"}};
  RequestParts request{"GET", "/", Origin::parse("https://h.example"), field_lookup(headers)};
  EXPECT_EQ(refusal(request, "content-digest"), Reason::kComponentUnavailable);
  EXPECT_EQ(refusal(request, "Content-Type"), Reason::kMalformed);
  EXPECT_EQ(refusal(request, ""), Reason::kMalformed);
  EXPECT_EQ(refusal(request, "x-line"), Reason::kComponentUnavailable);
  EXPECT_EQ(refusal(request, "x-cr"), Reason::kComponentUnavailable);
  EXPECT_EQ(refusal(request, "x-utf8"), Reason::kComponentUnavailable);
}

std::optional<Reason> base_refusal(std::string_view signature_input) {
  HeaderFields headers = {{"Content-Type", "application/json"}};
  RequestParts request{"GET", "/", Origin::parse("https://h.example"), field_lookup(headers)};
  try {
    signature_base(std::get<sf::InnerList>(sf::parse_list(signature_input).at(0)), request);
  } catch (const SignatureError& e) {
    return e.reason();
  }
  return std::nullopt;
}

// Section 2.5.
TEST(SignatureBase, RefusesRepeatedParameterizedOrSelfReferencingComponents) {
  EXPECT_EQ(base_refusal(R"(("@method" "content-type");created=1)"), std::nullopt);
  EXPECT_EQ(base_refusal(R"(("@method" "@method"))"), Reason::kMalformed);
  EXPECT_EQ(base_refusal(R"(("content-type";sf))"), Reason::kUnsupportedComponent);
  EXPECT_EQ(base_refusal(R"(("content-type";bs))"), Reason::kUnsupportedComponent);
  EXPECT_EQ(base_refusal(R"(("@query-param";name="a"))"), Reason::kUnsupportedComponent);
  EXPECT_EQ(base_refusal(R"(("@signature-params"))"), Reason::kMalformed);
  EXPECT_EQ(base_refusal(R"((method))"), Reason::kMalformed);
}

TEST(SignatureBase, EndsWithTheSignatureParamsLineAndNoNewline) {
  HeaderFields headers = {{"Content-Type", "application/json"}};
  RequestParts request{"GET", "/x?y", Origin::parse("https://h.example"), field_lookup(headers)};
  auto input = std::get<sf::InnerList>(
      sf::parse_list(R"(("@method" "content-type");created=1;keyid="k";unknown=?0)").at(0));
  EXPECT_EQ(
      signature_base(input, request),
      "\"@method\": GET\n\"content-type\": application/json\n"
      "\"@signature-params\": (\"@method\" \"content-type\");created=1;keyid=\"k\";unknown=?0");
  EXPECT_EQ(signature_base(sf::InnerList{}, request), "\"@signature-params\": ()");
}

TEST(Origin, IsNormalizedAsAnAuthority) {
  EXPECT_EQ(Origin::parse("https://a.example").to_string(), "https://a.example");
  EXPECT_EQ(Origin::parse("HTTPS://A.Example:443").to_string(), "https://a.example");
  EXPECT_EQ(Origin::parse("https://a.example:8443").to_string(), "https://a.example:8443");
  EXPECT_EQ(Origin::parse("https://a.example:0443").to_string(), "https://a.example");
  EXPECT_EQ(Origin::parse("http://a.example:80").to_string(), "http://a.example");
  EXPECT_EQ(Origin::parse("http://a.example:443").to_string(), "http://a.example:443");
  EXPECT_EQ(Origin::parse("https://127.0.0.1:8443").authority, "127.0.0.1:8443");
  EXPECT_EQ(Origin::parse("https://[::1]:8443").authority, "[::1]:8443");
  EXPECT_EQ(Origin::parse("https://[::1]").authority, "[::1]");
}

TEST(Origin, RefusesAnythingButSchemeHostAndPort) {
  for (std::string_view bad :
       {"a.example", "ftp://a.example", "https://", "https://a.example/", "https://a.example/x",
        "https://a.example?x", "https://u@a.example", "https://a.example:", "https://a.example:x",
        "https://a.example:0", "https://a.example:65536", "https://a example", "https://[::1",
        "https://[::1]x", "https://[::1]:", "https://[]", "https://a.example#f"}) {
    EXPECT_THROW(Origin::parse(bad), std::invalid_argument) << bad;
  }
}

TEST(SplitUrl, GivesTheOriginAndTheOriginFormTarget) {
  auto [origin, target] = split_url("https://B.example:443/federation/v1/lessons?after=&limit=5");
  EXPECT_EQ(origin.to_string(), "https://b.example");
  EXPECT_EQ(target, "/federation/v1/lessons?after=&limit=5");
  EXPECT_EQ(split_url("https://b.example").second, "/");
  EXPECT_EQ(split_url("https://b.example?x=1").second, "/?x=1");
  EXPECT_THROW(split_url("https://b.example/#frag"), std::invalid_argument);
  EXPECT_THROW(split_url("/relative"), std::invalid_argument);
}

}  // namespace
}  // namespace hindsight::federation
