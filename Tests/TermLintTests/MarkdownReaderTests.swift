import Foundation
import Testing

@testable import TermLint

/// Reads `text` (or bytes) with `reader`.
func readerExtract(
  _ reader: any FormatReader.Type, _ text: String, path: String = "t"
) throws -> (ExtractedText, SourceFile) {
  try readerExtract(reader, bytes: Array(text.utf8), path: path)
}

func readerExtract(
  _ reader: any FormatReader.Type, bytes: [UInt8], path: String = "t"
) throws -> (ExtractedText, SourceFile) {
  let file = try SourceFile(path: path, bytes: bytes)
  return (try reader.extract(file), file)
}

func fixtureText(_ name: String) throws -> String {
  try String(contentsOfFile: Fixtures.path("formats/" + name), encoding: .utf8)
}

/// The original bytes behind the first occurrence of `term` in the extracted text.
func originalBytes(of term: String, in extracted: ExtractedText, _ file: SourceFile) -> String? {
  let needle = Array(term.utf8)
  guard !needle.isEmpty, extracted.bytes.count >= needle.count else { return nil }
  for start in 0...(extracted.bytes.count - needle.count)
  where extracted.bytes[start..<start + needle.count].elementsEqual(needle) {
    return file.text(extracted.originalRange(of: start..<start + needle.count))
  }
  return nil
}

func segmentTexts(_ extracted: ExtractedText) -> [String] {
  extracted.segments.map { String(decoding: extracted.bytes[$0.range], as: UTF8.self) }
}

/// Every extracted byte that maps to one original byte is that byte (a line ending read as
/// "\n" from a CR is the one decoded single byte); synthetic separators map to no byte.
func expectCopiedBytesMatch(
  _ extracted: ExtractedText, _ file: SourceFile,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  for index in extracted.bytes.indices {
    let range = extracted.map.originalRange(ofFoldedByte: index)
    #expect(range.end <= file.bytes.count, sourceLocation: sourceLocation)
    guard range.length == 1, range.end <= file.bytes.count else { continue }
    let original = file.bytes[range.start]
    let ok =
      original == extracted.bytes[index] || (original == 0x0D && extracted.bytes[index] == 0x0A)
    #expect(ok, "byte \(index) maps to \(range.start)", sourceLocation: sourceLocation)
    if !ok { return }
  }
}

