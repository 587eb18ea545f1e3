// Normalize stage: the folding of the common non-ASCII characters, by table.
//
// Takes: valid UTF-8 at an offset. Gives: for the characters text translated from Chinese
// is full of (curly quotes and apostrophes, dashes, no-break and other spaces, full-width
// ASCII, ideographic punctuation, CJK ideographs), what `Folder` would produce through ICU
// NFKC_Casefold and its post-fold table; nil for every other character (ICU decides).
// `FoldTableTests` compares every entry with ICU.

/// The table-folded form of one character: at most seven bytes, packed.
struct TableFold {
  /// The folded bytes, first byte lowest.
  var packed: UInt64
  /// How many folded bytes (0 for a character folding removes).
  var count: Int
  /// How many bytes the character takes in the original text.
  var length: Int

  @inline(__always)
  func append(to output: inout [UInt8]) {
    var rest = packed
    for _ in 0..<count {
      output.append(UInt8(truncatingIfNeeded: rest))
      rest >>= 8
    }
  }
}

enum FoldTable {
  /// Whether `scalar` has an entry (every entry has a normalization boundary before it).
  @inline(__always)
  static func contains(_ scalar: UInt32) -> Bool { folded(scalar) != nil }

  /// The entry for the character at `index` (a lead byte of a multi-byte sequence).
  @inline(__always)
  static func fold(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> TableFold? {
    let (scalar, length) = Folder.decode(bytes, at: index)
    guard index + length <= end, let (packed, count) = folded(scalar) else {
      return nil
    }
    return TableFold(packed: packed, count: count, length: length)
  }

  /// The packed folded bytes of `scalar` and their count, or nil when ICU must decide.
  @inline(__always)
  static func folded(_ scalar: UInt32) -> (UInt64, Int)? {
    switch scalar {
    // No-break space, the spaces of General Punctuation, narrow no-break space, medium
    // mathematical space, ideographic space: NFKC makes them U+0020.
    case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
      return (0x20, 1)
    // Guillemets: double quotes.
    case 0xAB, 0xBB:
      return (0x22, 1)
    // Hyphens, dashes and the minus sign.
    case 0x2010...0x2015, 0x2212:
      return (0x2D, 1)
    // Single quotes and apostrophes.
    case 0x2018...0x201B:
      return (0x27, 1)
    // Double quotes.
    case 0x201C...0x201F:
      return (0x22, 1)
    // Horizontal ellipsis: three full stops.
    case 0x2026:
      return (0x2E2E2E, 3)
    // Full-width ASCII: the ASCII character, folded as ASCII is.
    case 0xFF01...0xFF5E:
      return (UInt64(Folder.asciiTable[Int(scalar - 0xFF01 + 0x21)]), 1)
    // Ideographic comma and full stop, CJK ideographs: unchanged.
    case 0x3001, 0x3002, 0x4E00...0x9FFF:
      return (utf8(scalar), 3)
    default:
      return nil
    }
  }

  /// The UTF-8 bytes of a three-byte scalar, packed.
  @inline(__always)
  static func utf8(_ scalar: UInt32) -> UInt64 {
    let b0 = UInt64(0xE0 | (scalar >> 12))
    let b1 = UInt64(0x80 | ((scalar >> 6) & 0x3F))
    let b2 = UInt64(0x80 | (scalar & 0x3F))
    return b0 | (b1 << 8) | (b2 << 16)
  }

  /// Every scalar with an entry, for the tests.
  static let domain: [UInt32] =
    [0xA0, 0xAB, 0xBB, 0x202F, 0x205F, 0x3000, 0x2026, 0x2212, 0x3001, 0x3002]
    + Array(0x2000...0x200A) + Array(0x2010...0x2015) + Array(0x2018...0x201F)
    + Array(0xFF01...0xFF5E)
    + Array(0x4E00...0x9FFF)
}
