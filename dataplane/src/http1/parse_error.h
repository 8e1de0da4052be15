// Why an HTTP/1.1 request (head or chunked body) was refused, and the status to answer with.
// The caller answers and then closes the connection: once framing is in doubt, nothing that
// follows on it can be trusted (RFC 9112 §6.3; this is the request-smuggling defence).
#pragma once

#include <cstdint>
#include <string_view>

namespace lintel::http1 {

enum class ParseError : std::uint8_t {
  kNone,
  // Caller contract: parse() was given fewer bytes than an earlier call.
  kBufferShrank,
  // Request line.
  kTooManyLeadingEmptyLines,
  kRequestLineTooLong,
  kBadRequestLine,
  kBadMethod,
  kBadTarget,
  kTargetFormMismatch,
  kBadVersion,
  kUnsupportedVersion,
  kHttp2Preface,
  // Line endings.
  kBareLf,
  kBareCr,
  // Field lines (header section and trailer section).
  kObsFold,
  kWhitespaceBeforeColon,
  kBadFieldName,
  kBadFieldValue,
  kHeaderSectionTooLarge,
  kTooManyFields,
  // Framing and semantics of particular fields.
  kBadContentLength,
  kContentLengthOverflow,
  kDuplicateContentLength,
  kContentLengthWithTransferEncoding,
  kTransferEncodingInHttp10,
  kBadTransferEncoding,
  kChunkedNotLast,
  kUnsupportedTransferCoding,
  kMissingHost,
  kDuplicateHost,
  kBadHost,
  kBadConnection,
  // Chunked body.
  kBadChunkSize,
  kChunkSizeOverflow,
  kBadChunkExtension,
  kChunkLineTooLong,
  kMissingChunkDataCrlf,
  kTrailerSectionTooLarge,
  kTooManyTrailerFields,
};

// The status code to answer with. kHttp2Preface is 505 only for a server that does not speak
// h2c: a caller that does should hand the buffered bytes to its HTTP/2 layer instead.
constexpr int http_status(ParseError error) {
  switch (error) {
    case ParseError::kNone:
      return 0;
    case ParseError::kBufferShrank:
      return 500;
    case ParseError::kRequestLineTooLong:
      return 414;
    case ParseError::kHeaderSectionTooLarge:
    case ParseError::kTooManyFields:
    case ParseError::kTrailerSectionTooLarge:
    case ParseError::kTooManyTrailerFields:
      return 431;
    case ParseError::kUnsupportedTransferCoding:
      return 501;
    case ParseError::kUnsupportedVersion:
    case ParseError::kHttp2Preface:
      return 505;
    default:
      return 400;
  }
}

// A short, fixed reason for logs (never includes request bytes).
constexpr std::string_view reason(ParseError error) {
  switch (error) {
    case ParseError::kNone:
      return "no error";
    case ParseError::kBufferShrank:
      return "parser given fewer bytes than before";
    case ParseError::kTooManyLeadingEmptyLines:
      return "too many empty lines before request line";
    case ParseError::kRequestLineTooLong:
      return "request line too long";
    case ParseError::kBadRequestLine:
      return "malformed request line";
    case ParseError::kBadMethod:
      return "method is not a token";
    case ParseError::kBadTarget:
      return "malformed request target";
    case ParseError::kTargetFormMismatch:
      return "request target form not allowed for method";
    case ParseError::kBadVersion:
      return "malformed HTTP version";
    case ParseError::kUnsupportedVersion:
      return "HTTP version not supported";
    case ParseError::kHttp2Preface:
      return "HTTP/2 connection preface";
    case ParseError::kBareLf:
      return "line ends in bare LF";
    case ParseError::kBareCr:
      return "bare CR";
    case ParseError::kObsFold:
      return "obsolete line folding";
    case ParseError::kWhitespaceBeforeColon:
      return "whitespace between field name and colon";
    case ParseError::kBadFieldName:
      return "malformed field name";
    case ParseError::kBadFieldValue:
      return "invalid byte in field value";
    case ParseError::kHeaderSectionTooLarge:
      return "header section too large";
    case ParseError::kTooManyFields:
      return "too many header fields";
    case ParseError::kBadContentLength:
      return "malformed Content-Length";
    case ParseError::kContentLengthOverflow:
      return "Content-Length too large";
    case ParseError::kDuplicateContentLength:
      return "more than one Content-Length";
    case ParseError::kContentLengthWithTransferEncoding:
      return "Content-Length with Transfer-Encoding";
    case ParseError::kTransferEncodingInHttp10:
      return "Transfer-Encoding in HTTP/1.0";
    case ParseError::kBadTransferEncoding:
      return "malformed Transfer-Encoding";
    case ParseError::kChunkedNotLast:
      return "chunked is not the final transfer coding";
    case ParseError::kUnsupportedTransferCoding:
      return "transfer coding not implemented";
    case ParseError::kMissingHost:
      return "missing Host";
    case ParseError::kDuplicateHost:
      return "more than one Host";
    case ParseError::kBadHost:
      return "malformed Host";
    case ParseError::kBadConnection:
      return "malformed Connection";
    case ParseError::kBadChunkSize:
      return "malformed chunk size";
    case ParseError::kChunkSizeOverflow:
      return "chunk size too large";
    case ParseError::kBadChunkExtension:
      return "malformed chunk extension";
    case ParseError::kChunkLineTooLong:
      return "chunk line too long";
    case ParseError::kMissingChunkDataCrlf:
      return "chunk data not followed by CRLF";
    case ParseError::kTrailerSectionTooLarge:
      return "trailer section too large";
    case ParseError::kTooManyTrailerFields:
      return "too many trailer fields";
  }
  return "unknown";
}

}  // namespace lintel::http1
