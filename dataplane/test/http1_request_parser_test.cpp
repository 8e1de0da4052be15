#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>

#include "http1/request_parser.h"

namespace lintel::http1 {
namespace {

// Allocation-free by construction: the parser's state is a fixed-size, trivially copyable
// aggregate of integers and arrays, which cannot own heap memory.
static_assert(std::is_trivially_copyable_v<RequestHead>);
static_assert(std::is_trivially_copyable_v<RequestParser>);
static_assert(std::is_trivially_destructible_v<RequestParser>);

// Keeps its own copy of the request so that the head's views stay valid in the test.
struct Parsed {
  ParseResult result;
  RequestParser parser;
  std::shared_ptr<const std::string> bytes;
};

// Parses `request` in one call, and again one byte at a time; both must agree.
Parsed parse(const std::string& request, RequestParserLimits limits = {}) {
  Parsed whole{{}, RequestParser(limits), std::make_shared<const std::string>(request)};
  whole.result = whole.parser.parse(*whole.bytes);

  RequestParser bytewise(limits);
  ParseResult last;
  std::string grown;
  for (char c : request) {
    grown.push_back(c);  // the buffer moves as it grows: offsets must survive that
    last = bytewise.parse(grown);
    if (last.status != ParseStatus::kNeedMore) break;
  }
  EXPECT_EQ(static_cast<int>(last.status), static_cast<int>(whole.result.status)) << request;
  EXPECT_EQ(last.error, whole.result.error) << request;
  EXPECT_EQ(last.consumed, whole.result.consumed) << request;
  return whole;
}

ParseError error_of(const std::string& request, RequestParserLimits limits = {}) {
  Parsed p = parse(request, limits);
  EXPECT_EQ(p.result.status, ParseStatus::kError) << request;
  return p.result.error;
}

void expect_ok(const std::string& request) {
  Parsed p = parse(request);
  EXPECT_EQ(p.result.status, ParseStatus::kComplete) << request << " -> " << reason(p.result.error);
}

TEST(RequestParser, ParsesSimpleRequest) {
  const std::string request =
      "GET /a/b?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent:  curl/8 \t\r\nAccept:\r\n\r\nBODY";
  Parsed p = parse(request);
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.result.consumed, request.size() - 4);
  const RequestHead& head = p.parser.head();
  EXPECT_EQ(head.method(), "GET");
  EXPECT_EQ(head.target(), "/a/b?x=1");
  EXPECT_EQ(head.version(), HttpVersion::kHttp11);
  EXPECT_EQ(head.target_form(), TargetForm::kOrigin);
  ASSERT_EQ(head.field_count(), 3u);
  EXPECT_EQ(head.field(0).name, "Host");
  EXPECT_EQ(head.field(0).value, "example.com");
  EXPECT_EQ(head.field(1).value, "curl/8");  // OWS trimmed on both sides
  EXPECT_EQ(head.field(2).value, "");
  EXPECT_EQ(head.host(), "example.com");
  EXPECT_EQ(head.body_framing(), BodyFraming::kNone);
  EXPECT_TRUE(head.keep_alive());
  EXPECT_FALSE(head.expects_continue());
  EXPECT_FALSE(head.upgrade_requested());
  // Views point into the caller's buffer, not into copies.
  EXPECT_EQ(head.method().data(), p.bytes->data());
}

TEST(RequestParser, NeedsMoreUntilTheEmptyLine) {
  RequestParser parser;
  std::string buffer = "GET / HTTP/1.1\r\nHost: a\r\n";
  EXPECT_EQ(parser.parse(buffer).status, ParseStatus::kNeedMore);
  buffer += "\r";
  EXPECT_EQ(parser.parse(buffer).status, ParseStatus::kNeedMore);
  buffer += "\n";
  const ParseResult result = parser.parse(buffer);
  EXPECT_EQ(result.status, ParseStatus::kComplete);
  EXPECT_EQ(result.consumed, buffer.size());
  // Complete stays complete, and rebasing follows the buffer.
  std::string moved = buffer;
  EXPECT_EQ(parser.parse(moved).consumed, buffer.size());
  EXPECT_EQ(parser.head().host().data(), moved.data() + 22);
  std::string again = buffer;
  parser.head().rebase(again);
  EXPECT_EQ(parser.head().host().data(), again.data() + 22);
}

TEST(RequestParser, ResetTakesThePipelinedNextRequest) {
  const std::string first = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n";
  const std::string second = "POST /2 HTTP/1.1\r\nHost: b\r\nContent-Length: 3\r\n\r\n";
  const std::string stream = first + second;
  RequestParser parser;
  ParseResult r = parser.parse(stream);
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.consumed, first.size());
  parser.reset();
  r = parser.parse(std::string_view(stream).substr(first.size()));
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(parser.head().method(), "POST");
  EXPECT_EQ(parser.head().host(), "b");
  EXPECT_EQ(parser.head().body_framing(), BodyFraming::kContentLength);
  EXPECT_EQ(parser.head().content_length(), 3u);
}

