// The snapshot stream over TLS and mutual TLS: snapshots carry the private keys of TLS
// listeners, so a proxy must know it talks to the controller, and the controller may insist on
// knowing the proxy.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "lintel/controller/snapshot_server.h"
#include "lintel/dataplane/snapshot_client.h"
#include "test_key_pair.h"
#include "within.h"

namespace lintel {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// Self-signed key pairs written to a folder of their own: each certificate is also the CA that
// verifies it.
class TlsFiles {
 public:
  TlsFiles() {
    folder_ = fs::temp_directory_path() /
              ("lintel-stream-tls-" + std::to_string(::getpid()) + "-" + std::to_string(next_++));
    fs::create_directories(folder_);
  }
  ~TlsFiles() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  // Writes NAME.crt and NAME.key for a certificate of `names`; returns them as stream files
  // whose CA is the certificate itself.
  snapshot::StreamTlsFiles make(const std::string& name, const std::vector<std::string>& names) {
    const auto pair = controller::graph::make_test_key_pair(names);
    const std::string certificate = write(name + ".crt", pair.certificate_pem);
    return {certificate, write(name + ".key", pair.key_pem), certificate};
  }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = folder_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

 private:
  fs::path folder_;
  static inline std::atomic<int> next_{0};
};

struct Applied {
  std::atomic<std::uint64_t> last{0};
  dataplane::SnapshotClient::Apply callback() {
    return [this](std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string&) {
      last = snapshot->version();
      return true;
    };
  }
};

std::shared_ptr<const snapshot::v1::Snapshot> snapshot_of(std::uint64_t version) {
  auto snapshot = std::make_shared<snapshot::v1::Snapshot>();
  snapshot->set_version(version);
  return snapshot;
}

std::unique_ptr<controller::SnapshotServer> start_server(
    std::optional<snapshot::StreamTlsFiles> tls, std::uint16_t port = 0) {
  controller::SnapshotServerOptions options;
  options.tls = std::move(tls);
  options.handshake_timeout = 2s;
  std::string error;
  auto server = controller::SnapshotServer::start("127.0.0.1", port, error, options);
  EXPECT_TRUE(server) << error;
  return server;
}

dataplane::SnapshotClientOptions client_options(std::uint16_t port,
                                                std::optional<snapshot::StreamTlsFiles> tls) {
  dataplane::SnapshotClientOptions options;
  options.host = "127.0.0.1";
  options.port = std::to_string(port);
  options.node = "tls-proxy";
  options.initial_backoff = 20ms;
  options.max_backoff = 200ms;
  options.connect_timeout = 2s;
  options.tls = std::move(tls);
  return options;
}

TEST(SnapshotStreamTls, AProxyThatTrustsTheControllersCertificateGetsItsSnapshots) {
  TlsFiles files;
  auto controller_files = files.make("controller", {"controller.lintel-system.svc"});
  auto server = start_server(
      snapshot::StreamTlsFiles{controller_files.certificate, controller_files.private_key, ""});
  server->publish(snapshot_of(7));
  Applied applied;
  auto options =
      client_options(server->port(), snapshot::StreamTlsFiles{"", "", controller_files.ca});
  options.server_name = "controller.lintel-system.svc";
  auto client = dataplane::SnapshotClient::start(options, applied.callback());
  ASSERT_TRUE(within(5s, [&] { return applied.last == 7; }));
  server->publish(snapshot_of(8));
  EXPECT_TRUE(within(5s, [&] { return applied.last == 8; }));
  EXPECT_TRUE(within(5s, [&] {
    auto reports = server->proxies();
    return reports.size() == 1 && reports[0].acked == 8 && reports[0].node == "tls-proxy";
  }));
}

TEST(SnapshotStreamTls, AnIpAddressIsVerifiedAgainstTheCertificatesIpEntries) {
  TlsFiles files;
  auto by_ip = files.make("by-ip", {"127.0.0.1"});
  auto server = start_server(snapshot::StreamTlsFiles{by_ip.certificate, by_ip.private_key, ""});
  server->publish(snapshot_of(3));
  Applied applied;
  auto client = dataplane::SnapshotClient::start(
      client_options(server->port(), snapshot::StreamTlsFiles{"", "", by_ip.ca}),
      applied.callback());
  EXPECT_TRUE(within(5s, [&] { return applied.last == 3; }));
}

TEST(SnapshotStreamTls, AControllerWhoseCertificateNamesSomeoneElseIsNotBelieved) {
  TlsFiles files;
  auto other = files.make("other", {"someone-else.example"});
  auto server = start_server(snapshot::StreamTlsFiles{other.certificate, other.private_key, ""});
  server->publish(snapshot_of(5));
  Applied applied;
  auto options = client_options(server->port(), snapshot::StreamTlsFiles{"", "", other.ca});
  options.server_name = "controller.lintel-system.svc";
  auto client = dataplane::SnapshotClient::start(options, applied.callback());
  std::this_thread::sleep_for(600ms);  // several attempts
  EXPECT_EQ(applied.last.load(), 0u);
  EXPECT_TRUE(server->proxies().empty());
}

TEST(SnapshotStreamTls, AControllerSignedByAnotherCaIsNotBelieved) {
  TlsFiles files;
  auto controller_files = files.make("controller", {"127.0.0.1"});
  auto impostor = files.make("impostor", {"127.0.0.1"});
  auto server =
      start_server(snapshot::StreamTlsFiles{impostor.certificate, impostor.private_key, ""});
  server->publish(snapshot_of(5));
  Applied applied;
  auto client = dataplane::SnapshotClient::start(
      client_options(server->port(), snapshot::StreamTlsFiles{"", "", controller_files.ca}),
      applied.callback());
  std::this_thread::sleep_for(600ms);
  EXPECT_EQ(applied.last.load(), 0u);
}

TEST(SnapshotStreamTls, MutualTlsAdmitsOnlyProxiesWithACertificateTheCaSigned) {
  TlsFiles files;
  auto controller_files = files.make("controller", {"127.0.0.1"});
  auto proxy_files = files.make("proxy", {"proxy.lintel-system.svc"});
  auto stranger = files.make("stranger", {"proxy.lintel-system.svc"});
  auto server = start_server(snapshot::StreamTlsFiles{
      controller_files.certificate, controller_files.private_key, proxy_files.ca});
  server->publish(snapshot_of(9));

  Applied anonymous;
  auto no_certificate = dataplane::SnapshotClient::start(
      client_options(server->port(), snapshot::StreamTlsFiles{"", "", controller_files.ca}),
      anonymous.callback());
  Applied unknown;
  auto wrong_certificate = dataplane::SnapshotClient::start(
      client_options(server->port(),
                     snapshot::StreamTlsFiles{stranger.certificate, stranger.private_key,
                                              controller_files.ca}),
      unknown.callback());
  Applied known;
  auto right_certificate = dataplane::SnapshotClient::start(
      client_options(server->port(),
                     snapshot::StreamTlsFiles{proxy_files.certificate, proxy_files.private_key,
                                              controller_files.ca}),
      known.callback());
  ASSERT_TRUE(within(5s, [&] { return known.last == 9; }));
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(anonymous.last.load(), 0u);
  EXPECT_EQ(unknown.last.load(), 0u);
  EXPECT_EQ(server->proxies().size(), 1u);
}

TEST(SnapshotStreamTls, AClearTextProxyIsRefusedAndTheServerKeepsServingOthers) {
  TlsFiles files;
  auto controller_files = files.make("controller", {"127.0.0.1"});
  auto server = start_server(
      snapshot::StreamTlsFiles{controller_files.certificate, controller_files.private_key, ""});
  server->publish(snapshot_of(2));
  Applied clear;
  auto clear_client = dataplane::SnapshotClient::start(client_options(server->port(), std::nullopt),
                                                       clear.callback());
  Applied secure;
  auto secure_client = dataplane::SnapshotClient::start(
      client_options(server->port(), snapshot::StreamTlsFiles{"", "", controller_files.ca}),
      secure.callback());
  ASSERT_TRUE(within(5s, [&] { return secure.last == 2; }));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(clear.last.load(), 0u);
}

TEST(SnapshotStreamTls, APeerThatNeverHandshakesIsDroppedAndStopIsPrompt) {
  TlsFiles files;
  auto controller_files = files.make("controller", {"127.0.0.1"});
  auto server = start_server(
      snapshot::StreamTlsFiles{controller_files.certificate, controller_files.private_key, ""});
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket silent(io);
  silent.connect({boost::asio::ip::make_address("127.0.0.1"), server->port()});
  std::this_thread::sleep_for(100ms);
  const auto start = std::chrono::steady_clock::now();
  server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(SnapshotStreamTls, ARotatedCertificateIsUsedFromTheNextConnection) {
  TlsFiles files;
  auto first = files.make("controller", {"127.0.0.1"});
  auto server = start_server(snapshot::StreamTlsFiles{first.certificate, first.private_key, ""});
  const std::uint16_t port = server->port();
  server->publish(snapshot_of(1));
  // The proxy trusts only the second certificate, which is not served yet.
  TlsFiles other_files;
  auto second = other_files.make("next", {"127.0.0.1"});
  Applied applied;
  auto client = dataplane::SnapshotClient::start(
      client_options(port, snapshot::StreamTlsFiles{"", "", second.ca}), applied.callback());
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(applied.last.load(), 0u);
  // The mounted Secret changes in place: the same paths, new contents.
  fs::copy_file(second.certificate, first.certificate, fs::copy_options::overwrite_existing);
  fs::copy_file(second.private_key, first.private_key, fs::copy_options::overwrite_existing);
  EXPECT_TRUE(within(5s, [&] { return applied.last == 1; }));
}

TEST(SnapshotStreamTls, MissingOrMismatchedFilesAreRefusedAtStart) {
  TlsFiles files;
  auto one = files.make("one", {"127.0.0.1"});
  auto two = files.make("two", {"127.0.0.1"});
  controller::SnapshotServerOptions options;
  options.tls = snapshot::StreamTlsFiles{one.certificate, two.private_key, ""};
  std::string error;
  EXPECT_FALSE(controller::SnapshotServer::start("127.0.0.1", 0, error, options));
  EXPECT_NE(error.find("mismatch"), std::string::npos) << error;
  options.tls = snapshot::StreamTlsFiles{one.certificate + ".missing", one.private_key, ""};
  EXPECT_FALSE(controller::SnapshotServer::start("127.0.0.1", 0, error, options));
  EXPECT_NE(error.find("cannot load the certificate chain"), std::string::npos) << error;
  EXPECT_FALSE(snapshot::client_tls_context({"", "", ""}, error));
  EXPECT_NE(error.find("needs the CA"), std::string::npos) << error;
}

}  // namespace
}  // namespace lintel
