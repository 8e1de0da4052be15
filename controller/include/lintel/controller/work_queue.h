#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace lintel::controller {

// client-go's rate-limited work queue, for keys of any ordered type:
// - a key waiting is not added twice (dedup);
// - a key being processed is never handed to a second worker; added meanwhile, it is queued
//   again when the first worker says done() (per-key exclusivity, nothing lost);
// - add_rate_limited() brings a key back after an exponential per-key delay (a failure's
//   retry), until forget() resets it;
// - shut_down() wakes every worker; get() then returns nothing.
template <typename Key>
class WorkQueue {
 public:
  using Clock = std::chrono::steady_clock;

  explicit WorkQueue(std::chrono::milliseconds base_delay = std::chrono::milliseconds(5),
                     std::chrono::milliseconds max_delay = std::chrono::seconds(300))
      : base_delay_(base_delay), max_delay_(max_delay) {}

  void add(const Key& key) {
    std::lock_guard lock(mutex_);
    add_locked(key);
  }

  void add_after(const Key& key, std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    if (shutting_down_) return;
    const auto at = Clock::now() + delay;
    auto [it, inserted] = delayed_.emplace(key, at);
    if (!inserted) it->second = std::min(it->second, at);
    ready_.notify_one();
  }

  // Back after base_delay * 2^(failures so far), at most max_delay.
  void add_rate_limited(const Key& key) {
    std::chrono::milliseconds delay;
    {
      std::lock_guard lock(mutex_);
      const int failures = failures_[key]++;
      delay = failures >= 30 ? max_delay_
                             : std::min(max_delay_,
                                        std::chrono::milliseconds(base_delay_.count() << failures));
    }
    add_after(key, delay);
  }

  void forget(const Key& key) {
    std::lock_guard lock(mutex_);
    failures_.erase(key);
  }

  int failures(const Key& key) const {
    std::lock_guard lock(mutex_);
    const auto found = failures_.find(key);
    return found == failures_.end() ? 0 : found->second;
  }

  // The next key to process, waiting for one; nothing once shut down.
  std::optional<Key> get() {
    std::unique_lock lock(mutex_);
    while (true) {
      promote_due();
      if (shutting_down_) return std::nullopt;
      if (!queue_.empty()) {
        Key key = queue_.front();
        queue_.pop_front();
        queued_.erase(key);
        processing_.insert(key);
        return key;
      }
      if (delayed_.empty()) {
        ready_.wait(lock);
      } else {
        auto next =
            std::min_element(delayed_.begin(), delayed_.end(),
                             [](const auto& a, const auto& b) { return a.second < b.second; });
        ready_.wait_until(lock, next->second);
      }
    }
  }

  void done(const Key& key) {
    std::lock_guard lock(mutex_);
    processing_.erase(key);
    if (dirty_.erase(key)) add_locked(key);
  }

  void shut_down() {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
    ready_.notify_all();
  }

  // Nothing queued, waiting, delayed or in process.
  bool idle() const {
    std::lock_guard lock(mutex_);
    return queue_.empty() && delayed_.empty() && processing_.empty();
  }

  size_t length() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }

 private:
  void add_locked(const Key& key) {
    if (shutting_down_) return;
    if (processing_.count(key)) {
      dirty_.insert(key);
      return;
    }
    if (!queued_.insert(key).second) return;
    queue_.push_back(key);
    ready_.notify_one();
  }

  void promote_due() {
    const auto now = Clock::now();
    for (auto it = delayed_.begin(); it != delayed_.end();) {
      if (it->second > now) {
        ++it;
        continue;
      }
      add_locked(it->first);
      it = delayed_.erase(it);
    }
  }

  std::chrono::milliseconds base_delay_;
  std::chrono::milliseconds max_delay_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Key> queue_;
  std::set<Key> queued_;      // in queue_
  std::set<Key> processing_;  // handed out, not done()
  std::set<Key> dirty_;       // added while processing: again after done()
  std::map<Key, Clock::time_point> delayed_;
  std::map<Key, int> failures_;
  bool shutting_down_ = false;
};

}  // namespace lintel::controller
