#include "http1/request_parser.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "http1/char_class.h"

namespace lintel::http1 {

using detail::is;
using detail::is_ows;
using detail::kDigit;
using detail::kFieldValue;
using detail::kHex;
using detail::kPathChar;
using detail::kRegName;
using detail::kTchar;

namespace {

// Offsets are kept as 32-bit numbers; a head can never get near that with any sane limit.
constexpr std::size_t kMaxConfigurableBytes = std::size_t{1} << 30;

using detail::iequals;
using detail::iequals_any_case;

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is(c, kTchar)) return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// Calls visit(element) for each non-empty element of a comma list (RFC 9110 §5.6.1: empty
// elements are ignored); stops early and returns false if visit does.
template <typename Visit>
bool for_each_list_element(std::string_view list, Visit visit) {
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view element = trim_ows(list.substr(0, comma));
    if (!element.empty() && !visit(element)) return false;
    if (comma == std::string_view::npos) return true;
    list.remove_prefix(comma + 1);
  }
}

// True when none of the 8 bytes at p is a control (below SP, or DEL): they are VCHAR, SP or
// obs-text, which a field value allows. Field values are most of a head's bytes, and this word
// test is exact for "any byte below n" (a borrow only starts at a byte that is itself below n).
inline bool eight_visible_bytes(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  std::uint64_t x;
  std::memcpy(&x, p, sizeof x);
  const std::uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
  const std::uint64_t del = x ^ (kOnes * 0x7f);
  const std::uint64_t has_del = (del - kOnes) & ~del & kHigh;
  return (below_space | has_del) == 0;
}

// Characters of `s` each in `classes`, or a valid pct-encoded triplet.
bool valid_uri_chars(std::string_view s, std::uint8_t classes) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() || !is(s[i + 1], kHex) || !is(s[i + 2], kHex)) return false;
      i += 2;
    } else if (!is(s[i], classes)) {
      return false;
    }
  }
  return true;
}

// dec-octet "." dec-octet "." dec-octet "." dec-octet (RFC 3986 §3.2.2): no leading zeros.
bool valid_ipv4(std::string_view s) {
  for (int octet = 0; octet < 4; ++octet) {
    std::size_t n = 0;
    int value = 0;
    while (n < s.size() && n < 4 && is(s[n], kDigit)) value = value * 10 + (s[n++] - '0');
    if (n == 0 || n > 3 || value > 255 || (n > 1 && s[0] == '0')) return false;
    s.remove_prefix(n);
    if (octet < 3) {
      if (s.empty() || s.front() != '.') return false;
      s.remove_prefix(1);
    }
  }
  return s.empty();
}

// IPv6address of RFC 3986 §3.2.2: eight 16-bit groups, "::" at most once for a run of zero
// groups, the last 32 bits optionally in dotted form.
bool valid_ipv6(std::string_view s) {
  std::size_t i = 0;
  int groups = 0;
  bool elided = false;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    elided = true;
    i = 2;
  } else if (s.empty() || s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && is(s[j], kHex)) ++j;
    if (j < s.size() && s[j] == '.') {
      if (!valid_ipv4(s.substr(i))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (j == i || j - i > 4) return false;
    ++groups;
    i = j;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (elided) return false;
      elided = true;
      ++i;
    } else if (i == s.size()) {
      return false;  // a single trailing colon
    }
  }
  return elided ? groups <= 7 : groups == 8;
}

// IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
bool valid_ipvfuture(std::string_view s) {
  if (s.size() < 4 || (s[0] != 'v' && s[0] != 'V')) return false;
  std::size_t i = 1;
  while (i < s.size() && is(s[i], kHex)) ++i;
  if (i == 1 || i >= s.size() || s[i] != '.') return false;
  ++i;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!is(s[i], kRegName) && s[i] != ':') return false;
  }
  return true;
}

enum class PortRule : std::uint8_t { kOptional, kRequired };

