import Testing

@testable import TermLint

/// The folding table against ICU: every entry folds as ICU NFKC_Casefold plus the post-fold
/// table would, starts a chunk, and folding with the table gives the same bytes and the
/// same offset map as folding without it, whatever stands around the character.
@Suite struct FoldTableTests {
  /// Folds `text` with and without the table.
  static func both(_ text: [UInt8]) -> (FoldedText, FoldedText) {
    var fast = Folder()
    var slow = Folder()
    slow.useTable = false
    let a = text.withUnsafeBufferPointer { fast.fold($0, range: 0..<$0.count) }
    let b = text.withUnsafeBufferPointer { slow.fold($0, range: 0..<$0.count) }
    return (a, b)
  }

  static func utf8(_ scalars: [UInt32]) -> [UInt8] {
    var bytes: [UInt8] = []
    for value in scalars {
      if let scalar = Unicode.Scalar(value) { appendUTF8(scalar, to: &bytes) }
    }
    return bytes
  }

  @Test func everyEntryIsWhatICUGives() {
    var wrong: [String] = []
    for scalar in FoldTable.domain {
      guard let (packed, count) = FoldTable.folded(scalar) else {
        wrong.append("U+\(String(scalar, radix: 16)) has no entry")
        continue
      }
      var table: [UInt8] = []
      TableFold(packed: packed, count: count, length: 0).append(to: &table)
      var slow = Folder()
      slow.useTable = false
      let icu = slow.fold(String(decoding: Self.utf8([scalar]), as: UTF8.self))
      if table != icu || !Folder.icuBoundaryBefore(scalar) {
        wrong.append("U+\(String(scalar, radix: 16)): table \(table), ICU \(icu)")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(20))")
  }

  @Test func domainIsTheWholeTable() {
    // Nothing outside the listed domain has an entry (scanning the BMP).
    let domain = Set(FoldTable.domain)
    let extra = (0x80...0xFFFF).map(UInt32.init).filter {
      FoldTable.contains($0) && !domain.contains($0)
    }
    #expect(extra.isEmpty, "\(extra.prefix(10))")
  }

  @Test func everyEntryInContextFoldsAsWithoutTheTable() {
    let neighbours: [[UInt32]] = [
      [], [0x61], [0x41], [0x20], [0x0301], [0x0308, 0x0301], [0x3099], [0x2019], [0xFF21],
      [0xE9], [0x65, 0x0301], [0x4E2D], [0xFE0F], [0x200D], [0x1F600], [0xAD],
    ]
    var wrong: [String] = []
    for scalar in FoldTable.domain where scalar < 0x4E00 || scalar % 97 == 0 {
      for before in neighbours {
        for after in neighbours {
          let text = Self.utf8(before + [scalar] + after)
          let (fast, slow) = Self.both(text)
          if fast.bytes != slow.bytes || fast.map != slow.map {
            wrong.append("\(before) U+\(String(scalar, radix: 16)) \(after)")
          }
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(20))")
  }

  @Test func randomMixesFoldAsWithoutTheTable() {
    let pool: [UInt32] =
      FoldTable.domain.filter { $0 < 0x4E00 } + [
        0x61, 0x5A, 0x20, 0x0A, 0x09, 0x60, 0x2D, 0x0301, 0x0308, 0xE9, 0xC9, 0x65, 0x4E2D,
        0x6587, 0xFB01, 0x2033, 0x2016, 0x200B, 0xAD, 0x1F600, 0xFE0F, 0x3099, 0x304B, 0x2460,
      ]
    var generator = SeededRandom(seed: 2026)
    for round in 0..<2000 {
      let scalars = (0..<Int.random(in: 1...24, using: &generator)).map { _ in
        pool[Int.random(in: 0..<pool.count, using: &generator)]
      }
      let (fast, slow) = Self.both(Self.utf8(scalars))
      #expect(fast.bytes == slow.bytes, "round \(round): \(scalars)")
      #expect(fast.map == slow.map, "round \(round): \(scalars)")
    }
  }

  @Test func swarASCIIFoldIsTheByteTable() {
    var generator = SeededRandom(seed: 88)
    var words: [UInt64] = (0..<128).map { value in UInt64(value) * SWAR.ones }
    for _ in 0..<5000 { words.append(generator.next() & 0x7F7F_7F7F_7F7F_7F7F) }
    for word in words {
      var expected: UInt64 = 0
      for k in 0..<8 {
        let byte = Int((word >> (8 * UInt64(k))) & 0xFF)
        expected |= UInt64(Folder.asciiTable[byte]) << (8 * UInt64(k))
      }
      #expect(SWAR.foldASCII(word) == expected, "\(String(word, radix: 16))")
    }
  }

  /// The text rules' letter and mark tests skip the property lookup for Latin-1 signs,
  /// General Punctuation, CJK ideographs and full-width ASCII: the same answers as the
  /// lookup for every scalar of the BMP.
  @Test func letterAndMarkShortcutsAgreeWithProperties() {
    var wrong: [UInt32] = []
    for value in UInt32(0)..<0x10000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let letter =
        value < 0x80
        ? (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
        : Scalars.isLatinLetter(value) || scalar.properties.isAlphabetic
      let mark: Bool
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark: mark = value >= 0x300
      default: mark = false
      }
      if Scalars.isLetter(value) != letter || Scalars.isMark(value) != mark { wrong.append(value) }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
  }

  /// The phrase-anchor finder's shortcuts for common non-ASCII (CJK, no-break space,
  /// full-width forms) give what the Unicode properties give, for every scalar of the BMP
  /// its explicit cases leave to them.
  @Test func anchorClassesWithoutPropertiesAgree() {
    let named: Set<UInt32> = [
      0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D, 0x058A, 0x1806, 0x2032, 0x2035,
      0x02BC, 0x02B9, 0xFF07, 0x201C, 0x201E, 0x201F, 0x00AB, 0x300C, 0x300E, 0x201D,
      0x00BB, 0x300D, 0x300F, 0x2033, 0x2036, 0xFF02,
    ]
    var wrong: [UInt32] = []
    var shortcuts = 0
    for value in UInt32(0x80)..<0x10000 where Unicode.Scalar(value) != nil {
      if named.contains(value) || (0x2010...0x2015).contains(value)
        || (0x2018...0x201B).contains(value)
      {
        continue
      }
      if AnchorFinder.classify(value) != AnchorFinder.byProperties(value) { wrong.append(value) }
      shortcuts += 1
    }
    #expect(shortcuts > 60000)
    #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
  }
}