TEST(RequestParser, ResetForgetsEverything) {
  RequestParser parser;
  const std::string first =
      "\r\nCONNECT a:1 HTTP/1.1\r\nHost: a\r\nConnection: close, upgrade\r\nUpgrade: x\r\n"
      "Expect: 100-continue\r\nContent-Length: 7\r\n\r\n";
  ASSERT_EQ(parser.parse(first).status, ParseStatus::kComplete);
  parser.reset();
  // Counts of Host and Content-Length start again, as do the leading empty lines.
  const std::string second = "\r\n\r\n\r\n\r\nGET / HTTP/1.0\r\nContent-Length: 1\r\n\r\n";
  ASSERT_EQ(parser.parse(second).status, ParseStatus::kComplete);
  const RequestHead& head = parser.head();
  EXPECT_EQ(head.version(), HttpVersion::kHttp10);
  EXPECT_EQ(head.target_form(), TargetForm::kOrigin);
  EXPECT_EQ(head.target_authority(), "");
  EXPECT_EQ(head.host(), "");
  EXPECT_EQ(head.field_count(), 1u);
  EXPECT_EQ(head.content_length(), 1u);
  EXPECT_FALSE(head.keep_alive());
  EXPECT_FALSE(head.expects_continue());
  EXPECT_FALSE(head.upgrade_requested());
  EXPECT_FALSE(head.find("Upgrade").has_value());
  parser.reset();
  ASSERT_EQ(parser.parse("GET / HTTP/1.1\r\nHost: b\r\n\r\n").status, ParseStatus::kComplete);
  EXPECT_EQ(parser.head().body_framing(), BodyFraming::kNone);
  EXPECT_EQ(parser.head().content_length(), 0u);
  EXPECT_TRUE(parser.head().keep_alive());
}

TEST(RequestParser, RefusesAShrunkenBuffer) {
  RequestParser parser;
  EXPECT_EQ(parser.parse("GET / HTTP/1.1\r\nHo").status, ParseStatus::kNeedMore);
  const ParseResult r = parser.parse("GET");
  EXPECT_EQ(r.error, ParseError::kBufferShrank);
  EXPECT_EQ(http_status(r.error), 500);
}

// ---- request line

