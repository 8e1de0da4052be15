// A strict, incremental HTTP/1.1 request-head parser (RFC 9112 §2-§7, RFC 9110 §5).
//
// It is pure: no I/O, no Boost, and no heap allocation at all. That holds by construction: the
// parser and the head it fills have no std::string / std::vector / node-based members, only
// integers and fixed arrays (RequestHead::kFieldCapacity field slots), so their size is known at
// compile time and parse() never calls operator new. Keep it that way.
//
// Driving it (one parser per connection, reset() between requests):
//
//   RequestParser parser;                // limits optional
//   for (;;) {
//     append what the socket gave to `buf`; // buf starts at the first byte of this request
//     ParseResult r = parser.parse(buf);    // pass ALL bytes of this request so far, every time
//     if (r.status == ParseStatus::kNeedMore) continue;
//     if (r.status == ParseStatus::kError) { answer http_status(r.error); close; }
//     // kComplete: parser.head() is valid; r.consumed bytes of buf were the head; the body (per
//     // head().body_framing()) and any pipelined request follow at buf[r.consumed].
//   }
//
// Contract of parse(buffered): `buffered` begins with the first byte of the request and holds
// every byte given in earlier calls, unchanged, possibly followed by more. It may live at a new
// address (the caller's buffer may have grown and moved): the parser keeps offsets, never
// pointers, across calls. A parse() call scans only the bytes it has not seen before (a memchr
// for LF, then one validation pass over each line once it is complete); nothing scanned in an
// earlier call is scanned again.
//
// The head's string_views point into the buffer given to the latest parse() call. If the caller
// moves those bytes afterwards, it calls RequestHead::rebase() with their new location.
//
// Where RFC 9112 lets a server choose, this parser takes the strict side:
//  - a bare LF as line terminator is refused (§2.2 makes accepting it optional);
//  - at most `max_leading_empty_lines` CRLFs before the request line (§2.2: at least one);
//  - obs-fold is refused (§5.2), as is whitespace after the start line (§2.2);
//  - more than one Content-Length is refused even if the values are equal (§6.3 would allow
//    collapsing identical values); a list-valued Content-Length is refused too;
//  - Transfer-Encoding with Content-Length is refused (§6.1 allows it), as is
//    Transfer-Encoding in HTTP/1.0 (§6.1: the framing is faulty);
//  - "chunked" must appear exactly once and last (§6.3: otherwise 400); any other coding
//    is not implemented (501);
//  - absolute-form targets must be http or https URIs with a non-empty host and no userinfo
//    (RFC 9110 §4.2); Host needs a valid uri-host and, if a port is given, 0..65535, and may
//    not contain a comma (legal in a reg-name, but it makes the singleton look like a list).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "http1/parse_error.h"

namespace lintel::http1 {

enum class HttpVersion : std::uint8_t { kHttp10, kHttp11 };

// RFC 9112 §3.2.
enum class TargetForm : std::uint8_t { kOrigin, kAbsolute, kAuthority, kAsterisk };

// How the request body is delimited (RFC 9112 §6.3): a request with neither Content-Length nor
// Transfer-Encoding has no body.
enum class BodyFraming : std::uint8_t { kNone, kContentLength, kChunked };

struct HeaderField {
  std::string_view name;   // as received (case preserved)
  std::string_view value;  // leading and trailing OWS removed
};

struct RequestParserLimits {
  std::size_t max_request_line = 8 * 1024;     // bytes, without CRLF; over it: 414
  std::size_t max_header_section = 64 * 1024;  // bytes of field lines + final CRLF; over: 431
  std::size_t max_header_fields = 100;         // clamped to RequestHead::kFieldCapacity; 431
  std::size_t max_leading_empty_lines = 4;     // CRLFs tolerated before the request line; 400
};

class RequestHead {
 public:
  static constexpr std::size_t kFieldCapacity = 128;

  std::string_view method() const { return view(method_); }
  std::string_view target() const { return view(target_); }
  HttpVersion version() const { return version_; }
  TargetForm target_form() const { return target_form_; }
  // The authority of an absolute-form or authority-form target ("" otherwise). RFC 9112 §3.2.2:
  // for absolute-form it, not Host, names the origin.
  std::string_view target_authority() const { return view(target_authority_); }

