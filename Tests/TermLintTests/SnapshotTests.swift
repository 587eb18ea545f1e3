import Foundation
import Testing

@testable import TermLint

/// Compares `actual` with the stored file; TERMLINT_UPDATE_SNAPSHOTS=1 rewrites it.
func expectSnapshot(
  _ actual: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
  let path = Fixtures.path(file)
  if ProcessInfo.processInfo.environment["TERMLINT_UPDATE_SNAPSHOTS"] == "1" {
    try actual.write(toFile: path, atomically: true, encoding: .utf8)
    return
  }
  let expected = try String(contentsOfFile: path, encoding: .utf8)
  #expect(
    actual == expected,
    "snapshot \(file) differs; rerun with TERMLINT_UPDATE_SNAPSHOTS=1 to accept",
    sourceLocation: sourceLocation)
}

@Suite struct ReporterSnapshotTests {
  /// The text of the fixed result's one file.
  static let text =
    "88th Strategy opens the line.\r\nA 100% “Eight” Plan and the Eighth\nEighth Strategy\n中文 the double-eight strategy"

  /// One fixed set of findings: a path with spaces and non-ASCII, a matched span with a
  /// line break, quotes and `%`, a finding at column 1 and one at the end of a line.
  static func result() throws -> RunResult {
    let glossary = try GlossaryLoader.load(
      yaml: """
        name: Snapshot glossary
        terms:
          - id: double-eight-strategy
            source: 八八战略
            preferred: Double-Eight Strategy
            variants: [88th Strategy, Eighth Eighth Strategy, "100% \\"Eight\\" Plan"]
            note: A note with "quotes", 100% and a % sign.
            reference: https://example.org/a?b=1&c=%20
        """, path: "snapshot.yml")
    // `inconsistent` is off: the fixture is about how reporters render findings, and its
    // text has one concept in four renderings on purpose; so are the text rules (its 中文
    // is there to be non-ASCII, not to be untranslated).
    let linter = Linter(
      glossary: CompiledGlossary(glossaries: [glossary]),
      severities: Configuration(root: ".").severities.filter {
        $0.key != "inconsistent" && !textRuleIDs.contains($0.key)
      })
    let text = Self.text
    let file = try SourceFile(path: "docs/new folder/报告 1.txt", bytes: Array(text.utf8))
    let diagnostics = try linter.lint(file)
    var result = RunResult()
    result.files = [FileReport(path: file.path, diagnostics: diagnostics, source: file)]
    result.problems = [
      TermLintError(.io, "not valid UTF-8: byte 0xFF at offset 7 (line 2)", path: "bad file.txt")
    ]
    result.skippedBinary = ["image.png"]
    return result
  }

  @Test func json() throws {
    try expectSnapshot(JSONReporter().render(try Self.result()), file: "report.json")
  }

  @Test func text() throws {
    try expectSnapshot(TextReporter(color: false).render(try Self.result()), file: "report.txt")
  }

  @Test func jsonIsValidAndHasTheContractFields() throws {
    let data = Data(JSONReporter().render(try Self.result()).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["version"] as? Int == 1)
    let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 4)
    let keys: Set<String> = [
      "path", "rule", "severity", "message", "line", "column", "end_line", "end_column", "offset",
      "length", "matched", "replacement", "fix", "term",
    ]
    for diagnostic in diagnostics { #expect(keys.isSubset(of: Set(diagnostic.keys))) }
    let text = Self.text
    let bytes = Array(text.utf8)
    for diagnostic in diagnostics {
      let offset = try #require(diagnostic["offset"] as? Int)
      let length = try #require(diagnostic["length"] as? Int)
      #expect(
        String(decoding: bytes[offset..<offset + length], as: UTF8.self) == diagnostic["matched"]
          as? String)
    }
    #expect(diagnostics.first?["column"] as? Int == 1)
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["diagnostics"] as? Int == 4)
  }
}

/// The seeds' expected findings are locked: a change to the dictionary or the matcher
/// that changes them must update `seeds/*.expected` on purpose
/// (TERMLINT_UPDATE_SNAPSHOTS=1 swift test).
@Suite struct SeedTests {
  static let seedsDirectory = Fixtures.packageRoot.appendingPathComponent("seeds")

  static var seedFiles: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)) ?? [])
      .filter { !$0.hasSuffix(".expected") && !$0.hasSuffix(".md") }.sorted()
  }

  static func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { d in
      let replacement = d.replacement.map { " -> \(quoted($0))" } ?? ""
      return
        "\(d.start.line):\(d.start.column) \(d.rule) \(d.term?.id ?? "-") \(quoted(d.matched))\(replacement)"
    }.joined(separator: "\n") + "\n"
  }

  @Test func thereAreSeeds() { #expect(!Self.seedFiles.isEmpty) }

  @Test(arguments: seedFiles)
  func seedFindingsAreLocked(name: String) throws {
    let linter = try makeLinter("", builtin: true)
    let path = Self.seedsDirectory.appendingPathComponent(name).path
    let file = try SourceFile(
      path: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let actual = Self.render(try linter.lint(file))
    let expectedPath = Self.seedsDirectory.appendingPathComponent(
      (name as NSString).deletingPathExtension + ".expected"
    ).path
    if ProcessInfo.processInfo.environment["TERMLINT_UPDATE_SNAPSHOTS"] == "1" {
      try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    #expect(actual == expected)
  }

  @Test func seedHasTheThreeDoubleEightVariants() throws {
    let linter = try makeLinter("", builtin: true)
    let path = Self.seedsDirectory.appendingPathComponent("000_76698df1679eb6cb.txt").path
    let file = try SourceFile(
      path: "seed", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let all = try linter.lint(file).filter { $0.term?.id == "double-eight-strategy" }
    let found = all.filter { $0.rule == "variant" }
    #expect(
      found.map(\.matched) == ["Eight-Eight Strategy", "88th Strategy", "Eighth Eighth Strategy"])
    // One finding per place: what `inconsistent` knows is folded into each as notes.
    #expect(all.count == found.count)
    for diagnostic in found {
      #expect(
        diagnostic.notes.first
          == Note(
            message: "八八战略 is written 3 ways in this file; keep “Double-Eight Strategy”, "
              + "the preferred form", rule: "inconsistent"))
      let related = diagnostic.notes.dropFirst()
      #expect(related.count == 2)
      #expect(related.allSatisfy { $0.message.hasPrefix("also written “") && $0.range != nil })
      #expect(!related.contains { $0.range == diagnostic.range })
    }
    #expect(
      found.map(\.start) == [
        SourcePosition(line: 2, column: 243), SourcePosition(line: 4, column: 174),
        SourcePosition(line: 4, column: 441),
      ])
    #expect(found.allSatisfy { $0.replacement == "Double-Eight Strategy" })
  }
}
