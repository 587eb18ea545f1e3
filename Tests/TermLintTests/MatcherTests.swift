import Foundation
import Testing

@testable import TermLint

@Suite struct MatcherTests {
  /// Lints marked text and checks every marked span is reported by `rule`, and nothing else
  /// (`inconsistent`, which groups the matches, is off: InconsistencyTests covers it).
  func expectFindings(
    _ marked: String, rule: String = "variant",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let input = MarkedText(marked)
    let found = try lint(input.text, with: makeLinter(off: ["inconsistent"]))
    #expect(
      found.map(\.range) == input.spans, "in \(input.text.debugDescription)",
      sourceLocation: sourceLocation)
    #expect(found.allSatisfy { $0.rule == rule }, sourceLocation: sourceLocation)
  }

  @Test func findsVariantsOnWordBoundaries() throws {
    try expectFindings("the ⟦88th Strategy⟧ and the ⟦Eight-Eight Strategy⟧.")
    try expectFindings("the 188th Strategy, the 88th Strategyx, X88th Strategy")
    try expectFindings("⟦eighth eighth strategy⟧")
  }

  @Test func acceptedFormsAndCorrectPreferredPass() throws {
    try expectFindings(
      "the Double Eight Strategy and the Double-Eight Strategy; DOUBLE-EIGHT STRATEGY")
  }

  @Test func leftmostLongestWins() throws {
    // "One Belt, One Road" is longer than "One Belt One Road"'s prefix; both are variants.
    try expectFindings("⟦One Belt, One Road⟧ and ⟦One Belt One Road⟧ and One Belt")
  }

  @Test func matchesAcrossLineBreaksAndOddSpaces() throws {
    try expectFindings(
      "the ⟦Eighth\nEighth Strategy⟧ and ⟦88th\u{00A0}Strategy⟧ and ⟦88th\r\n  Strategy⟧")
  }

  @Test func formRuleFlagsCaseDashWidthAndSpacing() throws {
    try expectFindings("the ⟦double-eight strategy⟧", rule: "form")
    try expectFindings("the ⟦Double–Eight Strategy⟧", rule: "form")
    try expectFindings("the ⟦Double - Eight Strategy⟧", rule: "form")
    try expectFindings("the ⟦Ｄｏｕｂｌｅ-Eight Strategy⟧", rule: "form")
    try expectFindings("the ⟦Belt And Road initiative⟧", rule: "form")
  }

  @Test func lineWrappedPreferredTermIsNotAFinding() throws {
    try expectFindings("the Double-Eight\nStrategy and the Double-Eight\r\n    Strategy")
  }

  @Test func formFixKeepsTheLineBreak() throws {
    let found = try lint("the double-eight\n  strategy", with: makeLinter())
    #expect(found.count == 1)
    #expect(found.first?.replacement == "Double-Eight\n  Strategy")
  }

  @Test func casePolicies() throws {
    let yaml = """
      terms:
        - {id: a, preferred: common prosperity, case: any}
        - {id: b, preferred: Fengqiao Experience, case: exact}
        - {id: c, preferred: Two Sessions, match_case: true, variants: [Two Meetings]}
      """
    let linter = try makeLinter(yaml)
    #expect(try lint("Common Prosperity and COMMON PROSPERITY", with: linter).isEmpty)
    #expect(try lint("FENGQIAO EXPERIENCE", with: linter).map(\.rule) == ["form"])
    #expect(try lint("Fengqiao Experience", with: linter).isEmpty)
    // match_case: lowercase "two meetings" is ordinary English.
    #expect(try lint("we had two meetings", with: linter).isEmpty)
    #expect(try lint("the Two Meetings opened", with: linter).map(\.rule) == ["variant"])
  }

  @Test func laterGlossaryReplacesTermWithSameID() throws {
    let house = try GlossaryLoader.load(
      yaml: """
        terms:
          - id: double-eight-strategy
            source: 八八战略
            preferred: Eight-Eight Strategy
            variants: [Double-Eight Strategy]
        """, path: "house.yml")
    let base = try GlossaryLoader.load(yaml: Fixtures.doubleEight, path: "base.yml")
    let linter = Linter(
      glossary: CompiledGlossary(glossaries: [base, house]),
      severities: Configuration(root: ".").severities)
    let found = try lint("the Double-Eight Strategy and the Eight-Eight Strategy", with: linter)
      .filter { $0.rule != "inconsistent" }
    #expect(found.map(\.matched) == ["Double-Eight Strategy"])
    #expect(found.first?.replacement == "Eight-Eight Strategy")
  }

  @Test func conceptWithoutPreferredIsReportedWithoutFix() throws {
    let linter = try makeLinter(
      """
      terms:
        - id: che-di-jian-shi
          source: 撤地建市
          preferred: null
          variants: [withdrawal of land and establishment of the city]
      """)
    let found = try lint("Jiaxing's withdrawal of land and establishment of the city", with: linter)
    #expect(found.count == 1)
    #expect(found.first?.fix == nil)
    #expect(found.first?.message.contains("no authoritative English") == true)
  }

  @Test func costDoesNotDependOnTermCountForCorrectness() throws {
    // 5,000 generated terms plus the real one: the real finding is still exact.
    var yaml = "terms:\n"
    for index in 0..<5000 {
      yaml +=
        "  - {id: t\(index), preferred: Term Number \(index) Alpha, variants: [Term No \(index) Alpha]}\n"
    }
    yaml += "  - {id: d, preferred: Double-Eight Strategy, variants: [88th Strategy]}\n"
    let linter = try makeLinter(yaml)
    let found = try lint("see Term No 4999 Alpha and the 88th Strategy", with: linter)
    #expect(found.map(\.matched) == ["Term No 4999 Alpha", "88th Strategy"])
  }
}

