import Testing

@testable import TermLint

@Suite struct FolderTests {
  func fold(_ text: String) -> FoldedText {
    var folder = Folder()
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { folder.fold($0, range: 0..<$0.count) }
  }

  func folded(_ text: String) -> String { String(decoding: fold(text).bytes, as: UTF8.self) }

  @Test func asciiFoldsCaseAndWhitespace() {
    #expect(folded("Double-Eight\tStrategy\r\nX") == "double-eight strategy  x")
    #expect(folded("`quoted'") == "'quoted'")
  }

  @Test(arguments: [
    ("Ｄｏｕｂｌｅ－Ｅｉｇｈｔ", "double-eight"),  // fullwidth letters and hyphen-minus
    ("Double‐Eight", "double-eight"),  // U+2010 hyphen
    ("Double‑Eight", "double-eight"),  // U+2011 non-breaking hyphen
    ("Double–Eight—x―y−z", "double-eight-x-y-z"),  // en, em dashes, bar, minus
    ("“Two Health” ‘x’ «y» 「z」", "\"two health\" 'x' \"y\" \"z\""),
    ("China’s ＂x＂", "china's \"x\""),
    ("a\u{00A0}b\u{3000}c\u{2028}d\u{2003}e", "a b c d e"),  // spaces and line separator
    ("Dou\u{00AD}ble\u{200B}Eight\u{2060}", "doubleeight"),  // soft hyphen and zero-width removed
    ("STRASSE Straße", "strasse strasse"),  // full case folding
    ("ﬁnal", "final"),  // compatibility ligature
    ("E\u{0301}", "é"),  // NFD composes
  ])
  func foldsUnicode(input: String, expected: String) {
    #expect(folded(input) == expected)
  }

  @Test func everyFoldedByteMapsInsideItsCharacter() {
    let text = "ab\u{0065}\u{0301}c 🎉 Ｄx\u{00AD}y “q” 八八战略\r\nz"
    let result = fold(text)
    let bytes = Array(text.utf8)
    for index in 0..<result.bytes.count {
      let range = result.map.originalRange(ofFoldedByte: index)
      #expect(range.start >= 0 && range.end <= bytes.count && range.start < range.end)
      // Ranges start and end on character boundaries.
      #expect(range.start == bytes.count || bytes[range.start] & 0xC0 != 0x80)
      #expect(range.end == bytes.count || bytes[range.end] & 0xC0 != 0x80)
    }
  }

  @Test func combiningMarkAfterAsciiTakesTheSlowPath() {
    // "e" + U+0301 folds to one character mapped to both original characters.
    let result = fold("xe\u{0301}y")
    #expect(String(decoding: result.bytes, as: UTF8.self) == "xéy")
    let eAcute = result.map.originalRange(ofFolded: 1..<3)
    #expect(eAcute == TextRange(start: 1, end: 4))
    #expect(result.map.originalRange(ofFoldedByte: 0) == TextRange(start: 0, end: 1))
    #expect(result.map.originalRange(ofFoldedByte: 3) == TextRange(start: 4, end: 5))
  }

  @Test func removedCharactersAreCoveredBySpans() {
    let result = fold("ab\u{00AD}cd")
    #expect(String(decoding: result.bytes, as: UTF8.self) == "abcd")
    #expect(result.map.originalRange(ofFolded: 0..<4) == TextRange(start: 0, end: 6))
    #expect(result.map.originalRange(ofFolded: 2..<4) == TextRange(start: 4, end: 6))
  }

  @Test func tokensSplitWordsPunctuationAndCJK() {
    let text = Array("double-eight strategy's 八八战略 x2".utf8)
    let tokens = Tokenizer.tokens(of: text).map {
      String(decoding: text[$0.start..<$0.end], as: UTF8.self)
    }
    #expect(tokens == ["double", "-", "eight", "strategy", "'", "s", "八", "八", "战", "略", "x2"])
  }
}

/// The tokenizer's eight-bytes-at-a-time word scan agrees with the byte table for every
/// byte value at every position.
@Suite struct TokenizerScanTests {
  @Test func nonWordBytesMatchesTheClassTable() {
    for value in 0...255 {
      let byte = UInt8(value)
      let isWord = byte < 0x80 && Tokenizer.asciiClasses[value] == .word
      for position in 0..<8 {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
        bytes[position] = byte
        let chunk = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let stops = Tokenizer.nonWordBytes(chunk)
        #expect(
          stops == (isWord ? 0 : UInt64(0x80) << (8 * position)), "byte \(value) at \(position)")
      }
    }
  }

  @Test func wordsEndWhereTheByteLoopEndsThem() {
    let text = Array("alpha beta-gamma 12345678901 éclair naïve ABCDEFGHIJKLMNOP q".utf8)
    let tokens = Tokenizer.tokens(of: text).map {
      String(decoding: text[$0.start..<$0.end], as: UTF8.self)
    }
    #expect(
      tokens == [
        "alpha", "beta", "-", "gamma", "12345678901", "éclair", "naïve", "ABCDEFGHIJKLMNOP", "q",
      ])
  }
}
