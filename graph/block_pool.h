// Fixed-size blocks for the nodes of the graph's relation list. A million relations are a
// million list nodes: from malloc each pays a header and a first touch of a fresh 4 KB page;
// from here they are carved end to end out of large chunks on transparent huge pages, where
// the kernel sets up (and zeroes) memory for half the cost.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>

namespace kg::graph {

// A process-wide pool of blocks of one size. Freed blocks are reused; chunks are never
// returned to the system, since a block may be in use until the process ends.
class BlockPool {
 public:
  // Blocks of `block_size` bytes, each aligned to `alignment` (a power of two).
  BlockPool(size_t block_size, size_t alignment);
  BlockPool(const BlockPool&) = delete;
  BlockPool& operator=(const BlockPool&) = delete;

  void* allocate();
  void deallocate(void* block);

 private:
  void add_chunk();

  std::mutex mutex_;  // graphs may be built on several threads
  size_t block_size_;
  size_t next_chunk_size_;
  void* free_ = nullptr;  // freed blocks, each holding a pointer to the next
  char* next_ = nullptr;  // the untouched rest of the current chunk
  char* end_ = nullptr;
};

// A standard allocator over one BlockPool per type: single objects come from the pool, arrays
// (which std::list never asks for) from operator new.
template <class T>
struct PoolAllocator {
  using value_type = T;

  PoolAllocator() = default;
  template <class U>
  PoolAllocator(const PoolAllocator<U>&) {}

  T* allocate(size_t n) {
    if (n != 1) return std::allocator<T>().allocate(n);
    return static_cast<T*>(pool().allocate());
  }
  void deallocate(T* p, size_t n) {
    if (n != 1)
      std::allocator<T>().deallocate(p, n);
    else
      pool().deallocate(p);
  }
  friend bool operator==(const PoolAllocator&, const PoolAllocator&) { return true; }

 private:
  static BlockPool& pool() {
    // Never destroyed: a static graph may free its relations after this would have been.
    static BlockPool* instance = new BlockPool(sizeof(T), alignof(T));
    return *instance;
  }
};

}  // namespace kg::graph
