import Testing

@testable import TermLint

@Suite struct LineIndexTests {
  @Test func linesEndAtLFCRLFAndCR() {
    let bytes = Array("a\nb\r\nc\rd".utf8)
    let index = LineIndex(bytes: bytes)
    #expect(index.lineStarts == [0, 2, 5, 7])
    #expect(index.position(of: 5, in: bytes) == SourcePosition(line: 3, column: 1))
    #expect(index.contentRange(ofLine: 1, in: bytes) == TextRange(start: 2, end: 3))
  }

  @Test func columnsCountScalarsAndSkipTheBOM() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("八a\u{0301}x".utf8)
    let file = try SourceFile(path: "f", bytes: bytes)
    #expect(file.hasByteOrderMark)
    // x is after 八 (1 scalar), a, U+0301: column 4.
    let offsetOfX = bytes.count - 1
    #expect(file.lineIndex.position(of: offsetOfX, in: bytes) == SourcePosition(line: 1, column: 4))
    #expect(file.lineIndex.position(of: 3, in: bytes) == SourcePosition(line: 1, column: 1))
  }

  @Test func batchPositionsMatchSinglePositions() {
    let bytes = Array("one two\nthree 八 four\r\nfive".utf8)
    let index = LineIndex(bytes: bytes)
    let offsets = Array(0...bytes.count)
    let batch = index.positions(of: offsets, in: bytes)
    for offset in offsets {
      #expect(batch[offset] == index.position(of: offset, in: bytes))
    }
  }

  @Test func rejectsBinaryAndInvalidUTF8() {
    #expect(throws: SourceFile.Rejection.binary) {
      try SourceFile(path: "f", bytes: [0x61, 0x00, 0x62])
    }
    #expect(throws: SourceFile.Rejection.invalidUTF8(offset: 2)) {
      try SourceFile(path: "f", bytes: [0x61, 0x62, 0xC3, 0x28])
    }
    // Overlong encoding of "/" and a UTF-16 surrogate are not UTF-8.
    #expect(throws: SourceFile.Rejection.invalidUTF8(offset: 0)) {
      try SourceFile(path: "f", bytes: [0xC0, 0xAF])
    }
    #expect(throws: SourceFile.Rejection.invalidUTF8(offset: 1)) {
      try SourceFile(path: "f", bytes: [0x61, 0xED, 0xA0, 0x80])
    }
    #expect(throws: SourceFile.Rejection.invalidUTF8(offset: 0)) {
      try SourceFile(path: "f", bytes: [0xE5, 0x85])
    }
  }

  @Test func detectsLineEndings() throws {
    #expect(try SourceFile(path: "f", bytes: Array("a\r\nb\r\n".utf8)).lineEnding == .crlf)
    #expect(try SourceFile(path: "f", bytes: Array("a\nb".utf8)).lineEnding == .lf)
    #expect(try SourceFile(path: "f", bytes: Array("a\r\nb\n".utf8)).lineEnding == .mixed)
    #expect(try SourceFile(path: "f", bytes: []).lineEnding == .none)
  }
}