/// The derived forms that break offsets: every flagged example must still be found, at the
/// right original bytes, after these transformations (SwiftLint-style example reruns).
@Suite struct DerivedFormTests {
  @Test(arguments: ["88th Strategy", "Eighth Eighth Strategy", "Eight-Eight Strategy"])
  func variantsSurviveDerivedForms(variant: String) throws {
    // The derived forms put Chinese before the text: `untranslated` would report it.
    let linter = try makeLinter(off: textRuleIDs)
    for (name, transform) in DerivedForms.transformations {
      let text = transform("Café the “\(variant)” was implemented in Jiāxīng")
      let found = try lint(text, with: linter)
      #expect(found.count == 1, "\(name)")
      guard let finding = found.first else { continue }
      let bytes = Array(text.utf8)
      #expect(
        String(decoding: bytes[finding.range.start..<finding.range.end], as: UTF8.self)
          == finding.matched)
      #expect(ICU.normalize(finding.matched, .nfc) == variant, "\(name)")
      #expect(finding.replacement == "Double-Eight Strategy")
    }
  }

  @Test func fullwidthAndLineBrokenVariants() throws {
    let linter = try makeLinter()
    let fullwidth = "the ８８ｔｈ　Ｓｔｒａｔｅｇｙ here"
    let found = try lint(fullwidth, with: linter)
    #expect(found.map(\.matched) == ["８８ｔｈ　Ｓｔｒａｔｅｇｙ"])
    let broken = "implement the Eighth\r\nEighth\n   Strategy now"
    let found2 = try lint(broken, with: linter)
    #expect(found2.map(\.matched) == ["Eighth\r\nEighth\n   Strategy"])
    #expect(found2.first?.start == SourcePosition(line: 1, column: 15))
    #expect(found2.first?.end == SourcePosition(line: 3, column: 12))
  }

  @Test func positionsAfterBOMAndCRLF() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("first\r\n“八”x the 88th Strategy\r\n".utf8)
    let file = try SourceFile(path: "f", bytes: bytes)
    let found = try makeLinter(off: textRuleIDs).lint(file)
    #expect(found.count == 1)
    #expect(found.first?.start == SourcePosition(line: 2, column: 10))
    #expect(found.first?.range.start == 3 + 7 + 3 + 3 + 3 + 1 + 5)
  }
}
