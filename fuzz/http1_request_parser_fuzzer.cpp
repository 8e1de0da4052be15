// A byte stream of pipelined HTTP/1.1 requests: each head is parsed, then the body framing it
// reports is followed (chunked decoder, Content-Length skip), then the next request. Every step
// is done twice, once over all the bytes at once and once over pieces of sizes chosen from a
// PRNG seeded by the input (so a run is reproducible), and both must agree exactly: the
// parser's answer must never depend on how the bytes arrived. A mismatch aborts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http1/chunked_decoder.h"
#include "http1/request_parser.h"

namespace {

using lintel::http1::BodyFraming;
using lintel::http1::ChunkedDecoder;
using lintel::http1::ChunkedDecoderLimits;
using lintel::http1::ChunkedResult;
using lintel::http1::ChunkedStatus;
using lintel::http1::ParseError;
using lintel::http1::ParseResult;
using lintel::http1::ParseStatus;
using lintel::http1::RequestHead;
using lintel::http1::RequestParser;
using lintel::http1::RequestParserLimits;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "http1 fuzzer invariant broken: %s\n", what);
    std::abort();
  }
}

class Pieces {
 public:
  explicit Pieces(std::string_view input) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : input) h = (h ^ c) * 1099511628211ull;
    state_ = h | 1;
  }
  std::uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  std::size_t size() {
    const std::uint64_t r = next();
    switch (r % 4) {
      case 0:
        return 1;
      case 1:
        return 1 + (r >> 8) % 8;
      case 2:
        return 1 + (r >> 8) % 64;
      default:
        return 1 + (r >> 8) % 4096;
    }
  }

 private:
  std::uint64_t state_;
};

bool inside(std::string_view part, std::string_view buffer) {
  if (part.empty()) return true;
  return part.data() >= buffer.data() && part.data() + part.size() <= buffer.data() + buffer.size();
}

void check_error(ParseError error) {
  const int status = lintel::http1::http_status(error);
  check(status >= 400 && status <= 505, "error status in range");
  check(!lintel::http1::reason(error).empty(), "error has a reason");
}

void check_same_head(const RequestHead& a, std::string_view a_buffer, const RequestHead& b,
                     std::string_view b_buffer) {
  check(a.method() == b.method() && a.target() == b.target(), "request line agrees");
  check(a.version() == b.version() && a.target_form() == b.target_form(), "version/form agree");
  check(a.target_authority() == b.target_authority() && a.host() == b.host(), "authority agrees");
  check(a.field_count() == b.field_count(), "field count agrees");
  check(a.body_framing() == b.body_framing() && a.content_length() == b.content_length(),
        "framing agrees");
  check(a.keep_alive() == b.keep_alive() && a.expects_continue() == b.expects_continue() &&
            a.upgrade_requested() == b.upgrade_requested(),
        "connection semantics agree");
  check(inside(a.method(), a_buffer) && inside(a.target(), a_buffer) &&
            inside(a.host(), a_buffer) && inside(b.method(), b_buffer),
        "views inside the buffer");
  for (std::size_t i = 0; i < a.field_count(); ++i) {
    const auto fa = a.field(i);
    const auto fb = b.field(i);
    check(fa.name == fb.name && fa.value == fb.value, "fields agree");
    check(inside(fa.name, a_buffer) && inside(fa.value, a_buffer), "field views inside");
    check(!fa.name.empty(), "field name non-empty");
    check(a.find(fa.name).has_value() && a.count(fa.name) >= 1, "lookup finds every field");
  }
  if (a.body_framing() == BodyFraming::kChunked) {
    check(a.count("content-length") == 0, "no Content-Length with chunked");
  }
  if (a.body_framing() == BodyFraming::kContentLength) {
    check(a.count("content-length") == 1 && a.count("transfer-encoding") == 0,
          "exactly one Content-Length");
  }
  if (a.version() == lintel::http1::HttpVersion::kHttp11) {
    check(a.count("host") == 1, "HTTP/1.1 has exactly one Host");
  }
}

struct BodyOutcome {
  ChunkedStatus status = ChunkedStatus::kNeedMore;
  ParseError error = ParseError::kNone;
  std::size_t consumed = 0;
  std::uint64_t body_bytes = 0;
  std::uint64_t body_hash = 1469598103934665603ull;
};

void absorb(BodyOutcome& out, std::string_view data) {
  out.body_bytes += data.size();
  for (unsigned char c : data) out.body_hash = (out.body_hash ^ c) * 1099511628211ull;
}

