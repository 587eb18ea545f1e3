import Foundation
import Testing

@testable import TermLint

/// The pipeline on extracted text: positions, fixes and bilingual rules through a reader's
/// map (built by hand here, so these tests do not depend on any one reader).
@Suite struct DocumentTests {
  /// Builds an extraction of `original`: `text` pieces are copied, `markup` pieces left
  /// out, `decoded` pieces stand for an escape.
  enum Piece {
    case text(String)
    case markup(String)
    case decoded(String, from: String)
  }

  static func document(
    _ segments: [(pieces: [Piece], source: String?)], escaping: TextEscaping = .xml,
    path: String = "t.xlf"
  ) throws -> Document {
    var original: [UInt8] = []
    var builder = ExtractionBuilder()
    for (pieces, source) in segments {
      var sourceSegment: SourceSegment?
      if let source {
        let start = original.count
        original += Array("<source>\(source)</source>".utf8)
        sourceSegment = SourceSegment(
          text: source, range: TextRange(start: start + 8, end: original.count - 9),
          language: "zh")
      }
      original += Array("<target>".utf8)
      let targetStart = original.count
      for piece in pieces {
        switch piece {
        case .text(let text):
          let start = original.count
          original += Array(text.utf8)
          builder.copy(original, start..<original.count)
        case .markup(let text):
          original += Array(text.utf8)
        case .decoded(let text, let escape):
          let start = original.count
          original += Array(escape.utf8)
          builder.decoded(Array(text.utf8), from: start..<original.count)
        }
      }
      let targetRange = TextRange(start: targetStart, end: original.count)
      if builder.segmentIsEmpty {
        builder.emptySegment(at: targetRange, unit: "u", source: sourceSegment)
      } else {
        builder.closeSegment(
          unit: "u", language: "en", source: sourceSegment, originalRange: targetRange)
      }
      original += Array("</target>\n".utf8)
    }
    let file = try SourceFile(path: path, bytes: original)
    return try Document(file, format: .xliff, extraction: builder.finish(escaping: escaping))
  }