// uri-host [ ":" port ] (RFC 9110 §7.2, RFC 3986 §3.2.2-3.2.3). A port, when present, is
// 1-5 digits up to 65535; an empty port after ":" is allowed only when optional (RFC 3986).
bool valid_host_and_port(std::string_view s, PortRule port_rule, bool allow_empty_host) {
  std::string_view host = s;
  std::string_view port;
  if (!s.empty() && s.front() == '[') {
    const std::size_t close = s.find(']');
    if (close == std::string_view::npos) return false;
    const std::string_view literal = s.substr(1, close - 1);
    if (!valid_ipv6(literal) && !valid_ipvfuture(literal)) return false;
    host = s.substr(0, close + 1);
    const std::string_view rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port = rest.substr(1);
    }
  } else {
    const std::size_t colon = s.find(':');
    if (colon != std::string_view::npos) {
      host = s.substr(0, colon);
      port = s.substr(colon + 1);
    }
    if (!valid_uri_chars(host, kRegName)) return false;
  }
  if (host.empty() && !allow_empty_host) return false;
  if (port.empty()) return port_rule == PortRule::kOptional;
  if (port.size() > 5) return false;
  std::uint32_t value = 0;
  for (char c : port) {
    if (!is(c, kDigit)) return false;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value <= 65535;
}

}  // namespace

std::optional<std::string_view> RequestHead::find(std::string_view name) const {
  for (std::size_t i = 0; i < field_count_; ++i) {
    if (iequals_any_case(view(fields_[i].name), name)) return view(fields_[i].value);
  }
  return std::nullopt;
}

std::size_t RequestHead::count(std::string_view name) const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < field_count_; ++i) {
    if (iequals_any_case(view(fields_[i].name), name)) ++n;
  }
  return n;
}

bool RequestHead::keep_alive() const {
  if (connection_close_) return false;
  return version_ == HttpVersion::kHttp11 || connection_keep_alive_;
}

RequestParser::RequestParser(RequestParserLimits limits) : limits_(limits) {
  limits_.max_request_line = std::min(limits_.max_request_line, kMaxConfigurableBytes);
  limits_.max_header_section = std::min(limits_.max_header_section, kMaxConfigurableBytes);
  limits_.max_header_fields = std::min(limits_.max_header_fields, RequestHead::kFieldCapacity);
}

void RequestParser::reset() {
  // Field slots past field_count_ are never read, so they are left as they are: clearing the
  // whole array would cost more than parsing a small request.
  head_.base_ = nullptr;
  head_.method_ = {};
  head_.target_ = {};
  head_.target_authority_ = {};
  head_.host_ = {};
  head_.content_length_ = 0;
  head_.field_count_ = 0;
  head_.version_ = HttpVersion::kHttp11;
  head_.target_form_ = TargetForm::kOrigin;
  head_.framing_ = BodyFraming::kNone;
  head_.connection_close_ = false;
  head_.connection_keep_alive_ = false;
  head_.connection_upgrade_ = false;
  head_.has_upgrade_field_ = false;
  head_.expects_continue_ = false;
  line_begin_ = 0;
  scanned_ = 0;
  fields_begin_ = 0;
  leading_empty_lines_ = 0;
  content_length_count_ = 0;
  host_count_ = 0;
  transfer_encoding_seen_ = false;
  chunked_seen_ = false;
  state_ = State::kRequestLine;
  result_ = {};
}

ParseResult RequestParser::fail(ParseError error) {
  state_ = State::kError;
  result_ = ParseResult{ParseStatus::kError, error, 0};
  return result_;
}

