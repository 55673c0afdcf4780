#include "graph/block_pool.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <new>

namespace kg::graph {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kMaxChunk = size_t{64} << 20;

// `size` bytes (a multiple of kHugePage) at an address aligned to kHugePage, which transparent
// huge pages need.
char* map_aligned(size_t size) {
  void* p =
      ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  auto start = reinterpret_cast<uintptr_t>(p);
  uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) ::munmap(p, aligned - start);
  uintptr_t tail = start + size + kHugePage - (aligned + size);
  if (tail) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
  ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // advice only
  return reinterpret_cast<char*>(aligned);
}

}  // namespace

BlockPool::BlockPool(size_t block_size, size_t alignment) : next_chunk_size_(kHugePage) {
  // A free block holds the pointer to the next one.
  alignment = std::max(alignment, alignof(void*));
  block_size_ = (std::max(block_size, sizeof(void*)) + alignment - 1) / alignment * alignment;
}

void* BlockPool::allocate() {
  std::lock_guard lock(mutex_);
  if (free_) {
    void* block = free_;
    free_ = *static_cast<void**>(block);
    return block;
  }
  if (static_cast<size_t>(end_ - next_) < block_size_) add_chunk();
  void* block = next_;
  next_ += block_size_;
  return block;
}

void BlockPool::deallocate(void* block) {
  std::lock_guard lock(mutex_);
  *static_cast<void**>(block) = free_;
  free_ = block;
}

void BlockPool::add_chunk() {
  // Chunks double up to kMaxChunk: a small graph maps little, a large one few chunks.
  size_t size = std::max(next_chunk_size_, (block_size_ + kHugePage - 1) / kHugePage * kHugePage);
  next_ = map_aligned(size);
  end_ = next_ + size;
  next_chunk_size_ = std::min(kMaxChunk, next_chunk_size_ * 2);
}

}  // namespace kg::graph
