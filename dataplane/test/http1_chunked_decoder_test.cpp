#include <gtest/gtest.h>

#include <string>
#include <type_traits>

#include "http1/chunked_decoder.h"

namespace lintel::http1 {
namespace {

static_assert(std::is_trivially_copyable_v<ChunkedDecoder>);
static_assert(std::is_trivially_destructible_v<ChunkedDecoder>);

struct Decoded {
  ChunkedStatus status = ChunkedStatus::kNeedMore;
  ParseError error = ParseError::kNone;
  std::string body;
  std::size_t consumed = 0;  // total bytes used, through the end of the trailer section
};

// Feeds `input` in pieces of `piece` bytes (0: all at once), following the documented loop.
Decoded decode_in_pieces(const std::string& input, std::size_t piece,
                         ChunkedDecoderLimits limits = {}) {
  ChunkedDecoder decoder(limits);
  Decoded out;
  std::size_t offset = 0;
  while (offset < input.size()) {
    const std::size_t n =
        piece == 0 ? input.size() - offset : std::min(piece, input.size() - offset);
    std::string_view chunk(input.data() + offset, n);
    while (!chunk.empty()) {
      const ChunkedResult r = decoder.decode(chunk);
      EXPECT_LE(r.consumed, chunk.size());
      if (r.status == ChunkedStatus::kData) {
        EXPECT_FALSE(r.data.empty());
        EXPECT_EQ(r.data.data() + r.data.size(), chunk.data() + r.consumed);  // a view into input
        out.body.append(r.data);
      }
      out.consumed += r.consumed;
      chunk.remove_prefix(r.consumed);
      if (r.status == ChunkedStatus::kNeedMore) {
        EXPECT_TRUE(chunk.empty());
      }
      if (r.status == ChunkedStatus::kComplete || r.status == ChunkedStatus::kError) {
        out.status = r.status;
        out.error = r.error;
        EXPECT_EQ(decoder.body_bytes(), out.body.size());
        return out;
      }
    }
    offset += n;
  }
  out.status = ChunkedStatus::kNeedMore;
  return out;
}

// Every piece size must give the same answer.
Decoded decode(const std::string& input, ChunkedDecoderLimits limits = {}) {
  const Decoded whole = decode_in_pieces(input, 0, limits);
  for (std::size_t piece : {1u, 2u, 3u, 7u}) {
    const Decoded split = decode_in_pieces(input, piece, limits);
    EXPECT_EQ(static_cast<int>(split.status), static_cast<int>(whole.status)) << piece;
    EXPECT_EQ(split.error, whole.error) << piece;
    EXPECT_EQ(split.body, whole.body) << piece;
    EXPECT_EQ(split.consumed, whole.consumed) << piece;
  }
  return whole;
}

ParseError error_of(const std::string& input, ChunkedDecoderLimits limits = {}) {
  const Decoded d = decode(input, limits);
  EXPECT_EQ(d.status, ChunkedStatus::kError) << input;
  return d.error;
}

TEST(ChunkedDecoder, DecodesChunksAndStopsAtTheEnd) {
  const std::string body = "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n";
  const Decoded d = decode(body + "GET / HTTP/1.1\r\n");
  EXPECT_EQ(d.status, ChunkedStatus::kComplete);
  EXPECT_EQ(d.body, "hello, world");
  EXPECT_EQ(d.consumed, body.size());  // the pipelined request is left alone
}

TEST(ChunkedDecoder, HexSizesAnyCase) {
  const std::string data(0x1aF, 'x');
  const Decoded d = decode("1aF\r\n" + data + "\r\n000\r\n\r\n");
  EXPECT_EQ(d.status, ChunkedStatus::kComplete);
  EXPECT_EQ(d.body, data);
}

TEST(ChunkedDecoder, NeedsMoreUntilTheLastCrlf) {
  const Decoded d = decode("3\r\nabc\r\n0\r\n");
  EXPECT_EQ(d.status, ChunkedStatus::kNeedMore);
  EXPECT_EQ(d.body, "abc");
}

TEST(ChunkedDecoder, ReturnsAtMostOneDataRangePerCall) {
  ChunkedDecoder decoder;
  const std::string input = "2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n";
  ChunkedResult r = decoder.decode(input);
  ASSERT_EQ(r.status, ChunkedStatus::kData);
  EXPECT_EQ(r.data, "ab");
  EXPECT_EQ(r.consumed, 5u);
  r = decoder.decode(std::string_view(input).substr(5));
  ASSERT_EQ(r.status, ChunkedStatus::kData);
  EXPECT_EQ(r.data, "cd");
  r = decoder.decode(std::string_view(input).substr(5 + r.consumed));
  EXPECT_EQ(r.status, ChunkedStatus::kComplete);
  // Complete is sticky and consumes nothing more.
  r = decoder.decode("junk");
  EXPECT_EQ(r.status, ChunkedStatus::kComplete);
  EXPECT_EQ(r.consumed, 0u);
  decoder.reset();
  EXPECT_EQ(decoder.decode("0\r\n\r\n").status, ChunkedStatus::kComplete);
}

TEST(ChunkedDecoder, ChunkSizeSyntax) {
  for (const char* bad : {"\r\n", "x\r\n", "-1\r\n", "+1\r\n", "0x1\r\n", " 1\r\n", ";a\r\n"}) {
    EXPECT_EQ(error_of(bad), ParseError::kBadChunkSize) << bad;
  }
  // No whitespace after the size unless a ";" follows (chunk-ext = *( BWS ";" ... )).
  EXPECT_EQ(error_of("1 \r\na\r\n0\r\n\r\n"), ParseError::kBadChunkExtension);
  EXPECT_EQ(http_status(ParseError::kBadChunkSize), 400);
}

TEST(ChunkedDecoder, ChunkSizeOverflow) {
  EXPECT_EQ(error_of("8000000000000000\r\n"), ParseError::kChunkSizeOverflow);
  EXPECT_EQ(error_of("fffffffffffffffff\r\n"), ParseError::kChunkSizeOverflow);
  EXPECT_EQ(error_of("10000000000000000000001\r\n"), ParseError::kChunkSizeOverflow);
  // 2^63-1 itself is a valid size; leading zeros do not count toward overflow.
  const Decoded d = decode("00000000000000007fffffffffffffff\r\nabc");
  EXPECT_EQ(d.status, ChunkedStatus::kNeedMore);
  EXPECT_EQ(d.body, "abc");
}

TEST(ChunkedDecoder, ChunkExtensions) {
  for (const char* line : {"3;a\r\n", "3;a=b\r\n", "3 ;a\r\n", "3\t; a = b\r\n", "3;a;b=c;d\r\n",
                           "3;a=\"q \\\" ;\\\\ \xff\"\r\n", "3;a=\"\"\r\n", "3;a=\"x\";b\r\n"}) {
    const Decoded d = decode(std::string(line) + "abc\r\n0;last\r\n\r\n");
    EXPECT_EQ(d.status, ChunkedStatus::kComplete) << line << " " << reason(d.error);
    EXPECT_EQ(d.body, "abc") << line;
  }
  for (const char* line : {"3;\r\n", "3;=b\r\n", "3;a=\r\n", "3;a b\r\n", "3;a \r\n", "3;a=b \r\n",
                           "3;a=\"x\" \r\n", "3;a=b c\r\n", "3;a=\"x\r\n", "3;a=\"x\"y\r\n",
                           "3;a=(\r\n", "3 x\r\n", "3;a=\"\x01\"\r\n"}) {
    const ParseError error = error_of(std::string(line) + "abc\r\n0\r\n\r\n");
    EXPECT_TRUE(error == ParseError::kBadChunkExtension || error == ParseError::kBareCr)
        << line << " " << reason(error);
  }
}

TEST(ChunkedDecoder, ChunkLineLengthIsBounded) {
  ChunkedDecoderLimits limits;
  limits.max_chunk_line = 16;
  EXPECT_EQ(decode("3;abcdefghijklmn\r\nabc\r\n0\r\n\r\n", limits).status,
            ChunkedStatus::kComplete);  // 16 bytes
  EXPECT_EQ(error_of("3;abcdefghijklmno\r\nabc\r\n0\r\n\r\n", limits),
            ParseError::kChunkLineTooLong);
  // The default is 4 KiB, leading zeros included.
  EXPECT_EQ(error_of("1;" + std::string(4 * 1024, 'x') + "\r\n"), ParseError::kChunkLineTooLong);
  EXPECT_EQ(error_of(std::string(5000, '0') + "\r\n\r\n"), ParseError::kChunkLineTooLong);
  EXPECT_EQ(http_status(ParseError::kChunkLineTooLong), 400);
}

TEST(ChunkedDecoder, DataMustBeFollowedByExactlyCrlf) {
  EXPECT_EQ(error_of("3\r\nabcd\r\n0\r\n\r\n"), ParseError::kMissingChunkDataCrlf);
  EXPECT_EQ(error_of("3\r\nabc\n0\r\n\r\n"), ParseError::kMissingChunkDataCrlf);
  EXPECT_EQ(error_of("3\r\nabc\rX0\r\n\r\n"), ParseError::kMissingChunkDataCrlf);
  EXPECT_EQ(error_of("3\r\nab\r\n0\r\n\r\n"), ParseError::kMissingChunkDataCrlf);
}

TEST(ChunkedDecoder, BareLfAndBareCrAreRefused) {
  EXPECT_EQ(error_of("3\nabc\r\n0\r\n\r\n"), ParseError::kBareLf);
  EXPECT_EQ(error_of("3;a=b\nabc\r\n0\r\n\r\n"), ParseError::kBareLf);
  EXPECT_EQ(error_of("3\rabc\r\n0\r\n\r\n"), ParseError::kBareCr);
  EXPECT_EQ(error_of("0\r\n\n"), ParseError::kBareLf);
  EXPECT_EQ(error_of("0\r\n\rx"), ParseError::kBareCr);
  EXPECT_EQ(error_of("0\r\nX: y\n\r\n"), ParseError::kBareLf);
  EXPECT_EQ(error_of("0\r\nX: y\rz\r\n\r\n"), ParseError::kBareCr);
  EXPECT_EQ(http_status(ParseError::kBareLf), 400);
}

TEST(ChunkedDecoder, Trailers) {
  ChunkedDecoder decoder;
  const std::string input = "0\r\nChecksum: abc\r\nX-Empty:\r\n\r\n";
  const ChunkedResult r = decoder.decode(input);
  EXPECT_EQ(r.status, ChunkedStatus::kComplete);
  EXPECT_EQ(r.consumed, input.size());
  EXPECT_EQ(decoder.trailer_field_count(), 2u);
}

TEST(ChunkedDecoder, TrailersFollowTheFieldRules) {
  EXPECT_EQ(error_of("0\r\nX : y\r\n\r\n"), ParseError::kWhitespaceBeforeColon);
  EXPECT_EQ(error_of("0\r\nX: y\r\n z\r\n\r\n"), ParseError::kObsFold);
  EXPECT_EQ(error_of("0\r\n: y\r\n\r\n"), ParseError::kBadFieldName);
  EXPECT_EQ(error_of("0\r\nX(: y\r\n\r\n"), ParseError::kBadFieldName);
  EXPECT_EQ(error_of("0\r\nNoColon\r\n\r\n"), ParseError::kBareCr);
  EXPECT_EQ(error_of(std::string("0\r\nX: a\0b\r\n\r\n", 14)), ParseError::kBadFieldValue);
  EXPECT_EQ(error_of("0\r\nX: a\x7f\r\n\r\n"), ParseError::kBadFieldValue);
}

TEST(ChunkedDecoder, TrailerSectionIsBounded) {
  ChunkedDecoderLimits limits;
  limits.max_trailer_section = 16;
  // "X: 012345678" CRLF CRLF is 16 bytes.
  EXPECT_EQ(decode("0\r\nX: 012345678\r\n\r\n", limits).status, ChunkedStatus::kComplete);
  EXPECT_EQ(error_of("0\r\nX: 0123456789\r\n\r\n", limits), ParseError::kTrailerSectionTooLarge);
  EXPECT_EQ(http_status(ParseError::kTrailerSectionTooLarge), 431);
  limits = {};
  limits.max_trailer_fields = 2;
  EXPECT_EQ(decode("0\r\nA: 1\r\nB: 2\r\n\r\n", limits).status, ChunkedStatus::kComplete);
  EXPECT_EQ(error_of("0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits),
            ParseError::kTooManyTrailerFields);
  EXPECT_EQ(http_status(ParseError::kTooManyTrailerFields), 431);
}

TEST(ChunkedDecoder, ErrorsAreSticky) {
  ChunkedDecoder decoder;
  EXPECT_EQ(decoder.decode("z").error, ParseError::kBadChunkSize);
  const ChunkedResult r = decoder.decode("0\r\n\r\n");
  EXPECT_EQ(r.status, ChunkedStatus::kError);
  EXPECT_EQ(r.error, ParseError::kBadChunkSize);
  EXPECT_EQ(r.consumed, 0u);
}

}  // namespace
}  // namespace lintel::http1