ParseResult RequestParser::parse(std::string_view buffered) {
  if (state_ == State::kComplete || state_ == State::kError) {
    if (state_ == State::kComplete) head_.base_ = buffered.data();
    return result_;
  }
  if (buffered.size() < scanned_) return fail(ParseError::kBufferShrank);
  head_.base_ = buffered.data();

  while (true) {
    const char* lf = nullptr;
    if (scanned_ < buffered.size()) {
      lf = static_cast<const char*>(
          std::memchr(buffered.data() + scanned_, '\n', buffered.size() - scanned_));
    }
    if (lf == nullptr) {
      scanned_ = buffered.size();
      return check_unterminated_line(buffered.size());
    }
    const std::size_t lf_at = static_cast<std::size_t>(lf - buffered.data());
    scanned_ = lf_at + 1;
    // Limits first, on the same byte counts check_unterminated_line() uses, so that the answer
    // never depends on where the reads split the bytes.
    if (state_ == State::kRequestLine) {
      if (lf_at - line_begin_ > limits_.max_request_line + 1) {
        return fail(ParseError::kRequestLineTooLong);
      }
    } else if (lf_at + 1 - fields_begin_ > limits_.max_header_section) {
      return fail(ParseError::kHeaderSectionTooLarge);
    }
    // RFC 9112 §2.2 lets a recipient accept a bare LF as a line terminator; we refuse it, because
    // a front end and a back end that disagree on line ends disagree on framing.
    if (lf_at == line_begin_ || buffered[lf_at - 1] != '\r') return fail(ParseError::kBareLf);
    const std::size_t begin = line_begin_;
    const std::size_t length = lf_at - 1 - begin;
    line_begin_ = lf_at + 1;

    ParseError error = ParseError::kNone;
    if (state_ == State::kRequestLine) {
      if (length == 0) {
        // RFC 9112 §2.2: ignore at least one empty line before the request line; bounded.
        if (++leading_empty_lines_ > limits_.max_leading_empty_lines) {
          return fail(ParseError::kTooManyLeadingEmptyLines);
        }
        continue;
      }
      error = on_request_line(buffered, begin, length);
      fields_begin_ = line_begin_;
      if (error == ParseError::kNone) state_ = State::kFields;
    } else if (length == 0) {
      error = on_end_of_head();
      if (error == ParseError::kNone) {
        state_ = State::kComplete;
        result_ = ParseResult{ParseStatus::kComplete, ParseError::kNone, line_begin_};
        return result_;
      }
    } else {
      error = on_field_line(buffered, begin, length);
    }
    if (error != ParseError::kNone) return fail(error);
  }
}

// Limits apply before a line is complete, so a peer cannot make us buffer without bound.
ParseResult RequestParser::check_unterminated_line(std::size_t buffered_size) {
  const std::size_t pending = buffered_size - line_begin_;
  if (state_ == State::kRequestLine) {
    // One pending byte may be the CR of the line's CRLF.
    if (pending > limits_.max_request_line + 1) return fail(ParseError::kRequestLineTooLong);
  } else if (buffered_size - fields_begin_ > limits_.max_header_section) {
    return fail(ParseError::kHeaderSectionTooLarge);
  }
  return ParseResult{ParseStatus::kNeedMore, ParseError::kNone, 0};
}

ParseError RequestParser::on_request_line(std::string_view buffer, std::size_t begin,
                                          std::size_t length) {
  const std::string_view line = buffer.substr(begin, length);
  if (line.find('\r') != std::string_view::npos) return ParseError::kBareCr;
  // RFC 9113 §3.4: the HTTP/2 preface begins with this line; a later h2c layer takes it.
  if (line == "PRI * HTTP/2.0") return ParseError::kHttp2Preface;

  // request-line = method SP request-target SP HTTP-version, exactly one SP each (§3).
  const std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return ParseError::kBadRequestLine;
  const std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return ParseError::kBadRequestLine;
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (version.find(' ') != std::string_view::npos) return ParseError::kBadRequestLine;

  if (!is_token(method)) return ParseError::kBadMethod;

  // HTTP-version = "HTTP" "/" DIGIT "." DIGIT, case-sensitive (§2.3).
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !is(version[5], kDigit) ||
      version[6] != '.' || !is(version[7], kDigit)) {
    return ParseError::kBadVersion;
  }
  if (version == "HTTP/1.1") {
    head_.version_ = HttpVersion::kHttp11;
  } else if (version == "HTTP/1.0") {
    head_.version_ = HttpVersion::kHttp10;
  } else {
    return ParseError::kUnsupportedVersion;
  }

  const auto span_of = [&](std::string_view part) {
    return RequestHead::Span{static_cast<std::uint32_t>(part.data() - buffer.data()),
                             static_cast<std::uint32_t>(part.size())};
  };
  head_.method_ = span_of(method);
  head_.target_ = span_of(target);

  // request-target forms (§3.2); methods are case-sensitive (RFC 9110 §9.1).
  if (target == "*") {
    if (method != "OPTIONS") return ParseError::kTargetFormMismatch;
    head_.target_form_ = TargetForm::kAsterisk;
    return ParseError::kNone;
  }
  if (method == "CONNECT") {
    // authority-form = uri-host ":" port (§3.2.3), and CONNECT uses no other form.
    if (target.front() == '/') return ParseError::kTargetFormMismatch;
    if (!valid_host_and_port(target, PortRule::kRequired, false)) return ParseError::kBadTarget;
    head_.target_form_ = TargetForm::kAuthority;
    head_.target_authority_ = span_of(target);
    return ParseError::kNone;
  }
  if (target.front() == '/') {
    // origin-form = absolute-path [ "?" query ]; no fragment (§3.2.1).
    if (!valid_uri_chars(target, kPathChar)) return ParseError::kBadTarget;
    head_.target_form_ = TargetForm::kOrigin;
    return ParseError::kNone;
  }
  // absolute-form (§3.2.2): an http or https URI with an authority.
  const std::size_t colon = target.find(':');
  if (colon == std::string_view::npos) return ParseError::kBadTarget;
  const std::string_view scheme = target.substr(0, colon);
  if (!iequals(scheme, "http") && !iequals(scheme, "https")) {
    // A token-like thing that is not one of our schemes; "example.com:443" with GET lands here.
    return ParseError::kBadTarget;
  }
  std::string_view rest = target.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return ParseError::kBadTarget;
  rest.remove_prefix(2);
  const std::size_t path_at = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, path_at);
  // RFC 9110 §4.2.4: userinfo is deprecated in http(s) URIs and a recipient treats it as an error.
  if (authority.find('@') != std::string_view::npos) return ParseError::kBadTarget;
  if (!valid_host_and_port(authority, PortRule::kOptional, false)) return ParseError::kBadTarget;
  if (path_at != std::string_view::npos && !valid_uri_chars(rest.substr(path_at), kPathChar)) {
    return ParseError::kBadTarget;
  }
  head_.target_form_ = TargetForm::kAbsolute;
  head_.target_authority_ = span_of(authority);
  return ParseError::kNone;
}