  @Test func findingsPointAtOriginalBytesThroughMarkupAndEntities() throws {
    let linter = try makeLinter()
    let document = try Self.document([
      (
        [
          .text("adhere to the Eight-"), .markup("<b>"), .text("Eight"), .markup("</b>"),
          .text(" Strategy "), .decoded("&", from: "&amp;"), .text(" the 88th Strategy"),
        ], nil
      )
    ])
    let found = linter.lint(document).filter { $0.rule == "variant" }
    #expect(found.map(\.matched) == ["Eight-<b>Eight</b> Strategy", "88th Strategy"])
    // Split by markup: reported, but no fix that would drop the tags.
    #expect(found[0].fix == nil)
    #expect(found[0].notes.contains { $0.message.hasPrefix("no fix offered") })
    #expect(found[1].replacement == "Double-Eight Strategy")
    let bytes = document.original.bytes
    for diagnostic in found {
      #expect(
        String(decoding: bytes[diagnostic.range.start..<diagnostic.range.end], as: UTF8.self)
          == diagnostic.matched)
    }
    #expect(found[1].start == SourcePosition(line: 1, column: 61))
  }

  @Test func fixesAreEscapedForTheFormat() throws {
    let linter = try makeLinter(
      """
      terms:
        - id: rd
          preferred: Reform & Development Commission
          variants: [Reform and Development Committee]
      """)
    let document = try Self.document([([.text("the Reform and Development Committee")], nil)])
    let found = linter.lint(document)
    #expect(found.map(\.rule) == ["variant"])
    #expect(found.first?.fix?.edits.first?.replacement == "Reform &amp; Development Commission")
    // An entity inside the span is rewritten as part of it.
    let entity = try Self.document([
      (
        [.text("the Reform "), .decoded("a", from: "&#97;"), .text("nd Development Committee")], nil
      )
    ])
    let fixed = linter.lint(entity)
    #expect(fixed.first?.matched == "Reform &#97;nd Development Committee")
    #expect(fixed.first?.fix?.edits.first?.replacement == "Reform &amp; Development Commission")
  }

  @Test func noMatchAcrossSegments() throws {
    // (Without the match, “Eighth Eighth” is a repeated word: not what this test is about.)
    let linter = try makeLinter(off: textRuleIDs)
    let document = try Self.document([
      ([.text("the Eighth Eighth")], nil), ([.text("Strategy of the province")], nil),
    ])
    #expect(linter.lint(document).isEmpty)
  }

  @Test func missingTermOnAVariantMergesIntoIt() throws {
    let linter = try makeLinter()
    let document = try Self.document([([.text("adhere to the Eight-Eight Strategy")], "坚持八八戰略")])
    let found = linter.lint(document)
    #expect(found.map(\.rule) == ["variant"])
    let note = try #require(found.first?.notes.first { $0.rule == "missing-term" })
    #expect(note.message == "the source says 八八战略: expected “Double-Eight Strategy”")
  }

  @Test func missingTermOnTheWholeTargetWithTheSourceAsRelatedPlace() throws {
    let linter = try makeLinter()
    let document = try Self.document([
      ([.text("implement the strategy in depth")], "深入实施“八八战略”"),
      ([.text("the Double-Eight Strategy")], "八八战略"),
    ])
    let found = linter.lint(document)
    #expect(found.map(\.rule) == ["missing-term"])
    let finding = try #require(found.first)
    #expect(finding.matched == "implement the strategy in depth")
    #expect(
      finding.message
        == "the source says 八八战略 but the target has no “Double-Eight Strategy” or “Double Eight Strategy”"
    )
    let source = try #require(finding.notes.first)
    #expect(source.message == "the source says 八八战略")
    #expect(source.start == SourcePosition(line: 1, column: 9))
  }

  @Test func emptyOrCopiedTargetsAreUntranslated() throws {
    let linter = try makeLinter()
    let document = try Self.document([
      ([], "八八战略"), ([.text("八八战略")], "八八战略"), ([.text("the Double-Eight Strategy")], "八八战略"),
    ])
    let found = linter.lint(document)
    #expect(found.map(\.rule) == ["untranslated", "untranslated"])
    #expect(found[0].message == "the target of this segment (u) is empty")
    #expect(found[1].message == "the target of this segment (u) is the source text, untranslated")
    #expect(found[1].matched == "八八战略")
  }

  @Test func segmentsInAnotherLanguageAreNotChecked() throws {
    var builder = ExtractionBuilder()
    let text = "the 88th Strategy | the 88th Strategy"
    let bytes = Array(text.utf8)
    builder.copy(bytes, 0..<17)
    builder.closeSegment(language: "fr-FR")
    builder.copy(bytes, 20..<bytes.count)
    builder.closeSegment(language: "en-GB")
    let file = try SourceFile(path: "t.html", bytes: bytes)
    let document = try Document(file, format: .html, extraction: builder.finish(escaping: .html))
    let found = try makeLinter().lint(document).filter { $0.rule == "variant" }
    #expect(found.map(\.range.start) == [24])
  }

  @Test func traditionalSourcesAreReadAsSimplified() {
    #expect(ICU.simplified("八八戰略") == "八八战略")
    #expect(SourceMatcher.key("“八八”　戰略") == Array("八八战略".unicodeScalars))
  }

  @Test func formatsComeFromTheConfigurationThenTheExtension() throws {
    let configuration = try Configuration.parse(
      yaml: "formats: {\"notes/*.txt\": markdown}\ntarget_language: en\n", path: "/p/.lint.yml")
    #expect(configuration.format(for: "/p/notes/a.txt") == .markdown)
    #expect(configuration.format(for: "/p/other/a.txt") == .text)
    #expect(configuration.format(for: "/p/a.XLF") == .xliff)
    #expect(throws: TermLintError.self) {
      try Configuration.parse(yaml: "formats: {\"*.txt\": word}\n", path: "/p/.lint.yml")
    }
  }
}
