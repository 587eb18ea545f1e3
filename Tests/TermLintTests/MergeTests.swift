import Foundation
import Testing

@testable import TermLint

/// One finding per place (`FindingMerge`).
@Suite struct MergeTests {
  func finding(_ rule: String, _ start: Int, _ end: Int, fix: String? = nil) -> Finding {
    Finding(
      rule: rule, range: TextRange(start: start, end: end), message: "\(rule) says",
      fix: fix.map {
        Fix(
          edits: [Edit(range: TextRange(start: start, end: end), replacement: $0)],
          applicability: .unsafe)
      }, term: nil)
  }

  @Test func theMostSpecificRuleSpeaksTheOthersAreNotes() {
    let merged = FindingMerge.merge([
      (finding("inconsistent", 4, 17), .warning),
      (finding("form", 4, 17), .info),
      (finding("variant", 4, 17, fix: "Double-Eight Strategy"), .warning),
    ])
    #expect(merged.count == 1)
    let (one, severity) = merged[0]
    #expect(one.rule == "variant")
    #expect(severity == .warning)
    #expect(one.notes.map(\.rule) == ["inconsistent", "form"])
    #expect(one.fix?.edits.first?.replacement == "Double-Eight Strategy")
  }

  /// The rule shown is the one whose severity counts: a rule configured as error speaks
  /// over a more specific one configured as info.
  @Test func theMostSevereSpeaksFirst() {
    let merged = FindingMerge.merge([
      (finding("inconsistent", 4, 17), .error),
      (finding("variant", 4, 17, fix: "Double-Eight Strategy"), .info),
    ])
    #expect(merged.map(\.0.rule) == ["inconsistent"])
    #expect(merged[0].1 == .error)
    #expect(merged[0].0.notes.map(\.rule) == ["variant"])
    // The fix of the same span comes along.
    #expect(merged[0].0.fix?.edits.first?.replacement == "Double-Eight Strategy")
  }

  @Test func aFixComesFromAnotherRuleWhenTheWinnerHasNone() {
    let merged = FindingMerge.merge([
      (finding("variant", 0, 10), .warning),
      (finding("inconsistent", 0, 10, fix: "kept form"), .warning),
    ])
    #expect(merged.map(\.0.rule) == ["variant"])
    #expect(merged[0].0.fix?.edits.first?.replacement == "kept form")
  }

  @Test func separatePlacesAndOtherRulesStayApart() {
    let findings: [(Finding, Severity)] = [
      (finding("variant", 0, 10), .warning),
      (finding("inconsistent", 10, 20), .warning),
      (finding("unused-suppression", 0, 10), .warning),
    ]
    let merged = FindingMerge.merge(findings)
    #expect(merged.map(\.0.rule) == ["variant", "inconsistent", "unused-suppression"])
    #expect(merged.allSatisfy { $0.0.notes.isEmpty })
  }

  @Test func overlappingSpansMergeIntoOne() {
    let merged = FindingMerge.merge([
      (finding("form", 4, 30), .warning),
      (finding("numeral-variant", 10, 20), .warning),
    ])
    #expect(merged.map(\.0.rule) == ["numeral-variant"])
    #expect(merged[0].0.notes.map(\.rule) == ["form"])
  }

  @Test func precedenceIsDocumentedOrder() {
    #expect(
      FindingMerge.precedence.filter { RuleRegistry.description(id: $0) != nil } == [
        "variant", "missing-term", "numeral-variant", "confusable", "reordered", "form",
        "inconsistent", "typography",
      ])
  }

  /// A suppressed rule leaves the other rule's finding at that place standing.
  @Test func suppressionsApplyBeforeTheMerge() throws {
    let linter = try makeLinter()
    let text =
      "the Double-Eight Strategy\n<!-- termlint-disable-next-line variant -->\nthe 88th Strategy\n"
    let found = try lint(text, with: linter)
    #expect(found.map(\.rule) == ["inconsistent"])
    #expect(found.first?.notes.isEmpty == true)
  }

  /// The merged notes reach every report: text, JSON and SARIF (schema-valid elsewhere).
  @Test func reportsShowTheMerge() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", "the 88th Strategy and the Eighth Eighth Strategy\n")
    let text = try CLI.run(["--no-config", path])
    #expect(
      text.stdout.contains(
        "= note: 八八战略 is written 2 ways in this file; keep “Double-Eight Strategy”, "
          + "the preferred form [inconsistent]"))
    #expect(text.stdout.contains("= note: also written “Eighth Eighth Strategy” at 1:27"))
    let json = try CLI.json(try CLI.run(["--no-config", "--format", "json", path]))
    let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 2)
    let notes = try #require(diagnostics[0]["notes"] as? [[String: Any]])
    #expect(notes.map { $0["rule"] as? String } == ["inconsistent", nil])
    #expect(notes[1]["line"] as? Int == 1 && notes[1]["column"] as? Int == 27)
    let sarif = try CLI.run(["--no-config", "--format", "sarif", path])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
    let runs = try #require(object["runs"] as? [[String: Any]])
    let results = try #require(runs.first?["results"] as? [[String: Any]])
    let related = try #require(results.first?["relatedLocations"] as? [[String: Any]])
    #expect(related.count == 2)
    #expect(related[1]["physicalLocation"] != nil)
  }

  /// Findings become diagnostics sorted by place, rule, then message, with every field
  /// moved over and related places given positions; the findings are used up.
  @Test func diagnosticsAreSortedAndCarryEveryField() throws {
    let file = try SourceFile(path: "t.txt", bytes: Array("one two\nthree four\n".utf8))
    var late = finding("variant", 8, 13, fix: "THREE")
    late.unit = "u1"
    late.notes = [Note(message: "see", range: TextRange(start: 14, end: 18))]
    var findings: [(Finding, Severity)] = [
      (late, .warning), (finding("typography", 0, 3), .info), (finding("form", 0, 3), .error),
    ]
    let diagnostics = Linter.diagnostics(&findings, in: file)
    #expect(findings.isEmpty)
    #expect(diagnostics.map(\.rule) == ["form", "typography", "variant"])
    #expect(diagnostics.map(\.severity) == [.error, .info, .warning])
    #expect(diagnostics.map(\.message) == ["form says", "typography says", "variant says"])
    let last = try #require(diagnostics.last)
    #expect(last.matched == "three")
    #expect(last.start == SourcePosition(line: 2, column: 1))
    #expect(last.end == SourcePosition(line: 2, column: 6))
    #expect(last.fix?.edits.first?.replacement == "THREE")
    #expect(last.unit == "u1")
    #expect(last.notes.first?.start == SourcePosition(line: 2, column: 7))
    #expect(diagnostics.first?.fix == nil && diagnostics.first?.unit == nil)
    // Already in order: the same diagnostics.
    var sorted = [(finding("form", 0, 3), Severity.error), (finding("typography", 0, 3), .info)]
    #expect(Linter.diagnostics(&sorted, in: file).map(\.rule) == ["form", "typography"])
  }
}