TEST(RequestParser, MethodMustBeAToken) {
  EXPECT_EQ(error_of("G(T / HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadMethod);
  EXPECT_EQ(error_of("G\tT / HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadMethod);
  EXPECT_EQ(error_of("GÉT / HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadMethod);
  expect_ok("M-SEARCH / HTTP/1.1\r\nHost: a\r\n\r\n");
  expect_ok("get / HTTP/1.1\r\nHost: a\r\n\r\n");  // methods are case-sensitive tokens
}

TEST(RequestParser, ExactlyOneSpaceBetweenParts) {
  EXPECT_EQ(error_of("GET  / HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadRequestLine);
  EXPECT_EQ(error_of("GET /  HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadRequestLine);
  EXPECT_EQ(error_of(" GET / HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadRequestLine);
  EXPECT_EQ(error_of("GET / HTTP/1.1 \r\nHost: a\r\n\r\n"), ParseError::kBadRequestLine);
  EXPECT_EQ(error_of("GET / HTTP/1.1 x\r\nHost: a\r\n\r\n"), ParseError::kBadRequestLine);
  EXPECT_EQ(error_of("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadRequestLine);
  EXPECT_EQ(error_of("GET /\r\n\r\n"), ParseError::kBadRequestLine);  // HTTP/0.9
}

TEST(RequestParser, VersionSyntaxAndSupport) {
  EXPECT_EQ(error_of("GET / HTTP/1.2\r\nHost: a\r\n\r\n"), ParseError::kUnsupportedVersion);
  EXPECT_EQ(error_of("GET / HTTP/2.0\r\nHost: a\r\n\r\n"), ParseError::kUnsupportedVersion);
  EXPECT_EQ(error_of("GET / HTTP/0.9\r\n\r\n"), ParseError::kUnsupportedVersion);
  EXPECT_EQ(http_status(ParseError::kUnsupportedVersion), 505);
  EXPECT_EQ(error_of("GET / http/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadVersion);
  EXPECT_EQ(error_of("GET / HTTP/1.10\r\nHost: a\r\n\r\n"), ParseError::kBadVersion);
  EXPECT_EQ(error_of("GET / HTTP/1\r\nHost: a\r\n\r\n"), ParseError::kBadVersion);
  EXPECT_EQ(error_of("GET / HTTP/a.1\r\nHost: a\r\n\r\n"), ParseError::kBadVersion);
  EXPECT_EQ(http_status(ParseError::kBadVersion), 400);
  Parsed p = parse("GET / HTTP/1.0\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().version(), HttpVersion::kHttp10);
}

TEST(RequestParser, ReportsTheHttp2PrefaceDistinctly) {
  const std::string preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  Parsed p = parse(preface);
  EXPECT_EQ(p.result.error, ParseError::kHttp2Preface);
  EXPECT_EQ(http_status(ParseError::kHttp2Preface), 505);
  EXPECT_EQ(error_of("PRI * HTTP/2.0\r\n"), ParseError::kHttp2Preface);
  // Only the exact preface line: another method with HTTP/2.0 is just unsupported.
  EXPECT_EQ(error_of("GET * HTTP/2.0\r\n"), ParseError::kUnsupportedVersion);
}

TEST(RequestParser, OriginForm) {
  expect_ok("GET /a/b;c=d/%7Euser/x:y@z!$&'()*+,=-._~?q=/?&x HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_EQ(error_of("GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET /a%2 HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET /a<b> HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET /\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET /[x] HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET a/b HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
}

TEST(RequestParser, AbsoluteForm) {
  Parsed p = parse("GET http://Example.com:8080/x?y HTTP/1.1\r\nHost: other\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().target_form(), TargetForm::kAbsolute);
  EXPECT_EQ(p.parser.head().target_authority(), "Example.com:8080");
  p = parse("GET HTTPS://[2001:db8::1]?q HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().target_authority(), "[2001:db8::1]");
  expect_ok("GET http://a HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_EQ(error_of("GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET http://user@a/ HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET http:/a HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET http://a:99999/ HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET http://a/#f HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  // A Host is still required in HTTP/1.1 (RFC 9112 §3.2).
  EXPECT_EQ(error_of("GET http://a/ HTTP/1.1\r\n\r\n"), ParseError::kMissingHost);
}

TEST(RequestParser, AuthorityFormOnlyWithConnect) {
  Parsed p = parse("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().target_form(), TargetForm::kAuthority);
  EXPECT_EQ(p.parser.head().target_authority(), "example.com:443");
  expect_ok("CONNECT [::1]:443 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(error_of("CONNECT example.com HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("CONNECT example.com: HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kTargetFormMismatch);
  EXPECT_EQ(error_of("CONNECT http://a/ HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
  EXPECT_EQ(error_of("GET example.com:443 HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
}

TEST(RequestParser, AsteriskFormOnlyWithOptions) {
  Parsed p = parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().target_form(), TargetForm::kAsterisk);
  EXPECT_EQ(error_of("GET * HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kTargetFormMismatch);
  EXPECT_EQ(error_of("options * HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kTargetFormMismatch);
  EXPECT_EQ(error_of("OPTIONS *x HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBadTarget);
}

TEST(RequestParser, RequestLineLimitIs414) {
  RequestParserLimits limits;
  limits.max_request_line = 32;
  const std::string fits = "GET /" + std::string(18, 'a') + " HTTP/1.1";  // 32 bytes
  ASSERT_EQ(fits.size(), 32u);
  Parsed p = parse(fits + "\r\nHost: a\r\n\r\n", limits);
  EXPECT_EQ(p.result.status, ParseStatus::kComplete);
  const std::string over = "GET /" + std::string(19, 'a') + " HTTP/1.1";
  EXPECT_EQ(error_of(over + "\r\nHost: a\r\n\r\n", limits), ParseError::kRequestLineTooLong);
  EXPECT_EQ(http_status(ParseError::kRequestLineTooLong), 414);
  // Refused before the line ends: the peer cannot make us buffer without bound.
  RequestParser parser(limits);
  EXPECT_EQ(parser.parse(fits + "\r").status, ParseStatus::kNeedMore);
  RequestParser early(limits);
  EXPECT_EQ(early.parse(fits + "xx").error, ParseError::kRequestLineTooLong);
  // The default is 8 KiB.
  const std::string long_target(8 * 1024, 'a');
  EXPECT_EQ(error_of("GET /" + long_target + " HTTP/1.1\r\nHost: a\r\n\r\n"),
            ParseError::kRequestLineTooLong);
}

// Fuzzer finding: a request line over the limit ending in a bare LF was 400 when it arrived
// whole but 414 when the limit tripped before the LF came. Limits are now checked first.
TEST(RequestParser, LimitVersusBareLfDoesNotDependOnSplits) {
  RequestParserLimits limits;
  limits.max_request_line = 8;
  EXPECT_EQ(error_of("GET /abcdefgh\nHost: a\r\n\r\n", limits), ParseError::kRequestLineTooLong);
  EXPECT_EQ(error_of("GET /abc\n", limits), ParseError::kBareLf);  // 8 bytes: within the limit
  limits = {};
  limits.max_header_section = 8;
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: abcde\n\r\n", limits),
            ParseError::kHeaderSectionTooLarge);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\n\r\n", limits), ParseError::kBareLf);
}

TEST(RequestParser, LeadingEmptyLinesAreToleratedButBounded) {
  expect_ok("\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
  expect_ok("\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_EQ(error_of("\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
            ParseError::kTooManyLeadingEmptyLines);
  EXPECT_EQ(error_of("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBareLf);
}

// ---- line endings

TEST(RequestParser, BareLfIsRefused) {
  EXPECT_EQ(error_of("GET / HTTP/1.1\nHost: a\r\n\r\n"), ParseError::kBareLf);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\n\r\n"), ParseError::kBareLf);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\n\n"), ParseError::kBareLf);
  EXPECT_EQ(http_status(ParseError::kBareLf), 400);
}

TEST(RequestParser, BareCrIsRefused) {
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n"), ParseError::kBareCr);
  EXPECT_EQ(error_of("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n"), ParseError::kBareCr);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nX\r: y\r\nHost: a\r\n\r\n"), ParseError::kBareCr);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\n\r\r\n"), ParseError::kBareCr);
}

// ---- field lines

TEST(RequestParser, ObsFoldIsRefused) {
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n"), ParseError::kObsFold);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n"), ParseError::kObsFold);
  // Whitespace right after the request line (RFC 9112 §2.2).
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\n Host: a\r\n\r\n"), ParseError::kObsFold);
}

TEST(RequestParser, WhitespaceBeforeColonIsRefused) {
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), ParseError::kWhitespaceBeforeColon);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nContent-Length\t: 1\r\n\r\n"),
            ParseError::kWhitespaceBeforeColon);
}

TEST(RequestParser, FieldNamesMustBeTokens) {
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n"), ParseError::kBadFieldName);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nX(y): v\r\n\r\n"), ParseError::kBadFieldName);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n"), ParseError::kBadFieldName);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nX\xc3\xa9: v\r\n\r\n"),
            ParseError::kBadFieldName);
  expect_ok("GET / HTTP/1.1\r\nHost: a\r\nX-!#$%&'*+-.^_`|~09: v\r\n\r\n");
}

TEST(RequestParser, FieldValueBytes) {
  EXPECT_EQ(error_of(std::string("GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", 36)),
            ParseError::kBadFieldValue);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: a\x01z\r\n\r\n"), ParseError::kBadFieldValue);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: a\x7fz\r\n\r\n"), ParseError::kBadFieldValue);
  Parsed p = parse("GET / HTTP/1.1\r\nHost: a\r\nX: \t a \t b\xff\x80 \t\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().find("x"), "a \t b\xff\x80");  // obs-text kept, OWS trimmed
}

// Field values are checked eight bytes at a time; every byte value at every position of a word,
// next to every neighbour class, must get the per-byte answer.
TEST(RequestParser, FieldValueByteClassesAtEveryPosition) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool allowed = b == '\t' || (b >= 0x20 && b != 0x7f);
    for (std::size_t position = 0; position < 19; ++position) {
      for (const char filler : {'a', '\xff', '\x80', ' ', '~'}) {
        std::string value(20, filler);
        value[0] = 'v';  // keep the value's ends free of OWS so nothing is trimmed
        value[19] = 'v';
        value[position + 1 > 18 ? 18 : position + 1] = c;
        const std::string request = "GET / HTTP/1.1\r\nHost: a\r\nX: " + value + "\r\n\r\n";
        RequestParser parser;
        const ParseResult r = parser.parse(request);
        if (b == '\r') {
          ASSERT_EQ(r.error, ParseError::kBareCr) << b << " at " << position;
        } else if (b == '\n') {
          ASSERT_EQ(r.error, ParseError::kBareLf) << b << " at " << position;
        } else if (allowed) {
          ASSERT_EQ(r.status, ParseStatus::kComplete) << b << " at " << position;
          ASSERT_EQ(parser.head().find("X"), value);
        } else {
          ASSERT_EQ(r.error, ParseError::kBadFieldValue) << b << " at " << position;
        }
      }
    }
  }
}

TEST(RequestParser, HeaderSectionLimitIs431) {
  RequestParserLimits limits;
  limits.max_header_section = 32;
  // "Host: a\r\n" (9) + "X: " + 18 + "\r\n" (23) = 32 with the final CRLF → 34: over.
  const std::string big = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(18, 'v') + "\r\n\r\n";
  EXPECT_EQ(error_of(big, limits), ParseError::kHeaderSectionTooLarge);
  const std::string fits = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(16, 'v') + "\r\n\r\n";
  EXPECT_EQ(parse(fits, limits).result.status, ParseStatus::kComplete);
  EXPECT_EQ(http_status(ParseError::kHeaderSectionTooLarge), 431);
  // Also refused while a line is still open.
  RequestParser parser(limits);
  EXPECT_EQ(parser.parse("GET / HTTP/1.1\r\nX: " + std::string(40, 'v')).error,
            ParseError::kHeaderSectionTooLarge);
  // The default is 64 KiB.
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(64 * 1024, 'v') + "\r\n\r\n"),
            ParseError::kHeaderSectionTooLarge);
}

TEST(RequestParser, FieldCountLimitIs431) {
  std::string request = "GET / HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 99; ++i) request += "X: y\r\n";
  expect_ok(request + "\r\n");  // exactly 100 fields
  EXPECT_EQ(error_of(request + "X: y\r\n\r\n"), ParseError::kTooManyFields);
  EXPECT_EQ(http_status(ParseError::kTooManyFields), 431);
  RequestParserLimits limits;
  limits.max_header_fields = 2;
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", limits),
            ParseError::kTooManyFields);
  // Above the fixed capacity the limit is clamped, never overflowing the array.
  limits.max_header_fields = 100000;
  std::string many = "GET / HTTP/1.1\r\nHost: a\r\n";
  for (std::size_t i = 0; i < RequestHead::kFieldCapacity; ++i) many += "X: y\r\n";
  EXPECT_EQ(error_of(many + "\r\n", limits), ParseError::kTooManyFields);
}

// ---- Content-Length

TEST(RequestParser, ContentLength) {
  Parsed p = parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0042\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().body_framing(), BodyFraming::kContentLength);
  EXPECT_EQ(p.parser.head().content_length(), 42u);
  p = parse("POST / HTTP/1.1\r\nHost: a\r\ncontent-LENGTH: 9223372036854775807\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().content_length(), 9223372036854775807u);
}

TEST(RequestParser, ContentLengthMustBeDigitsOnly) {
  for (const char* value : {"", "+1", "-1", "1 2", "0x10", "1,1", "1, 1", "1.0", "1e3", "１"}) {
    EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + std::string(value) +
                       "\r\n\r\n"),
              ParseError::kBadContentLength)
        << value;
  }
}

TEST(RequestParser, ContentLengthOverflow) {
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775808\r\n\r\n"),
            ParseError::kContentLengthOverflow);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 18446744073709551617\r\n\r\n"),
            ParseError::kContentLengthOverflow);
  EXPECT_EQ(http_status(ParseError::kContentLengthOverflow), 400);
}

TEST(RequestParser, DuplicateContentLengthIsRefusedEvenIfEqual) {
  EXPECT_EQ(
      error_of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"),
      ParseError::kDuplicateContentLength);
  EXPECT_EQ(
      error_of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\ncontent-length: 6\r\n\r\n"),
      ParseError::kDuplicateContentLength);
}

// ---- Transfer-Encoding

TEST(RequestParser, ChunkedFraming) {
  Parsed p = parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n");
  ASSERT_EQ(p.result.status, ParseStatus::kComplete);
  EXPECT_EQ(p.parser.head().body_framing(), BodyFraming::kChunked);
  expect_ok("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , chunked ,\r\n\r\n");
}

TEST(RequestParser, TransferEncodingWithContentLengthIsRefused) {
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n"),
            ParseError::kContentLengthWithTransferEncoding);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                     "Content-Length: 5\r\n\r\n"),
            ParseError::kContentLengthWithTransferEncoding);
}

TEST(RequestParser, UnknownCodingIs501) {
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
            ParseError::kUnsupportedTransferCoding);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"),
            ParseError::kUnsupportedTransferCoding);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n"),
            ParseError::kUnsupportedTransferCoding);
  EXPECT_EQ(http_status(ParseError::kUnsupportedTransferCoding), 501);
}

TEST(RequestParser, ChunkedMustBeLastAndOnce) {
  // RFC 9112 §6.3: chunked not final in a request → 400, the length cannot be determined.
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
            ParseError::kChunkedNotLast);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                     "Transfer-Encoding: gzip\r\n\r\n"),
            ParseError::kChunkedNotLast);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"),
            ParseError::kChunkedNotLast);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n"),
            ParseError::kChunkedNotLast);
  EXPECT_EQ(http_status(ParseError::kChunkedNotLast), 400);
}

TEST(RequestParser, MalformedTransferEncoding) {
  for (const char* value : {"", ",", "chunked;x=1", "\"chunked\"", "chunked x", "chunk@ed"}) {
    const ParseError error = error_of(
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: " + std::string(value) + "\r\n\r\n");
    EXPECT_EQ(http_status(error), 400) << value << " -> " << reason(error);
  }
  // Obfuscations that some servers read as chunked.
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n"),
            ParseError::kUnsupportedTransferCoding);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n"),
            ParseError::kWhitespaceBeforeColon);
  EXPECT_EQ(error_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\x0b"
                     "chunked\r\n\r\n"),
            ParseError::kBadFieldValue);
}

