#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Match stage: the flat integer tables of the compiled glossary, owned or borrowed.
//
// Takes: an array of fixed-width integers, or a range of a cache file's bytes already in
// memory. Gives: a read-only random-access table over them, so that a cached glossary's
// tables are used where the file was read into, with no copy and no decoding per element.

/// A read-only table of fixed-width integers: in memory of its own (compiled in this run),
/// or a view into the bytes of a cache file (`FileBuffer`), which it keeps alive.
struct FlatTable<Element: FixedWidthInteger>: RandomAccessCollection, @unchecked Sendable {
  // Sendable: the memory is written once, before any table over it exists, then only read.
  private let owner: AnyObject?
  private let base: UnsafePointer<Element>?
  let count: Int

  var startIndex: Int { 0 }
  var endIndex: Int { count }

  /// A table holding a copy of `values`.
  init(_ values: [Element]) {
    // The values are in memory already: no memory for their copy is running out of memory,
    // as an array of that size would.
    guard let storage = FileBuffer(byteCount: values.count * MemoryLayout<Element>.stride) else {
      fatalError("out of memory")
    }
    values.withUnsafeBytes { raw in
      if let source = raw.baseAddress, !raw.isEmpty {
        storage.pointer.copyMemory(from: source, byteCount: raw.count)
      }
    }
    owner = storage
    base = UnsafePointer(storage.pointer.assumingMemoryBound(to: Element.self))
    count = values.count
  }

  /// A view of `count` elements at `pointer`, inside memory that `owner` keeps alive;
  /// `pointer` must be aligned for `Element`.
  init(viewing pointer: UnsafeRawPointer, count: Int, owner: AnyObject) {
    self.owner = owner
    base = pointer.assumingMemoryBound(to: Element.self)
    self.count = count
  }

  @inline(__always)
  subscript(position: Int) -> Element {
    precondition(position >= 0 && position < count, "FlatTable index out of range")
    return base.unsafelyUnwrapped[position]
  }

  /// Whether `bytes[start..<start + length]` of `text` equal this table's elements from
  /// `offset` on: one bounds check, then eight bytes at a time, inline (a token is a few
  /// bytes: a call to `memcmp` cost more than the loop it replaced).
  @inline(__always)
  func bytesEqual(
    at offset: Int, _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int
  ) -> Bool where Element == UInt8 {
    precondition(
      offset >= 0 && length >= 0 && offset + length <= count && start >= 0
        && start + length <= text.count, "FlatTable range out of range")
    guard length > 0, let table = base, let bytes = text.baseAddress else { return true }
    let a = UnsafeRawPointer(table + offset)
    let b = UnsafeRawPointer(bytes + start)
    var k = 0
    while k + 8 <= length {
      guard
        a.loadUnaligned(fromByteOffset: k, as: UInt64.self)
          == b.loadUnaligned(fromByteOffset: k, as: UInt64.self)
      else { return false }
      k += 8
    }
    while k < length {
      guard a.load(fromByteOffset: k, as: UInt8.self) == b.load(fromByteOffset: k, as: UInt8.self)
      else { return false }
      k += 1
    }
    return true
  }

  /// Whether the table is a view into `buffer` (not a copy).
  func isView(into buffer: FileBuffer) -> Bool { owner === buffer }

  /// The elements as bytes.
  func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    body(UnsafeRawBufferPointer(start: base, count: count * MemoryLayout<Element>.stride))
  }
}

extension FlatTable {
  /// Whether the table is `rows + 1` offsets into a pool of `poolCount` elements, from 0 to
  /// the pool's end and never falling, so that row `i` is `pool[self[i]..<self[i + 1]]`.
  func areOffsets(rows: Int, poolCount: Int) -> Bool {
    guard count == rows + 1, self[0] == 0, Int(self[rows]) == poolCount else { return false }
    var previous: Element = 0
    for offset in self {
      guard offset >= previous else { return false }
      previous = offset
    }
    return true
  }
}

/// Memory that a cache file is read into, or a table's own copy; freed with the last
/// table or reader using it. Aligned for every `FlatTable` element type; a large buffer is
/// aligned to 2 MB and asked for huge pages, so filling it faults a few pages, not
/// thousands.
final class FileBuffer: @unchecked Sendable {
  // Sendable: written once (filled by `read` or a copy) before it is shared, then read.
  let pointer: UnsafeMutableRawPointer
  let byteCount: Int

  static let hugePage = 2 << 20

  /// Uninitialized memory of `byteCount` bytes (at least one, so the pointer is real), or
  /// nil when the system has none to give: a cache file too large for memory is then
  /// simply not used.
  init?(byteCount: Int) {
    self.byteCount = byteCount
    let size = max(byteCount, 1)
    var memory: UnsafeMutableRawPointer?
    if size >= Self.hugePage {
      let rounded = (size + Self.hugePage - 1) / Self.hugePage * Self.hugePage
      if posix_memalign(&memory, Self.hugePage, rounded) == 0, let memory {
        #if os(Linux)
          _ = madvise(memory, rounded, Int32(MADV_HUGEPAGE))
        #endif
        pointer = memory
        return
      }
    }
    guard posix_memalign(&memory, 16, size) == 0, let memory else { return nil }
    pointer = memory
  }

  deinit { free(pointer) }
}