ParseError RequestParser::on_field_line(std::string_view buffer, std::size_t begin,
                                        std::size_t length) {
  const std::string_view line = buffer.substr(begin, length);
  // A field line starting with whitespace is obs-fold (§5.2), or, right after the request line,
  // whitespace that §2.2 says must be rejected or ignored; we reject both.
  if (is_ows(line.front())) return ParseError::kObsFold;

  std::size_t colon = 0;
  while (colon < line.size() && is(line[colon], kTchar)) ++colon;
  if (colon == line.size()) return ParseError::kBadFieldName;  // no colon at all
  if (line[colon] != ':') {
    // §5.1: no whitespace between field name and colon, answered with 400.
    if (is_ows(line[colon])) return ParseError::kWhitespaceBeforeColon;
    return line[colon] == '\r' ? ParseError::kBareCr : ParseError::kBadFieldName;
  }
  if (colon == 0) return ParseError::kBadFieldName;

  std::size_t value_begin = colon + 1;
  for (std::size_t i = value_begin; i < line.size();) {
    if (i + 8 <= line.size() && eight_visible_bytes(line.data() + i)) {
      i += 8;
      continue;
    }
    if (!is(line[i], kFieldValue)) {
      return line[i] == '\r' ? ParseError::kBareCr : ParseError::kBadFieldValue;
    }
    ++i;
  }
  std::size_t value_end = line.size();
  while (value_begin < value_end && is_ows(line[value_begin])) ++value_begin;
  while (value_end > value_begin && is_ows(line[value_end - 1])) --value_end;

  if (head_.field_count_ >= limits_.max_header_fields) return ParseError::kTooManyFields;
  const RequestHead::Span name_span{static_cast<std::uint32_t>(begin),
                                    static_cast<std::uint32_t>(colon)};
  const RequestHead::Span value_span{static_cast<std::uint32_t>(begin + value_begin),
                                     static_cast<std::uint32_t>(value_end - value_begin)};
  head_.fields_[head_.field_count_++] = {name_span, value_span};
  return on_field_semantics(line.substr(0, colon),
                            line.substr(value_begin, value_end - value_begin), value_span);
}