@Suite struct MarkdownReaderTests {
  @Test func policyArticle() throws {
    let (extracted, file) = try readerExtract(MarkdownReader.self, try fixtureText("policy.md"))
    let texts = segmentTexts(extracted)
    #expect(
      texts == [
        "The Double-Eight Strategy",
        "The Double-Eight Strategy shaped the province’s economy — see\nthe summary and .",
        "Term", "Rendering", "八八战略", "Double-Eight & more",
      ])
    // Code, link destinations and titles, comments and front matter are not text.
    #expect(!extracted.text.contains("Eight-Eight"))
    #expect(!extracted.text.contains("88th"))
    #expect(
      originalBytes(of: "Double-Eight Strategy", in: extracted, file) == "Double-**Eight** Strategy"
    )
    #expect(originalBytes(of: "province’s", in: extracted, file) == "province&rsquo;s")
    #expect(originalBytes(of: "—", in: extracted, file) == "&mdash;")
    #expect(originalBytes(of: "Eight & more", in: extracted, file) == "Eight &amp; more")
    #expect(extracted.escaping == .markdown)
    #expect(extracted.segments.allSatisfy { $0.unit == nil && $0.source == nil && !$0.fuzzy })
    // The heading's original range is its content.
    let heading = try #require(extracted.segments.first)
    #expect(file.text(heading.originalRange) == "The Double-**Eight** Strategy")
    expectCopiedBytesMatch(extracted, file)
  }

  @Test func frontMatterIsCheckedOnlyWhenAsked() throws {
    let file = try SourceFile(path: "t.md", bytes: Array(try fixtureText("policy.md").utf8))
    let skipped = MarkdownReader.extract(file, frontMatter: false)
    let checked = MarkdownReader.extract(file, frontMatter: true)
    #expect(!skipped.text.contains("front matter"))
    #expect(segmentTexts(checked).first == "title: Eight-Eight Strategy in front matter")
    #expect(checked.segments.count == skipped.segments.count + 1)
    let toml = try readerExtract(MarkdownReader.self, "+++\ntitle = \"x\"\n+++\nBody\n").0
    #expect(segmentTexts(toml) == ["Body"])
    // Not closed: not front matter (a thematic break, then a paragraph).
    #expect(segmentTexts(try readerExtract(MarkdownReader.self, "---\ntitle\n").0) == ["title"])
  }

  @Test func emphasisMarkersOnlyWhereCommonMarkSeesEmphasis() throws {
    let cases: [(String, String)] = [
      ("Double-**Eight** Strategy", "Double-Eight Strategy"),
      ("Double-*Eight* Strategy", "Double-Eight Strategy"),
      ("__Double-Eight__ Strategy", "Double-Eight Strategy"),
      ("the ~~Eight-Eight~~ Strategy", "the Eight-Eight Strategy"),
      ("snake_case_name", "snake_case_name"),
      ("5 * 3 = 15", "5 * 3 = 15"),
      ("*unclosed", "*unclosed"),
      ("***both***", "both"),
      ("foo*bar*", "foobar"),
      ("\\*escaped\\*", "*escaped*"),
      ("a ~~~~x~~~~ b", "a x b"),
      ("x.~~~~~~.y", "x.~~~~~~.y"),
      ("a ~~~x~~~ b", "a ~x~ b"),
    ]
    for (markdown, text) in cases {
      let (extracted, file) = try readerExtract(MarkdownReader.self, markdown)
      #expect(segmentTexts(extracted) == [text], "\(markdown)")
      expectCopiedBytesMatch(extracted, file)
    }
  }

  @Test func codeSpansAreSkippedAsWordSeparators() throws {
    let cases: [(String, String)] = [
      ("foo`Eight-Eight Strategy`bar", "foo bar"),
      ("a ``b ` c`` d", "a  d"),
      ("a ```x``` b", "a  b"),
      ("unmatched `` ticks", "unmatched `` ticks"),
      ("span `across\nlines` end", "span  end"),
    ]
    for (markdown, text) in cases {
      #expect(
        segmentTexts(try readerExtract(MarkdownReader.self, markdown).0) == [text], "\(markdown)")
    }
  }

  @Test func linksImagesAutolinksAndURLs() throws {
    let markdown = """
      A [Double-*Eight* Strategy](https://x.org/88th-strategy "The 88th Strategy") link, \
      ![Eight alt](img/88th.png), [ref][r], <https://x.org/88th>, https://x.org/88th-strategy. \
      and www.example.org/88th.

      [r]: https://x.org/88th-strategy "88th Strategy"
      """
    let (extracted, file) = try readerExtract(MarkdownReader.self, markdown)
    #expect(segmentTexts(extracted) == ["A Double-Eight Strategy link, Eight alt, ref, , . and ."])
    #expect(!extracted.text.contains("88th"))
    #expect(
      originalBytes(of: "Double-Eight Strategy", in: extracted, file) == "Double-*Eight* Strategy")
  }

  @Test func htmlTagsAreNotTextButTheirContentIs() throws {
    let markdown = """
      The Double-<b>Eight</b> Strategy <!-- Eight-Eight
      Strategy --> end.

      <div>
      Eight-Eight Strategy
      </div>
      """
    let (extracted, file) = try readerExtract(MarkdownReader.self, markdown)
    #expect(segmentTexts(extracted) == ["The Double-Eight Strategy  end."])
    #expect(
      originalBytes(of: "Double-Eight Strategy", in: extracted, file)
        == "Double-<b>Eight</b> Strategy")
  }

  @Test func aTermWrappedOverLinesKeepsTheLineBreak() throws {
    for ending in ["\n", "\r\n"] {
      let markdown = "The Double-Eight" + ending + "Strategy, and a hard  " + ending + "break."
      let (extracted, file) = try readerExtract(MarkdownReader.self, markdown)
      #expect(segmentTexts(extracted) == ["The Double-Eight\nStrategy, and a hard\nbreak."])
      #expect(
        originalBytes(of: "Double-Eight\nStrategy", in: extracted, file)
          == "Double-Eight\(ending)Strategy")
      expectCopiedBytesMatch(extracted, file)
    }
  }

  @Test func indentedCodeButNotInParagraphContinuations() throws {
    let markdown = """
      Paragraph
          continued, not code.

          Eight-Eight Strategy in code

      - item

            Eight-Eight Strategy in code in an item

        item paragraph
      """
    let texts = segmentTexts(try readerExtract(MarkdownReader.self, markdown).0)
    #expect(texts == ["Paragraph\ncontinued, not code.", "item", "item paragraph"])
  }

  @Test func fencesWithInfoStringsAndUnclosedFences() throws {
    let markdown =
      "Before\n~~~ yaml title=x\nEight-Eight\n~~~\nAfter\n````\nEight-Eight Strategy to the end\n```\nstill code"
    #expect(
      segmentTexts(try readerExtract(MarkdownReader.self, markdown).0) == ["Before", "After"])
  }

  @Test func entitiesAndEscapesMapToTheirWholeOriginal() throws {
    let markdown = "Q&#8217;s &#x2019; &lsquo;x&rsquo; &unknown; \\[no link\\]"
    let (extracted, file) = try readerExtract(MarkdownReader.self, markdown)
    #expect(segmentTexts(extracted) == ["Q’s ’ ‘x’ &unknown; [no link]"])
    #expect(originalBytes(of: "Q’s", in: extracted, file) == "Q&#8217;s")
    #expect(originalBytes(of: "[no link]", in: extracted, file) == "\\[no link\\]")
  }

  @Test func tableCellsAreSegmentsAndTheDelimiterRowIsNot() throws {
    let markdown = "| A | B \\| C |\n|:--|--:|\n| Double-**Eight** | x |\n"
    let (extracted, file) = try readerExtract(MarkdownReader.self, markdown)
    #expect(segmentTexts(extracted) == ["A", "B | C", "Double-Eight", "x"])
    #expect(file.text(extracted.segments[2].originalRange) == "Double-**Eight**")
  }

  /// Random documents from snippets: copied bytes are the original bytes, and reading never
  /// fails or crashes.
  @Test func randomDocumentsMapCopiedBytesExactly() throws {
    let snippets = [
      "# Heading\n", "Double-**Eight** Strategy", "`code`", "``a`b``", " ", "\n", "\n\n", "\r\n",
      "> ", "- ", "1. ", "    ", "\t", "*", "_", "~~", "[link](u \"t\")", "![alt](i)", "<b>",
      "</b>", "<!-- c -->", "&amp;", "&rsquo;", "&#x2019;", "\\*", "https://x.org/a ",
      "| a | b |\n",
      "|---|---|\n", "```\n", "~~~\n", "<div>\n", "===\n", "---\n", "八八战略", "é", "[r]: /u\n",
      "[r]", "text ",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for _ in 0..<300 {
      var document = ""
      for _ in 0..<(5 + next(40)) { document += snippets[next(snippets.count)] }
      let (extracted, file) = try readerExtract(MarkdownReader.self, document)
      expectCopiedBytesMatch(extracted, file)
      for segment in extracted.segments {
        #expect(segment.range.upperBound <= extracted.bytes.count)
        #expect(segment.originalRange.end <= file.bytes.count)
      }
    }
  }

  @Test func extractCommandPrintsSegmentsAsJSON() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.md", "# Title\n\nThe Double-**Eight**\nStrategy.\n")
    let output = try CLI.run(["extract", "--json", path])
    #expect(output.status == 0)
    let json = try CLI.json(output)
    let files = try #require(json["files"] as? [[String: Any]])
    let segments = try #require(files.first?["segments"] as? [[String: Any]])
    #expect(segments.map { $0["text"] as? String } == ["Title", "The Double-Eight\nStrategy."])
    let range = try #require(segments.last?["range"] as? [String: [String: Int]])
    #expect(range["start"]?["line"] == 3 && range["start"]?["column"] == 1)
    #expect(range["end"]?["line"] == 4 && range["end"]?["column"] == 10)
    let text = try CLI.run(["extract", "--as", "text", path])
    #expect(text.stdout.contains("(text, 1 segment)"))
    #expect(text.stdout.contains("| The Double-**Eight**"))
  }
}

