#pragma once

#include <thread>

#include "asio_beast.h"

namespace lintel::dataplane {

// Runs `io` on a thread of its own until it is stopped or runs out of work. A handler that
// throws must not end the thread: the connection it served is gone, the others carry on.
inline std::thread start_io_thread(asio::io_context& io) {
  return std::thread([&io] {
    for (;;) {
      try {
        io.run();
        return;
      } catch (...) {
      }
    }
  });
}

}  // namespace lintel::dataplane
