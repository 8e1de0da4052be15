// An incremental decoder for the chunked transfer coding of a request body (RFC 9112 §7.1).
//
// Pure and allocation-free by construction (integers only; no containers). Unlike
// RequestParser, it keeps all of its state between calls byte by byte, so the caller never
// re-presents bytes: each decode() call consumes a prefix of `input`, and the caller drops
// `consumed` bytes and calls again with what is left (or with the next piece from the socket).
//
//   ChunkedDecoder decoder;
//   while (!input.empty()) {
//     ChunkedResult r = decoder.decode(input);
//     input.remove_prefix(r.consumed);
//     switch (r.status) {
//       case ChunkedStatus::kData: forward(r.data); break;       // r.data is a view into input
//       case ChunkedStatus::kNeedMore: break;                      // all of input was consumed
//       case ChunkedStatus::kComplete: return;                     // input = next request's bytes
//       case ChunkedStatus::kError: answer http_status(r.error); close;
//     }
//   }
//
// Each call returns at most one data range, so that the chunk framing between ranges never has
// to be copied out. Strictness: chunk-size is 1*HEXDIG up to 2^63-1; chunk extensions follow
// the grammar (BWS ";" token [ "=" token / quoted-string ]) and a chunk line, extensions
// included, is at most `max_chunk_line` bytes; chunk data must be followed by exactly CRLF; no
// bare LF or bare CR anywhere. Trailer fields are checked with the header section's rules
// (token name, no whitespace before the colon, no obs-fold, field-value bytes only) and bounded
// in bytes and count (431), then discarded: RFC 9110 §6.5.1 lets a recipient drop trailers, and
// a framing field there must never be merged into the head anyway.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http1/parse_error.h"

namespace lintel::http1 {

struct ChunkedDecoderLimits {
  std::size_t max_chunk_line = 4 * 1024;       // chunk-size + extensions, without CRLF; 400
  std::size_t max_trailer_section = 8 * 1024;  // trailer field lines + final CRLF; 431
  std::size_t max_trailer_fields = 100;        // 431
};

enum class ChunkedStatus : std::uint8_t { kNeedMore, kData, kComplete, kError };

struct ChunkedResult {
  ChunkedStatus status = ChunkedStatus::kNeedMore;
  ParseError error = ParseError::kNone;  // set when status is kError
  std::size_t consumed = 0;              // bytes of input used by this call (data included)
  std::string_view data;                 // body bytes when status is kData; ends at consumed
};

class ChunkedDecoder {
 public:
  explicit ChunkedDecoder(ChunkedDecoderLimits limits = {}) : limits_(limits) {}

  // Once kComplete or kError is returned, later calls return it again (consuming nothing).
  ChunkedResult decode(std::string_view input);
  void reset() { *this = ChunkedDecoder(limits_); }

  std::uint64_t body_bytes() const { return body_bytes_; }  // decoded so far
  std::size_t trailer_field_count() const { return trailer_fields_; }

 private:
  enum class State : std::uint8_t {
    kSizeFirst,          // first HEXDIG of chunk-size
    kSize,               // more HEXDIG, or BWS / ";" / CR
    kBeforeExtension,    // BWS before ";"
    kExtensionName,      // BWS then the first tchar of chunk-ext-name
    kExtensionNameMore,  // tchar, BWS, "=", ";" or CR
    kAfterExtensionName,
    kExtensionValue,  // BWS then token or DQUOTE
    kExtensionToken,
    kExtensionQuoted,
    kExtensionQuotedEscape,
    kExtensionValueEnd,  // after the closing DQUOTE
    kAfterExtensionValue,
    kLineLf,  // the LF of a chunk line's CRLF
    kData,
    kDataCr,
    kDataLf,
    kTrailerLineStart,
    kTrailerName,
    kTrailerValue,
    kTrailerLineLf,
    kTrailerEndLf,
    kComplete,
    kError,
  };

  ChunkedResult fail(ParseError error, std::size_t consumed);
  // Handles one framing byte; returns kNone or the error.
  ParseError step(char c);

  ChunkedDecoderLimits limits_;
  State state_ = State::kSizeFirst;
  ParseError error_ = ParseError::kNone;
  std::uint64_t chunk_size_ = 0;
  std::uint64_t remaining_ = 0;
  std::uint64_t body_bytes_ = 0;
  std::size_t line_length_ = 0;
  std::size_t trailer_bytes_ = 0;
  std::size_t trailer_fields_ = 0;
};

}  // namespace lintel::http1
