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

  /// Eight ASCII bytes folded as `Folder.asciiTable` folds each one: capitals to lower
  /// case, tab, line feed, vertical tab, form feed and carriage return to a space, a
  /// backtick to an apostrophe. `word` must have no byte with its high bit set.
  @inline(__always)
  static func foldASCII(_ word: UInt64) -> UInt64 {
    // A capital has bit 5 clear: the high bit of the range test, shifted, sets it.
    var result = word | (inRange(word, 0x41, 0x5A) >> 2)
    let spaces = (inRange(word, 0x09, 0x0D) >> 7) &* 0xFF
    let ticks = (inRange(word, 0x60, 0x60) >> 7) &* 0xFF
    result = (result & ~spaces) | (0x2020_2020_2020_2020 & spaces)
    result = (result & ~ticks) | (0x2727_2727_2727_2727 & ticks)
    return result
  }

  /// The byte offset (0–7) of the lowest set high bit.
  @inline(__always)
  static func firstByte(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }
}