/// Extraction speed on generated files: run with TERMLINT_READER_BENCH=1 (prints MB/s).
@Suite struct TextReaderBenchmark {
  static let enabled = ProcessInfo.processInfo.environment["TERMLINT_READER_BENCH"] != nil

  func measure(_ reader: any FormatReader.Type, _ name: String, _ unit: String, megabytes: Int)
    throws
  {
    var text = ""
    var number = 0
    while text.utf8.count < megabytes << 20 {
      number += 1
      text += unit.replacingOccurrences(of: "NUMBER", with: String(number))
    }
    let file = try SourceFile(path: name, bytes: Array(text.utf8))
    let clock = ContinuousClock()
    var best = Duration.seconds(1000)
    var segments = 0
    for _ in 0..<3 {
      let elapsed = try clock.measure { segments = try reader.extract(file).segments.count }
      best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    let rate = Double(file.bytes.count) / 1_048_576 / seconds
    print("\(name): \(file.bytes.count) bytes, \(segments) segments, \(seconds) s, \(rate) MB/s")
  }

  @Test(.enabled(if: enabled)) func markdownAndPOSpeed() throws {
    let markdown = """
      ## Section NUMBER

      The *Double-Eight Strategy* (八八战略) was set out in 2003; see [the summary](https://x.org/NUMBER "t") \
      and `code NUMBER` &mdash; the province&rsquo;s advantages.
      Second line with **strong** text, snake_case and 5 * 3.

      - item with a [ref] link
      - item two

      ```
      Eight-Eight Strategy
      ```

      | Term | Rendering |
      |---|---|
      | 八八战略 | Double-Eight Strategy |

      [ref]: /url

      """
    let po = """
      #: src/file.c:NUMBER
      #, c-format
      msgctxt "ctx NUMBER"
      msgid "八八战略 NUMBER"
      msgstr "The Double-"
      "Eight Strategy \\"NUMBER\\"\\n"


      """
    try measure(MarkdownReader.self, "bench.md", markdown, megabytes: 16)
    try measure(POReader.self, "bench.po", po, megabytes: 16)
  }
}

extension MarkdownReaderTests {
  /// Inputs that a naive CommonMark parser takes quadratic time on read in linear time.
  @Test func pathologicalInputsStayFast() throws {
    let n = 20000
    let documents = [
      String(repeating: "a <![CDATA[ b ", count: n), String(repeating: "a <!X b ", count: n),
      String(repeating: "a <? b ", count: n), String(repeating: "<!-- a ", count: n),
      String(repeating: "[a", count: n) + " " + String(repeating: "[b](c)", count: n),
      String(repeating: "[", count: n) + "x" + String(repeating: "]", count: n),
      (0..<1000).map { String(repeating: "  ", count: $0) + "- x\n" }.joined(),
      (0..<n).map { String(repeating: "`", count: $0 % 200 + 1) }.joined(separator: " "),
      String(repeating: "**a ", count: n) + String(repeating: "b**", count: n),
    ]
    let clock = ContinuousClock()
    for document in documents {
      let elapsed = try clock.measure { _ = try readerExtract(MarkdownReader.self, document) }
      #expect(elapsed < .seconds(10), "\(document.prefix(20))…")
    }
  }
}