ParseError RequestParser::on_field_semantics(std::string_view name, std::string_view value,
                                             RequestHead::Span value_span) {
  switch (name.size()) {
    case 4:
      if (iequals(name, "host")) {
        if (++host_count_ > 1) return ParseError::kDuplicateHost;
        // Host = uri-host [ ":" port ]; an empty value is allowed (RFC 9112 §3.2). A comma is a
        // legal reg-name sub-delim, but Host is a singleton and a list-splitting intermediary
        // would see two hosts, so it is refused too.
        if (value.find(',') != std::string_view::npos ||
            !valid_host_and_port(value, PortRule::kOptional, true)) {
          return ParseError::kBadHost;
        }
        head_.host_ = value_span;
      }
      return ParseError::kNone;
    case 6:
      if (iequals(name, "expect")) {
        if (head_.version_ == HttpVersion::kHttp11 && iequals_any_case(value, "100-continue")) {
          head_.expects_continue_ = true;
        }
      }
      return ParseError::kNone;
    case 7:
      if (iequals(name, "upgrade")) head_.has_upgrade_field_ = true;
      return ParseError::kNone;
    case 10:
      if (iequals(name, "connection")) {
        bool valid = true;
        for_each_list_element(value, [&](std::string_view option) {
          if (!is_token(option)) return valid = false;
          if (iequals_any_case(option, "close")) head_.connection_close_ = true;
          if (iequals_any_case(option, "keep-alive")) head_.connection_keep_alive_ = true;
          if (iequals_any_case(option, "upgrade")) head_.connection_upgrade_ = true;
          return true;
        });
        if (!valid) return ParseError::kBadConnection;
      }
      return ParseError::kNone;
    case 14:
      if (iequals(name, "content-length")) {
        if (++content_length_count_ > 1) return ParseError::kDuplicateContentLength;
        if (transfer_encoding_seen_) return ParseError::kContentLengthWithTransferEncoding;
        // Content-Length = 1*DIGIT (§6.2): no sign, no list, no whitespace inside.
        if (value.empty()) return ParseError::kBadContentLength;
        std::uint64_t length = 0;
        constexpr std::uint64_t kMax = std::numeric_limits<std::int64_t>::max();
        for (char c : value) {
          if (!is(c, kDigit)) return ParseError::kBadContentLength;
          const auto digit = static_cast<std::uint64_t>(c - '0');
          if (length > (kMax - digit) / 10) return ParseError::kContentLengthOverflow;
          length = length * 10 + digit;
        }
        head_.content_length_ = length;
      }
      return ParseError::kNone;
    case 17:
      if (iequals(name, "transfer-encoding")) {
        // §6.1: in HTTP/1.0 the framing is faulty.
        if (head_.version_ == HttpVersion::kHttp10) return ParseError::kTransferEncodingInHttp10;
        if (content_length_count_ > 0) return ParseError::kContentLengthWithTransferEncoding;
        transfer_encoding_seen_ = true;
        ParseError error = ParseError::kNone;
        bool any = false;
        for_each_list_element(value, [&](std::string_view coding) {
          any = true;
          std::size_t n = 0;
          while (n < coding.size() && is(coding[n], kTchar)) ++n;
          const std::string_view coding_name = coding.substr(0, n);
          const std::string_view parameters = trim_ows(coding.substr(n));
          if (coding_name.empty() || (!parameters.empty() && parameters.front() != ';')) {
            error = ParseError::kBadTransferEncoding;
          } else if (chunked_seen_) {
            // §6.1: chunked at most once; §6.3: anything after it leaves the length unknown.
            error = ParseError::kChunkedNotLast;
          } else if (iequals(coding_name, "chunked")) {
            // chunked defines no parameters.
            if (!parameters.empty()) error = ParseError::kBadTransferEncoding;
            chunked_seen_ = true;
          } else {
            error = ParseError::kUnsupportedTransferCoding;
          }
          return error == ParseError::kNone;
        });
        if (error != ParseError::kNone) return error;
        if (!any) return ParseError::kBadTransferEncoding;
      }
      return ParseError::kNone;
    default:
      return ParseError::kNone;
  }
}

ParseError RequestParser::on_end_of_head() {
  // §3.2: an HTTP/1.1 request without Host is answered with 400.
  if (head_.version_ == HttpVersion::kHttp11 && host_count_ == 0) return ParseError::kMissingHost;
  if (transfer_encoding_seen_) {
    // Every coding but chunked was refused as it arrived, so chunked is the last one.
    head_.framing_ = BodyFraming::kChunked;
  } else if (content_length_count_ == 1) {
    head_.framing_ = BodyFraming::kContentLength;
  } else {
    head_.framing_ = BodyFraming::kNone;
  }
  return ParseError::kNone;
}

}  // namespace lintel::http1