TEST(RequestParser, TransferEncodingInHttp10IsRefused) {
  EXPECT_EQ(error_of("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"),
            ParseError::kTransferEncodingInHttp10);
}

// ---- Host

TEST(RequestParser, Http11NeedsExactlyOneHost) {
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\n\r\n"), ParseError::kMissingHost);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n"), ParseError::kDuplicateHost);
  EXPECT_EQ(error_of("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"), ParseError::kDuplicateHost);
  expect_ok("GET / HTTP/1.0\r\n\r\n");
}

TEST(RequestParser, HostSyntax) {
  for (const char* host : {"", "example.com", "EXAMPLE.com:80", "a:", "a:65535", "127.0.0.1",
                           "[::1]", "[::1]:8080", "[2001:db8:0:0:1:0:0:1]", "[::ffff:192.0.2.1]",
                           "[v1.x:y]", "xn--bcher-kva.example", "a%20b", "a_b~c!$&'()*+;="}) {
    expect_ok("GET / HTTP/1.1\r\nHost: " + std::string(host) + "\r\n\r\n");
  }
  for (const char* host : {"a b",
                           "a/b",
                           "a@b",
                           "a:b",
                           "a:65536",
                           "a:123456",
                           "[::1",
                           "[::1]x",
                           "[:::1]",
                           "[1:2:3:4:5:6:7:8:9]",
                           "[1::2::3]",
                           "[1:2]",
                           "[::ffff:192.0.2.256]",
                           "[fe80::1%25eth0]",
                           "a%2",
                           "a,b",
                           "a:80:80",
                           "a?b",
                           "a#b",
                           "a\\b"}) {
    EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: " + std::string(host) + "\r\n\r\n"),
              ParseError::kBadHost)
        << host;
  }
  // port = *DIGIT: an empty port after the colon is allowed.
  expect_ok("GET / HTTP/1.1\r\nHost: [::1]:\r\n\r\n");
}

