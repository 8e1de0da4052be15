#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>; it must come
// first or every translation unit that uses coroutines fails to compile with g++ 12.
#include <string_view>
#include <utility>

// clang-format off
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
// clang-format on

namespace lintel::dataplane {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using error_code = boost::system::error_code;

// Beast 1.74 speaks boost::string_view; the rest of Lintel speaks std::string_view.
inline beast::string_view to_beast(std::string_view s) {
  return {s.data(), s.size()};
}
inline std::string_view to_std(beast::string_view s) {
  return {s.data(), s.size()};
}

}  // namespace lintel::dataplane
