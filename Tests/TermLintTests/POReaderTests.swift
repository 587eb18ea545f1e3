import Foundation
import Testing

@testable import TermLint

@Suite struct POReaderTests {
  @Test func messagesFile() throws {
    let (extracted, file) = try readerExtract(POReader.self, try fixtureText("messages.po"))
    #expect(
      segmentTexts(extracted) == [
        "The Double-Eight Strategy", "The \"Belt and Road\"\tInitiative", "strategy", "",
      ])
    // Comments, the header and the obsolete entry are not text.
    #expect(!extracted.text.contains("Eight-Eight"))
    #expect(!extracted.text.contains("Project-Id"))
    #expect(extracted.escaping == .po)

    let segments = extracted.segments
    #expect(segments.count == 4)
    #expect(segments.map(\.unit) == ["八八战略", "title\u{4}一带一路", "战略", "战略"])
    #expect(segments.map(\.fuzzy) == [false, true, false, false])
    #expect(segments.allSatisfy { $0.language == "en_GB" })
    #expect(segments.map { $0.source?.text } == ["八八战略", "一带一路", "战略", "战略们"])
    let plural = try #require(segments.last?.source)
    #expect(file.text(plural.range) == "战略们")
    // The empty msgstr[1] is an empty segment at its place.
    #expect(segments[3].range.isEmpty)
    #expect(segments[3].originalRange.isEmpty)
    #expect(
      file.text(
        TextRange(
          start: segments[3].originalRange.start - 1, end: segments[3].originalRange.end + 1))
        == "\"\"")

    // A term split over a continuation maps across the quote, line break and quote.
    #expect(
      originalBytes(of: "Double-Eight Strategy", in: extracted, file)
        == "Double-\"\n\"Eight Strategy")
    #expect(originalBytes(of: "\"Belt and Road\"", in: extracted, file) == "\\\"Belt and Road\\\"")
    #expect(originalBytes(of: "\t", in: extracted, file) == "\\t")
    #expect(file.text(segments[0].originalRange) == "The Double-\"\n\"Eight Strategy")
    expectCopiedBytesMatch(extracted, file)
  }

  @Test func escapesDecodeToPiecesOfTheirWholeEscape() throws {
    let po = "msgid \"a\"\nmsgstr \"\\101\\x42\\n\\\\ \\a\"\n"
    let (extracted, file) = try readerExtract(POReader.self, po)
    #expect(segmentTexts(extracted) == ["AB\n\\ \u{7}"])
    #expect(originalBytes(of: "A", in: extracted, file) == "\\101")
    #expect(originalBytes(of: "B", in: extracted, file) == "\\x42")
    #expect(originalBytes(of: "\\", in: extracted, file) == "\\\\")
  }

  @Test func crlfAndBOM() throws {
    let po = "\u{FEFF}msgid \"x\"\r\nmsgstr \"Double-\"\r\n\"Eight Strategy\"\r\n"
    let (extracted, file) = try readerExtract(POReader.self, po)
    #expect(segmentTexts(extracted) == ["Double-Eight Strategy"])
    #expect(originalBytes(of: "Double-Eight", in: extracted, file) == "Double-\"\r\n\"Eight")
  }

  @Test func errorsHaveTheExactOffset() throws {
    let cases: [(String, String, Int)] = [
      ("msgid \"a\"\nmsgstr \"open\n", "unterminated string", 17),
      ("msgid \"a\"\nmsgstring \"x\"\n", "unknown keyword 'msgstring'", 10),
      ("msgid \"a\"\nmsgstr \"bad \\q\"\n", "bad escape '\\q'", 22),
      ("# c\nmsgstr \"x\"\n", "msgstr without msgid", 4),
      ("\"stray\"\nmsgid \"a\"\nmsgstr \"\"\n", "string outside an entry", 0),
      ("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", "msgid without msgstr", 0),
      ("msgid \"a\" x\nmsgstr \"\"\n", "unexpected text after a string", 10),
      ("msgid \"a\"\nmsgstr \"\\x\"\n", "bad escape: \\x without hex digits", 18),
    ]
    for (po, message, offset) in cases {
      #expect(throws: FormatError(message, offset: offset), "\(po)") {
        _ = try readerExtract(POReader.self, po)
      }
    }
  }

  @Test func obsoleteEntriesAndCommentsAreSkipped() throws {
    let po = """
      #, fuzzy
      #| msgid "Eight-Eight Strategy"
      msgid "b"
      msgstr "kept"

      #~ msgid "old"
      #~ msgstr "Eight-Eight Strategy"
      """
    let (extracted, _) = try readerExtract(POReader.self, po)
    #expect(segmentTexts(extracted) == ["kept"])
    #expect(extracted.segments.first?.fuzzy == true)
    #expect(extracted.segments.first?.language == nil)
  }

  @Test func extractCommandReportsAFormatError() throws {
    let dir = try TemporaryDirectory()
    let bad = try dir.write("bad.po", "msgid \"a\"\nmsgstr \"x\" \"y\n")
    let good = try dir.write("good.po", "msgid \"a\"\nmsgstr \"b\"\n")
    let output = try CLI.run(["extract", bad, good])
    #expect(output.status == 2)
    #expect(output.stderr.contains("bad.po:2:12: error: unexpected text after a string"))
    #expect(output.stdout.contains("unit \"a\""))
    #expect(output.stdout.contains("source 1:8-1:9: \"a\""))
  }
}

extension POReaderTests {
  /// Random entries built from string pieces: the decoded translation is the pieces'
  /// meaning, and copied bytes are the original bytes.
  @Test func randomEntriesDecodeAndMapExactly() throws {
    let pieces: [(po: String, text: String)] = [
      ("Double-", "Double-"), ("Eight", "Eight"), (" Strategy", " Strategy"), ("\\n", "\n"),
      ("\\t", "\t"), ("\\\"", "\""), ("\\\\", "\\"), ("\\101", "A"), ("\\x42", "B"), ("八八", "八八"),
      ("é", "é"), (" ", " "),
    ]
    var state: UInt64 = 42
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for round in 0..<200 {
      var po = round % 2 == 0 ? "" : "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n"
      var expected: [String] = []
      for entry in 0..<(1 + next(4)) {
        po += "#, fuzzy\n#: file.c:\(entry)\nmsgid \"id \(entry)\"\nmsgstr \"\""
        var text = ""
        for _ in 0..<(1 + next(6)) {
          // Sometimes continue the string on a new line.
          if next(3) == 0 { po += "\n\"\"" }
          let piece = pieces[next(pieces.count)]
          po.insert(contentsOf: piece.po, at: po.index(before: po.endIndex))
          text += piece.text
        }
        po += round % 3 == 0 ? "\r\n\r\n" : "\n\n"
        expected.append(text)
      }
      let (extracted, file) = try readerExtract(POReader.self, po)
      #expect(segmentTexts(extracted) == expected, "\(po)")
      #expect(
        extracted.segments.allSatisfy { $0.fuzzy && $0.language == (round % 2 == 0 ? nil : "fr") })
      expectCopiedBytesMatch(extracted, file)
    }
  }
}