// ---- connection semantics and lookup

TEST(RequestParser, KeepAlive) {
  auto keep_alive = [](const std::string& request) {
    Parsed p = parse(request);
    EXPECT_EQ(p.result.status, ParseStatus::kComplete) << request;
    return p.parser.head().keep_alive();
  };
  EXPECT_TRUE(keep_alive("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
  EXPECT_FALSE(keep_alive("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n"));
  EXPECT_FALSE(keep_alive("GET / HTTP/1.1\r\nHost: a\r\nConnection: x, close\r\n\r\n"));
  EXPECT_FALSE(keep_alive("GET / HTTP/1.0\r\n\r\n"));
  EXPECT_TRUE(keep_alive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"));
  EXPECT_FALSE(keep_alive("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"));
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\nHost: a\r\nConnection: a b\r\n\r\n"),
            ParseError::kBadConnection);
}

TEST(RequestParser, ExpectContinue) {
  Parsed p =
      parse("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n");
  EXPECT_TRUE(p.parser.head().expects_continue());
  p = parse("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n");
  EXPECT_FALSE(p.parser.head().expects_continue());  // RFC 9110 §10.1.1
  p = parse("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n");
  EXPECT_FALSE(p.parser.head().expects_continue());
}

TEST(RequestParser, Upgrade) {
  Parsed p =
      parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
  EXPECT_TRUE(p.parser.head().upgrade_requested());
  p = parse("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n");
  EXPECT_FALSE(p.parser.head().upgrade_requested());
  p = parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\n\r\n");
  EXPECT_FALSE(p.parser.head().upgrade_requested());
}

TEST(RequestParser, CaseInsensitiveLookup) {
  Parsed p = parse("GET / HTTP/1.1\r\nHost: a\r\nX-Thing: 1\r\nx-thing: 2\r\nY: 3\r\n\r\n");
  const RequestHead& head = p.parser.head();
  EXPECT_EQ(head.find("X-THING"), "1");
  EXPECT_EQ(head.count("x-Thing"), 2u);
  EXPECT_EQ(head.find("y"), "3");
  EXPECT_FALSE(head.find("Z").has_value());
  EXPECT_FALSE(head.find("X-Thin").has_value());
  EXPECT_EQ(head.count("nope"), 0u);
}

TEST(RequestParser, ErrorsAreSticky) {
  RequestParser parser;
  const std::string bad = "GET / HTTP/1.1\nHost: a\r\n\r\n";
  EXPECT_EQ(parser.parse(bad).error, ParseError::kBareLf);
  EXPECT_EQ(parser.parse(bad + "more").error, ParseError::kBareLf);
  parser.reset();
  EXPECT_EQ(parser.parse("GET / HTTP/1.1\r\nHost: a\r\n\r\n").status, ParseStatus::kComplete);
}

TEST(RequestParser, EveryErrorHasAStatusAndReason) {
  for (int e = static_cast<int>(ParseError::kBufferShrank);
       e <= static_cast<int>(ParseError::kTooManyTrailerFields); ++e) {
    const auto error = static_cast<ParseError>(e);
    EXPECT_GE(http_status(error), 400) << e;
    EXPECT_NE(reason(error), "unknown") << e;
    EXPECT_FALSE(reason(error).empty()) << e;
  }
}

}  // namespace
}  // namespace lintel::http1
