#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

#include "asio_beast.h"

namespace lintel::dataplane {

// The bytes read from one client connection and not yet used: the request being parsed, its
// body, and whatever the client pipelined after it. Allocated once per connection; only grows
// (up to `max_size`) for a head larger than the initial size.
class ClientBuffer {
 public:
  ClientBuffer(std::size_t initial_size, std::size_t max_size)
      : data_(std::make_unique<char[]>(initial_size)), size_(initial_size), max_size_(max_size) {}

  std::string_view readable() const { return {data_.get() + begin_, end_ - begin_}; }
  bool empty() const { return begin_ == end_; }
  void consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }

  // Room for at least one more byte at the end, moving the readable bytes to the front (which
  // invalidates views into them) or growing when that is not enough. Empty once full at
  // `max_size`.
  asio::mutable_buffer prepare() {
    if (end_ == size_ && begin_ > 0) {
      std::memmove(data_.get(), data_.get() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == size_ && size_ < max_size_) {
      const std::size_t grown = std::min(max_size_, size_ * 2);
      auto bigger = std::make_unique<char[]>(grown);
      std::memcpy(bigger.get(), data_.get() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      data_ = std::move(bigger);
      size_ = grown;
    }
    return asio::buffer(data_.get() + end_, size_ - end_);
  }
  void commit(std::size_t n) { end_ += n; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_;
  std::size_t max_size_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace lintel::dataplane
