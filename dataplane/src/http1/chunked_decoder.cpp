#include "http1/chunked_decoder.h"

#include <algorithm>
#include <limits>

#include "http1/char_class.h"

namespace lintel::http1 {

using detail::is;
using detail::is_ows;
using detail::kFieldValue;
using detail::kQdText;
using detail::kTchar;

namespace {
constexpr std::uint64_t kMaxChunkSize = std::numeric_limits<std::int64_t>::max();
}  // namespace

ChunkedResult ChunkedDecoder::fail(ParseError error, std::size_t consumed) {
  state_ = State::kError;
  error_ = error;
  return ChunkedResult{ChunkedStatus::kError, error, consumed, {}};
}

ChunkedResult ChunkedDecoder::decode(std::string_view input) {
  if (state_ == State::kComplete)
    return ChunkedResult{ChunkedStatus::kComplete, ParseError::kNone, 0, {}};
  if (state_ == State::kError) return ChunkedResult{ChunkedStatus::kError, error_, 0, {}};
  std::size_t i = 0;
  while (i < input.size()) {
    if (state_ == State::kData) {
      const std::size_t n =
          static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, input.size() - i));
      remaining_ -= n;
      body_bytes_ += n;
      if (remaining_ == 0) state_ = State::kDataCr;
      return ChunkedResult{ChunkedStatus::kData, ParseError::kNone, i + n, input.substr(i, n)};
    }
    const ParseError error = step(input[i++]);
    if (error != ParseError::kNone) return fail(error, i);
    if (state_ == State::kComplete) return ChunkedResult{ChunkedStatus::kComplete, error, i, {}};
  }
  return ChunkedResult{ChunkedStatus::kNeedMore, ParseError::kNone, input.size(), {}};
}

