/// Byte tests on eight ASCII bytes at once (SIMD within a register), for the scans that
/// look at a few places of a whole text: the high bit of each byte of the result is set
/// where the test holds.
enum SWAR {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Eight bytes of `text` from `offset` (which must leave eight), first byte lowest.
  @inline(__always)
  static func load(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
    UInt64(
      littleEndian: UnsafeRawBufferPointer(text).loadUnaligned(
        fromByteOffset: offset, as: UInt64.self))
  }

  /// Bytes from `low` to `high` (inclusive, both below 0x80); `word` must have no byte with
  /// its high bit set.
  @inline(__always)
  static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
    let atLeastLow = (word &+ ones &* UInt64(0x80 - low)) & highs
    let aboveHigh = (word &+ ones &* UInt64(0x7F - high)) & highs
    return atLeastLow & ~aboveHigh
  }

  /// The byte offset (0–7) of the lowest set high bit.
  @inline(__always)
  static func firstByte(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }
}
