// Glossary stage: the byte layout of the compiled glossary cache.
//
// Takes: values (integers, strings, arrays of fixed-width integers). Gives: little-endian
// bytes, and back; a reader never traps on bad bytes: every read is bounds-checked and
// returns nil past the end or on an impossible length.

/// Appends values as little-endian bytes: integers as their width, a string or byte list
/// as its length (UInt32) and its bytes, an array of fixed-width integers as its count and
/// its elements in one copy.
struct BinaryWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  mutating func u8(_ value: UInt8) { bytes.append(value) }

  mutating func u32(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func u64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// An integer that must fit in 32 bits (counts, indexes: the reader checks the range).
  mutating func int(_ value: Int) { u32(UInt32(truncatingIfNeeded: value)) }

  mutating func flag(_ value: Bool) { u8(value ? 1 : 0) }

  mutating func bytes<C: Collection>(_ list: C) where C.Element == UInt8 {
    int(list.count)
    bytes.append(contentsOf: list)
  }

  mutating func string(_ value: String) { bytes(value.utf8) }

  /// An array of fixed-width integers, copied as memory (little-endian machines only:
  /// `GlossaryCache` refuses to cache on others): its count, zero bytes up to a multiple of
  /// 8 (from the writer's start, which the cache puts at a multiple of 8 in the file), and
  /// the elements, so that a reader can use them where they lie.
  mutating func array<T: FixedWidthInteger>(_ values: [T]) {
    int(values.count)
    alignTo8()
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }

  /// A table, as `array` writes an array.
  mutating func table<T: FixedWidthInteger>(_ values: FlatTable<T>) {
    int(values.count)
    alignTo8()
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }

  private mutating func alignTo8() {
    while bytes.count % 8 != 0 { bytes.append(0) }
  }

  mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }
}

/// Reads what `BinaryWriter` wrote; every accessor returns nil when the bytes run out or a
/// length is impossible, so a damaged file is noticed, never trapped on.
struct BinaryReader {
  private let base: UnsafeRawBufferPointer
  private(set) var offset: Int
  private let end: Int
  /// Keeps `base` alive: when set, `table` gives views into it instead of copies.
  private let owner: FileBuffer?

