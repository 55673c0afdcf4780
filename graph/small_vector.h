// A vector that keeps its first N elements inside itself: most relations have one evidence
// sentence and one surface form, and a heap block each would cost more than the data.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <stdexcept>
#include <type_traits>

namespace kg::graph {

// std::vector's interface (the parts kg uses) for trivially copyable T, with N elements inline.
// The heap pointer is stored in the inline bytes with memcpy, so the alignment stays T's.
template <class T, uint32_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "SmallVector moves its elements with memcpy");
  static_assert(N >= 1);

 public:
  using value_type = T;
  using size_type = size_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = T*;
  using const_iterator = const T*;

  SmallVector() = default;
  SmallVector(std::initializer_list<T> items) { assign(items.begin(), items.end()); }
  SmallVector(const SmallVector& other) { assign(other.begin(), other.end()); }
  SmallVector(SmallVector&& other) noexcept { take(other); }
  ~SmallVector() { release(); }
  SmallVector& operator=(const SmallVector& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  SmallVector& operator=(SmallVector&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  SmallVector& operator=(std::initializer_list<T> items) {
    assign(items.begin(), items.end());
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }
  T* data() { return on_heap() ? heap() : reinterpret_cast<T*>(storage_); }
  const T* data() const { return on_heap() ? heap() : reinterpret_cast<const T*>(storage_); }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  const T* cbegin() const { return begin(); }
  const T* cend() const { return end(); }
  T& operator[](size_t i) { return data()[i]; }
  const T& operator[](size_t i) const { return data()[i]; }
  T& at(size_t i) {
    if (i >= size_) throw std::out_of_range("SmallVector::at");
    return data()[i];
  }
  const T& at(size_t i) const {
    if (i >= size_) throw std::out_of_range("SmallVector::at");
    return data()[i];
  }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }

  void reserve(size_t wanted) {
    if (wanted <= capacity_) return;
    if (wanted > UINT32_MAX) throw std::length_error("SmallVector too long");
    T* block = static_cast<T*>(std::malloc(wanted * sizeof(T)));
    if (!block) throw std::bad_alloc();
    if (size_) std::memcpy(static_cast<void*>(block), data(), size_ * sizeof(T));
    if (on_heap()) std::free(heap());
    set_heap(block);
    capacity_ = static_cast<uint32_t>(wanted);
  }
  void push_back(const T& item) {
    T copy = item;  // `item` may live in this vector
    if (size_ == capacity_) reserve(size_t{capacity_} * 2);
    data()[size_++] = copy;
  }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    push_back(T{std::forward<Args>(args)...});
    return back();
  }
  void pop_back() { --size_; }
  void clear() { size_ = 0; }
  void resize(size_t n, const T& fill = T{}) {
    reserve(n);
    for (size_t i = size_; i < n; ++i) data()[i] = fill;
    size_ = static_cast<uint32_t>(n);
  }
  T* insert(const T* pos, const T& item) {
    size_t at = static_cast<size_t>(pos - begin());
    T copy = item;
    if (size_ == capacity_) reserve(size_t{capacity_} * 2);
    T* p = data() + at;
    std::memmove(static_cast<void*>(p + 1), p, (size_ - at) * sizeof(T));
    *p = copy;
    ++size_;
    return p;
  }
  T* erase(const T* first, const T* last) {
    T* p = begin() + (first - begin());
    size_t count = static_cast<size_t>(last - first);
    std::memmove(static_cast<void*>(p), p + count,
                 static_cast<size_t>(end() - (p + count)) * sizeof(T));
    size_ -= static_cast<uint32_t>(count);
    return p;
  }
  T* erase(const T* pos) { return erase(pos, pos + 1); }
  template <class It>
  void assign(It first, It last) {
    clear();
    reserve(static_cast<size_t>(std::distance(first, last)));
    for (; first != last; ++first) data()[size_++] = *first;
  }

  friend bool operator==(const SmallVector& a, const SmallVector& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  static constexpr size_t kStorage = std::max(sizeof(T) * N, sizeof(T*));
  bool on_heap() const { return capacity_ > N; }
  T* heap() const {
    T* p;
    std::memcpy(&p, storage_, sizeof p);
    return p;
  }
  void set_heap(T* p) { std::memcpy(storage_, &p, sizeof p); }
  void release() {
    if (on_heap()) std::free(heap());
    size_ = 0;
    capacity_ = N;
  }
  void take(SmallVector& other) {
    std::memcpy(storage_, other.storage_, kStorage);
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.size_ = 0;
    other.capacity_ = N;
  }

  uint32_t size_ = 0;
  uint32_t capacity_ = N;
  alignas(T) unsigned char storage_[kStorage] = {};
};

}  // namespace kg::graph
