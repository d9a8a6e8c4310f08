// One way to spread independent work over threads: items 0..n-1, each
// handed to `fn` exactly once, on up to `threads` threads (0: every core),
// the calling thread among them; returns when every item is done. Items
// are handed out one at a time, so uneven items balance themselves.
//
//   ParallelFor(docs.size(), options.threads, [&](size_t i) { Weigh(&docs[i]); });
//   ParallelForWith<Segmenter>(n, 0, [&](Segmenter& s, size_t i) { ... });  // one Segmenter a thread
#ifndef STORYLOOM_BASE_PARALLEL_FOR_H_
#define STORYLOOM_BASE_PARALLEL_FOR_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace storyloom {

// `asked` threads, or every core when 0.
inline size_t ThreadsFor(size_t asked) {
  return asked > 0 ? asked : std::max<size_t>(1, std::thread::hardware_concurrency());
}

// As ParallelFor, with a State made on each thread and handed to every call
// there (a segmenter, a scratch buffer).
template <typename State, typename Fn>
void ParallelForWith(size_t n, size_t threads, Fn&& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    State state{};
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) fn(state, i);
  };
  const size_t extra = std::min(ThreadsFor(threads), std::max<size_t>(n, 1)) - 1;
  std::vector<std::thread> pool;
  pool.reserve(extra);
  for (size_t t = 0; t < extra; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

template <typename Fn>
void ParallelFor(size_t n, size_t threads, Fn&& fn) {
  struct None {};
  ParallelForWith<None>(n, threads, [&](None&, size_t i) { fn(i); });
}

}  // namespace storyloom

#endif  // STORYLOOM_BASE_PARALLEL_FOR_H_