  /// Reads `buffer[range]`; the buffer must outlive the reader, and outlives the tables
  /// `table` gives when `owner` holds it.
  init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, owner: FileBuffer? = nil) {
    base = buffer
    offset = max(0, min(range.lowerBound, buffer.count))
    end = max(offset, min(range.upperBound, buffer.count))
    self.owner = owner
  }

  var atEnd: Bool { offset == end }
  var remaining: Int { end - offset }

  mutating func u8() -> UInt8? {
    guard offset < end else { return nil }
    defer { offset += 1 }
    return base[offset]
  }

  mutating func u32() -> UInt32? {
    guard remaining >= 4 else { return nil }
    defer { offset += 4 }
    return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  mutating func u64() -> UInt64? {
    guard remaining >= 8 else { return nil }
    defer { offset += 8 }
    return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  /// A count or index written by `int`, which must be below `limit`.
  mutating func int(below limit: Int = Int(Int32.max)) -> Int? {
    guard let value = u32(), Int(value) < limit else { return nil }
    return Int(value)
  }

  mutating func flag() -> Bool? {
    switch u8() {
    case 0: false
    case 1: true
    default: nil
    }
  }

  /// The range of the next byte list, skipped.
  mutating func byteRange() -> Range<Int>? {
    guard let count = int(below: remaining + 1) else { return nil }
    defer { offset += count }
    return offset..<offset + count
  }

  /// A string (bytes that are not UTF-8 are repaired, as the checksum already passed).
  mutating func string() -> String? {
    guard let range = byteRange() else { return nil }
    return String(decoding: UnsafeRawBufferPointer(rebasing: base[range]), as: UTF8.self)
  }

  /// `body` of the bytes at `range` (from `byteRange`), where they lie; nil when the range
  /// is not inside the reader's.
  func withBytes<R>(at range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R?) -> R? {
    guard range.lowerBound >= 0, range.upperBound <= end else { return nil }
    return body(UnsafeRawBufferPointer(rebasing: base[range]))
  }

  /// The byte range of the next array of `T` (count, padding, elements), skipped; nil
  /// when it runs past the end or the padding is not zero.
  private mutating func arrayRange<T: FixedWidthInteger>(of type: T.Type) -> (Range<Int>, Int)? {
    let size = MemoryLayout<T>.stride
    guard let count = u32().map(Int.init) else { return nil }
    while offset % 8 != 0 {
      guard u8() == 0 else { return nil }
    }
    guard count <= remaining / size else { return nil }
    let start = offset
    offset += count * size
    return (start..<offset, count)
  }

  mutating func array<T: FixedWidthInteger>(of type: T.Type) -> [T]? {
    guard let (range, count) = arrayRange(of: type) else { return nil }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      if count > 0, let destination = buffer.baseAddress, let source = base.baseAddress {
        UnsafeMutableRawPointer(destination).copyMemory(
          from: source + range.lowerBound, byteCount: range.count)
      }
      initialized = count
    }
  }

  /// The next array as a table: a view into the buffer when the reader has its owner and
  /// the elements are aligned, else a copy.
  mutating func table<T: FixedWidthInteger>(of type: T.Type) -> FlatTable<T>? {
    guard let (range, count) = arrayRange(of: type), let source = base.baseAddress else {
      return nil
    }
    let start = source + range.lowerBound
    if let owner, Int(bitPattern: start) % MemoryLayout<T>.alignment == 0 {
      return FlatTable(viewing: start, count: count, owner: owner)
    }
    return FlatTable(
      [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        if count > 0, let destination = buffer.baseAddress {
          UnsafeMutableRawPointer(destination).copyMemory(from: start, byteCount: range.count)
        }
        initialized = count
      })
  }
}

/// A 64-bit hash of bytes, eight at a time: the cache's checksum and (in two lanes with
/// different seeds) its key. Not cryptographic: it catches damage and changes, not an
/// attacker who can already write the user's cache folder.
enum ContentHash {
  static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = (seed ^ UInt64(truncatingIfNeeded: bytes.count)) &* multiplier
    var index = 0
    let count = bytes.count
    // Four independent lanes over 32 bytes at a time (the multiplications overlap: about
    // three times the speed of one lane on a 20 MB cache file), folded into one.
    if count >= 32 {
      var lanes = (
        hash, hash ^ 0x243F_6A88_85A3_08D3, hash ^ 0x1319_8A2E_0370_7344,
        hash ^ 0xA409_3822_299F_31D0
      )
      while index + 32 <= count {
        func word(_ at: Int) -> UInt64 {
          UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index + at, as: UInt64.self))
        }
        lanes.0 = (lanes.0 ^ word(0)) &* multiplier
        lanes.1 = (lanes.1 ^ word(8)) &* multiplier
        lanes.2 = (lanes.2 ^ word(16)) &* multiplier
        lanes.3 = (lanes.3 ^ word(24)) &* multiplier
        lanes.0 ^= lanes.0 >> 31
        lanes.1 ^= lanes.1 >> 31
        lanes.2 ^= lanes.2 >> 31
        lanes.3 ^= lanes.3 >> 31
        index += 32
      }
      for lane in [lanes.0, lanes.1, lanes.2, lanes.3] {
        hash = (hash ^ lane) &* multiplier
        hash ^= hash >> 31
      }
    }
    while index + 8 <= count {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      hash = (hash ^ word) &* multiplier
      hash ^= hash >> 31
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < count {
      tail |= UInt64(bytes[index]) << shift
      shift += 8
      index += 1
    }
    hash = (hash ^ tail ^ 0xFF) &* multiplier
    hash ^= hash >> 29
    hash = hash &* 0xBF58_476D_1CE4_E5B9
    hash ^= hash >> 32
    return hash
  }

  static func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
    bytes.withUnsafeBytes { hash($0, seed: seed) }
  }
}