ParseError ChunkedDecoder::step(char c) {
  // Chunk lines: chunk-size [ chunk-ext ] CRLF, bounded as a whole.
  if (state_ <= State::kAfterExtensionValue) {
    if (c == '\n') return ParseError::kBareLf;
    if (c != '\r' && ++line_length_ > limits_.max_chunk_line) return ParseError::kChunkLineTooLong;
  }
  switch (state_) {
    case State::kSizeFirst:
    case State::kSize: {
      const int digit = detail::hex_value(c);
      if (digit >= 0) {
        const auto d = static_cast<std::uint64_t>(digit);
        if (chunk_size_ > (kMaxChunkSize - d) / 16) return ParseError::kChunkSizeOverflow;
        chunk_size_ = chunk_size_ * 16 + d;
        state_ = State::kSize;
        return ParseError::kNone;
      }
      if (state_ == State::kSizeFirst) return ParseError::kBadChunkSize;
      if (c == '\r') {
        state_ = State::kLineLf;
      } else if (c == ';') {
        state_ = State::kExtensionName;
      } else if (is_ows(c)) {
        // BWS is allowed only before a ";" (chunk-ext = *( BWS ";" ... )).
        state_ = State::kBeforeExtension;
      } else {
        return ParseError::kBadChunkSize;
      }
      return ParseError::kNone;
    }
    case State::kBeforeExtension:
      if (c == ';') {
        state_ = State::kExtensionName;
      } else if (!is_ows(c)) {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kExtensionName:
      if (is(c, kTchar)) {
        state_ = State::kExtensionNameMore;
      } else if (!is_ows(c)) {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kExtensionNameMore:
      if (is(c, kTchar)) return ParseError::kNone;
      if (c == '=') {
        state_ = State::kExtensionValue;
      } else if (c == ';') {
        state_ = State::kExtensionName;
      } else if (c == '\r') {
        state_ = State::kLineLf;
      } else if (is_ows(c)) {
        state_ = State::kAfterExtensionName;
      } else {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kAfterExtensionName:
      // BWS after a name must lead to "=" or to the next ";" (no trailing whitespace).
      if (c == '=') {
        state_ = State::kExtensionValue;
      } else if (c == ';') {
        state_ = State::kExtensionName;
      } else if (!is_ows(c)) {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kExtensionValue:
      if (c == '"') {
        state_ = State::kExtensionQuoted;
      } else if (is(c, kTchar)) {
        state_ = State::kExtensionToken;
      } else if (!is_ows(c)) {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kExtensionToken:
    case State::kExtensionValueEnd:
      if (is(c, kTchar) && state_ == State::kExtensionToken) return ParseError::kNone;
      if (c == ';') {
        state_ = State::kExtensionName;
      } else if (c == '\r') {
        state_ = State::kLineLf;
      } else if (is_ows(c)) {
        state_ = State::kAfterExtensionValue;
      } else {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kAfterExtensionValue:
      // As after a name: whitespace must lead to another ";".
      if (c == ';') {
        state_ = State::kExtensionName;
      } else if (!is_ows(c)) {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kExtensionQuoted:
      if (c == '"') {
        state_ = State::kExtensionValueEnd;
      } else if (c == '\\') {
        state_ = State::kExtensionQuotedEscape;
      } else if (c == '\r') {
        return ParseError::kBareCr;
      } else if (!is(c, kQdText)) {
        return ParseError::kBadChunkExtension;
      }
      return ParseError::kNone;
    case State::kExtensionQuotedEscape:
      // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
      if (c == '\r') return ParseError::kBareCr;
      if (!is(c, kFieldValue)) return ParseError::kBadChunkExtension;
      state_ = State::kExtensionQuoted;
      return ParseError::kNone;
    case State::kLineLf:
      if (c != '\n') return ParseError::kBareCr;
      line_length_ = 0;
      if (chunk_size_ == 0) {
        state_ = State::kTrailerLineStart;
      } else {
        remaining_ = chunk_size_;
        chunk_size_ = 0;
        state_ = State::kData;
      }
      return ParseError::kNone;
    case State::kDataCr:
      if (c != '\r') return ParseError::kMissingChunkDataCrlf;
      state_ = State::kDataLf;
      return ParseError::kNone;
    case State::kDataLf:
      if (c != '\n') return ParseError::kMissingChunkDataCrlf;
      state_ = State::kSizeFirst;
      return ParseError::kNone;
    default:
      break;
  }

  // Trailer section: *( field-line CRLF ) CRLF, the header section's rules, bounded.
  if (++trailer_bytes_ > limits_.max_trailer_section) return ParseError::kTrailerSectionTooLarge;
  switch (state_) {
    case State::kTrailerLineStart:
      if (c == '\r') {
        state_ = State::kTrailerEndLf;
      } else if (c == '\n') {
        return ParseError::kBareLf;
      } else if (is_ows(c)) {
        return ParseError::kObsFold;
      } else if (is(c, kTchar)) {
        if (++trailer_fields_ > limits_.max_trailer_fields) {
          return ParseError::kTooManyTrailerFields;
        }
        state_ = State::kTrailerName;
      } else {
        return ParseError::kBadFieldName;
      }
      return ParseError::kNone;
    case State::kTrailerName:
      if (c == ':') {
        state_ = State::kTrailerValue;
      } else if (is_ows(c)) {
        return ParseError::kWhitespaceBeforeColon;
      } else if (c == '\n') {
        return ParseError::kBareLf;
      } else if (!is(c, kTchar)) {
        return c == '\r' ? ParseError::kBareCr : ParseError::kBadFieldName;
      }
      return ParseError::kNone;
    case State::kTrailerValue:
      if (c == '\r') {
        state_ = State::kTrailerLineLf;
      } else if (c == '\n') {
        return ParseError::kBareLf;
      } else if (!is(c, kFieldValue)) {
        return ParseError::kBadFieldValue;
      }
      return ParseError::kNone;
    case State::kTrailerLineLf:
      if (c != '\n') return ParseError::kBareCr;
      state_ = State::kTrailerLineStart;
      return ParseError::kNone;
    case State::kTrailerEndLf:
      if (c != '\n') return ParseError::kBareCr;
      state_ = State::kComplete;
      return ParseError::kNone;
    default:
      // kData, kComplete and kError never reach step().
      return ParseError::kBadChunkSize;
  }
}

}  // namespace lintel::http1