// Decodes `stream` fed in pieces (piece sizes from `pieces`, or all at once when null).
BodyOutcome decode_chunked(std::string_view stream, ChunkedDecoderLimits limits, Pieces* pieces) {
  ChunkedDecoder decoder(limits);
  BodyOutcome out;
  std::size_t offset = 0;
  while (offset < stream.size()) {
    const std::size_t n = pieces == nullptr ? stream.size() - offset
                                            : std::min(pieces->size(), stream.size() - offset);
    std::string_view piece = stream.substr(offset, n);
    while (!piece.empty()) {
      const ChunkedResult r = decoder.decode(piece);
      check(r.consumed <= piece.size(), "decoder consumed within input");
      if (r.status == ChunkedStatus::kData) {
        check(!r.data.empty() && inside(r.data, piece), "data is a view into the input");
        check(r.data.data() + r.data.size() == piece.data() + r.consumed, "data ends at consumed");
        absorb(out, r.data);
      } else {
        check(r.data.empty(), "no data unless kData");
      }
      if (r.status == ChunkedStatus::kNeedMore)
        check(r.consumed == piece.size(), "need-more eats all");
      if (r.status == ChunkedStatus::kData) check(r.consumed > 0, "data makes progress");
      out.consumed += r.consumed;
      piece.remove_prefix(r.consumed);
      if (r.status == ChunkedStatus::kComplete || r.status == ChunkedStatus::kError) {
        out.status = r.status;
        out.error = r.error;
        if (r.status == ChunkedStatus::kError) check_error(r.error);
        check(decoder.body_bytes() == out.body_bytes, "body byte count");
        const ChunkedResult again = decoder.decode(piece);
        check(again.status == r.status && again.consumed == 0, "final state is sticky");
        return out;
      }
    }
    offset += n;
  }
  out.status = ChunkedStatus::kNeedMore;
  check(decoder.body_bytes() == out.body_bytes, "body byte count");
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Pieces pieces(input);
  RequestParserLimits limits;
  ChunkedDecoderLimits body_limits;
  if (pieces.next() % 2 == 0) {
    // Small limits, so that the fuzzer reaches every bound with short inputs.
    limits = {64, 256, 8, 2};
    body_limits = {32, 64, 4};
  }

  std::string_view stream = input;
  // The incremental parser is reused through reset() and the one-shot parser is fresh each
  // time, so that state left over from an earlier request shows up as a disagreement.
  RequestParser incremental(limits);
  for (int request = 0; request < 16 && !stream.empty(); ++request) {
    RequestParser whole(limits);
    incremental.reset();
    const ParseResult expected = whole.parse(stream);
    // A growing std::string moves as it grows: the parser must cope through its offsets.
    std::string grown;
    ParseResult got;
    std::size_t offset = 0;
    while (offset < stream.size()) {
      const std::size_t n = std::min(pieces.size(), stream.size() - offset);
      grown.append(stream.substr(offset, n));
      offset += n;
      got = incremental.parse(grown);
      if (got.status != ParseStatus::kNeedMore) break;
    }
    check(got.status == expected.status, "incremental status equals whole");
    check(got.error == expected.error, "incremental error equals whole");
    check(got.consumed == expected.consumed, "incremental consumed equals whole");
    if (expected.status == ParseStatus::kNeedMore) return 0;
    if (expected.status == ParseStatus::kError) {
      check_error(expected.error);
      return 0;
    }
    check(expected.consumed > 0 && expected.consumed <= stream.size(), "consumed in range");
    check(stream.substr(0, expected.consumed).ends_with("\r\n\r\n"), "head ends in CRLF CRLF");
    check_same_head(incremental.head(), grown, whole.head(), stream);
    // A second call after completion answers the same.
    check(whole.parse(stream).consumed == expected.consumed, "complete is sticky");

    stream.remove_prefix(expected.consumed);
    const RequestHead& head = whole.head();
    switch (head.body_framing()) {
      case BodyFraming::kNone:
        break;
      case BodyFraming::kContentLength:
        if (head.content_length() >= stream.size()) return 0;
        stream.remove_prefix(static_cast<std::size_t>(head.content_length()));
        break;
      case BodyFraming::kChunked: {
        const BodyOutcome all = decode_chunked(stream, body_limits, nullptr);
        const BodyOutcome split = decode_chunked(stream, body_limits, &pieces);
        check(all.status == split.status && all.error == split.error, "body status agrees");
        check(all.consumed == split.consumed, "body consumed agrees");
        check(all.body_bytes == split.body_bytes && all.body_hash == split.body_hash,
              "body bytes agree");
        if (all.status != ChunkedStatus::kComplete) return 0;
        stream.remove_prefix(all.consumed);
        break;
      }
    }
  }
  return 0;
}
