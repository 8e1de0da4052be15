// The HTTP/2 server session driven directly with the bytes of an nghttp2 client session: what
// the connection answers, without sockets.
#include <gtest/gtest.h>
#include <nghttp2/nghttp2.h>

#include <string>
#include <vector>

#include "http2/connection_state.h"

namespace lintel::dataplane::http2 {
namespace {

// A client session that records what the server sent: statuses, stream resets, GOAWAY.
class Client {
 public:
  Client() {
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_header_callback(
        callbacks,
        [](nghttp2_session*, const nghttp2_frame*, const uint8_t* name, size_t name_length,
           const uint8_t* value, size_t value_length, uint8_t, void* self) {
          if (std::string_view(reinterpret_cast<const char*>(name), name_length) == ":status") {
            static_cast<Client*>(self)->statuses.emplace_back(reinterpret_cast<const char*>(value),
                                                              value_length);
          }
          return 0;
        });
    nghttp2_session_callbacks_set_on_frame_recv_callback(
        callbacks, [](nghttp2_session*, const nghttp2_frame* frame, void* self) {
          auto& client = *static_cast<Client*>(self);
          if (frame->hd.type == NGHTTP2_GOAWAY) client.goaway_error = frame->goaway.error_code;
          if (frame->hd.type == NGHTTP2_RST_STREAM) ++client.resets_received;
          return 0;
        });
    nghttp2_session_client_new(&session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);
    nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, nullptr, 0);
  }
  ~Client() { nghttp2_session_del(session); }

  std::int32_t get(std::string_view path, std::string_view authority = "a.example.com") {
    const auto pair = [](std::string_view name, std::string_view value) {
      return nghttp2_nv{reinterpret_cast<uint8_t*>(const_cast<char*>(name.data())),
                        reinterpret_cast<uint8_t*>(const_cast<char*>(value.data())), name.size(),
                        value.size(), NGHTTP2_NV_FLAG_NONE};
    };
    const std::vector<nghttp2_nv> fields = {pair(":method", "GET"), pair(":scheme", "http"),
                                            pair(":path", path), pair(":authority", authority)};
    return nghttp2_submit_request(session, nullptr, fields.data(), fields.size(), nullptr, nullptr);
  }
  void reset(std::int32_t stream) {
    nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, stream, NGHTTP2_CANCEL);
  }
  std::string output() {
    std::string out;
    for (;;) {
      const uint8_t* data = nullptr;
      const auto length = nghttp2_session_mem_send(session, &data);
      if (length <= 0) break;
      out.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
    }
    return out;
  }
  void input(std::string_view bytes) {
    nghttp2_session_mem_recv(session, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }

  nghttp2_session* session = nullptr;
  std::vector<std::string> statuses;
  std::uint32_t goaway_error = ~0u;
  int resets_received = 0;
};

class ServerSession : public ::testing::Test {
 protected:
  ServerSession()
      : options_(),
        shared_(options_),
        worker_(0, options_),
        client_stream_(tcp::socket(worker_.io)),
        connection_(std::make_shared<Http2Connection>(client_stream_, worker_, shared_, "127.0.0.1",
                                                      tcp::endpoint())) {
    EXPECT_TRUE(start_session(*connection_));
  }
  ~ServerSession() override {
    connection_->closed = true;
    connection_->streams.clear();
    worker_.io.poll();
  }

  // Client bytes in, stream coroutines run, server bytes back to the client.
  bool exchange() {
    const bool ok = receive(*connection_, client_.output());
    worker_.io.poll();
    std::string out;
    take_output(*connection_, out, 1 << 20);
    client_.input(out);
    return ok;
  }

  ProxyOptions options_;
  ProxyShared shared_;
  ProxyWorker worker_;
  ClientStream client_stream_;
  std::shared_ptr<Http2Connection> connection_;
  Client client_;
};

TEST_F(ServerSession, ARequestWithoutAListenerIsAnswered404) {
  client_.get("/");
  EXPECT_TRUE(exchange());
  EXPECT_EQ(client_.statuses, std::vector<std::string>{"404"});
}

TEST_F(ServerSession, ManyStreamsAreAnsweredEachOnItsOwn) {
  for (int i = 0; i < 50; ++i) client_.get("/x");
  EXPECT_TRUE(exchange());
  EXPECT_EQ(client_.statuses.size(), 50u);
}

TEST_F(ServerSession, StreamsPastTheConcurrencyBoundAreRefused) {
  // The client has not seen the server's SETTINGS yet, so it opens them all at once.
  for (int i = 0; i < 200; ++i) client_.get("/x");
  receive(*connection_, client_.output());
  EXPECT_LE(connection_->streams.size(), 128u);
}

// Opens `count` streams and resets them before the server answers, `per_round` at a time (under
// the concurrency bound), as a rapid reset attack does.
void open_and_reset(Client& client, Http2Connection& connection, int count, int per_round) {
  for (int done = 0; done < count; done += per_round) {
    std::vector<std::int32_t> streams;
    for (int i = 0; i < per_round; ++i) streams.push_back(client.get("/slow"));
    receive(connection, client.output());
    for (const auto stream : streams) client.reset(stream);
    receive(connection, client.output());
  }
}

TEST_F(ServerSession, RapidResetEndsTheConnectionWithEnhanceYourCalm) {
  open_and_reset(client_, *connection_, 300, 100);
  exchange();
  EXPECT_EQ(client_.goaway_error, static_cast<std::uint32_t>(NGHTTP2_ENHANCE_YOUR_CALM));
}

TEST_F(ServerSession, AFewResetsAreFine) {
  open_and_reset(client_, *connection_, 40, 20);
  EXPECT_TRUE(exchange());
  EXPECT_EQ(client_.goaway_error, ~0u);
}

TEST_F(ServerSession, GarbageInsteadOfThePrefaceIsAConnectionError) {
  EXPECT_FALSE(receive(*connection_, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
}

}  // namespace
}  // namespace lintel::dataplane::http2