  std::size_t field_count() const { return field_count_; }
  HeaderField field(std::size_t index) const {
    return {view(fields_[index].name), view(fields_[index].value)};
  }
  // First field with this name, compared case-insensitively; no allocation.
  std::optional<std::string_view> find(std::string_view name) const;
  std::size_t count(std::string_view name) const;

  // The Host field's value; "" if absent (only possible in HTTP/1.0) or empty.
  std::string_view host() const { return view(host_); }

  BodyFraming body_framing() const { return framing_; }
  std::uint64_t content_length() const { return content_length_; }  // 0 unless kContentLength

  // HTTP/1.1: persistent unless "Connection: close"; HTTP/1.0: only with "keep-alive"
  // (RFC 9112 §9.3).
  bool keep_alive() const;
  // "Expect: 100-continue" in HTTP/1.1 (RFC 9110 §10.1.1: ignored in HTTP/1.0).
  bool expects_continue() const { return expects_continue_; }
  // An Upgrade field together with the "upgrade" Connection option (RFC 9110 §7.8).
  bool upgrade_requested() const { return has_upgrade_field_ && connection_upgrade_; }

  // Points the views at `buffer`, which holds the same request bytes at a new address.
  void rebase(std::string_view buffer) { base_ = buffer.data(); }

 private:
  friend class RequestParser;
  struct Span {
    std::uint32_t begin = 0;
    std::uint32_t length = 0;
  };
  struct FieldSpans {
    Span name;
    Span value;
  };
  std::string_view view(Span span) const {
    return span.length == 0 ? std::string_view()
                            : std::string_view(base_ + span.begin, span.length);
  }

  const char* base_ = nullptr;
  Span method_;
  Span target_;
  Span target_authority_;
  Span host_;
  std::uint64_t content_length_ = 0;
  std::uint32_t field_count_ = 0;
  HttpVersion version_ = HttpVersion::kHttp11;
  TargetForm target_form_ = TargetForm::kOrigin;
  BodyFraming framing_ = BodyFraming::kNone;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool connection_upgrade_ = false;
  bool has_upgrade_field_ = false;
  bool expects_continue_ = false;
  std::array<FieldSpans, kFieldCapacity> fields_{};
};

enum class ParseStatus : std::uint8_t { kNeedMore, kComplete, kError };

struct ParseResult {
  ParseStatus status = ParseStatus::kNeedMore;
  ParseError error = ParseError::kNone;  // set when status is kError
  std::size_t consumed = 0;              // bytes of the head (through its final CRLF) on kComplete
};

class RequestParser {
 public:
  explicit RequestParser(RequestParserLimits limits = {});

  // See the contract above. Once kComplete or kError is returned, later calls return the same
  // result until reset().
  ParseResult parse(std::string_view buffered);
  // Forgets the request so that the parser can take the next one on the same connection.
  void reset();

  const RequestHead& head() const { return head_; }
  RequestHead& head() { return head_; }

 private:
  enum class State : std::uint8_t { kRequestLine, kFields, kComplete, kError };

  ParseResult fail(ParseError error);
  ParseResult check_unterminated_line(std::size_t buffered_size);
  ParseError on_request_line(std::string_view buffer, std::size_t begin, std::size_t length);
  ParseError on_field_line(std::string_view buffer, std::size_t begin, std::size_t length);
  ParseError on_end_of_head();
  ParseError on_field_semantics(std::string_view name, std::string_view value,
                                RequestHead::Span value_span);

  RequestParserLimits limits_;
  RequestHead head_;
  std::size_t line_begin_ = 0;    // offset of the first byte of the current line
  std::size_t scanned_ = 0;       // offset up to which LF has been searched for
  std::size_t fields_begin_ = 0;  // offset of the first field line
  std::uint32_t leading_empty_lines_ = 0;
  std::uint32_t content_length_count_ = 0;
  std::uint32_t host_count_ = 0;
  bool transfer_encoding_seen_ = false;
  bool chunked_seen_ = false;
  State state_ = State::kRequestLine;
  ParseResult result_;
};

}  // namespace lintel::http1
