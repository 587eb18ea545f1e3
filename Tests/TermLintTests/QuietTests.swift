import Foundation
import Testing

@testable import TermLint

/// Quiet on correct English: typography is not terminology, names keep their form.
@Suite struct QuietTests {
  static let glossary = """
    terms:
      - id: peoples-congress
        source: 人民代表大会
        preferred: people's congress
      - id: double-eight-strategy
        source: 八八战略
        preferred: Double-Eight Strategy
        variants: [Eight-Eight Strategy]
      - id: npc
        source: 全国人民代表大会
        preferred: National People's Congress
    """

  @Test func typographicApostrophesQuotesHyphensAndSpacesAreNoFinding() throws {
    let linter = try makeLinter(Self.glossary)
    for text in [
      "deputies to the National People’s Congress met",
      "deputies to the National People\u{2019}s\u{00A0}Congress met",
      "the Double\u{2011}Eight Strategy",
      "the Double\u{2010}Eight Strategy",
      "the Double-Eight\u{202F}Strategy",
    ] {
      #expect(try lint(text, with: linter).isEmpty, "\(text)")
    }
  }

  @Test func aFormFixKeepsTheWritersTypography() throws {
    let linter = try makeLinter(Self.glossary)
    let found = try lint(
      "the national people’s congress and the double\u{2011}eight strategy", with: linter)
    #expect(found.map(\.rule) == ["form", "form"])
    #expect(
      found.map(\.replacement) == ["National People’s Congress", "Double\u{2011}Eight Strategy"])
    #expect(found[0].message.contains("a different case"))
    #expect(!found[0].message.contains("quotation"))
  }

  @Test func typographyIsAnOptInRuleWithTheGlossarysCharacters() throws {
    let base = try makeLinter(Self.glossary)
    #expect(base.severities["typography"] == nil)
    let linter = Linter(
      glossary: base.glossary, severities: ["typography": .warning, "form": .warning])
    let found = try lint("deputies to the National People’s Congress", with: linter)
    #expect(found.map(\.rule) == ["typography"])
    #expect(found.first?.replacement == "National People's Congress")
    #expect(found.first?.message.contains("different quotation marks") == true)
    // Both at one place: one finding, `form`'s, keeping the writer's apostrophe.
    let both = try lint("the national people’s congress", with: linter)
    #expect(both.map(\.rule) == ["form"])
    #expect(both.first?.notes.map(\.rule) == ["typography"])
    #expect(both.first?.replacement == "National People’s Congress")
  }

  @Test func aTermInsideACapitalisedNameKeepsTheNamesCase() throws {
    let linter = try makeLinter(Self.glossary)
    for text in [
      "the Jiaxing Municipal People’s Congress adopted the plan",
      "the Jiaxing Municipal People's Congress adopted the plan",
      "the People’s Congress Standing Committee of Jiaxing",
    ] {
      #expect(try lint(text, with: linter).filter { $0.rule == "form" }.isEmpty, "\(text)")
    }
    // Not a name: the generic term capitalised in running text is still a finding, and a
    // capitalised term is never lowered because a name stands before it.
    let generic = try lint("deputies of the People's Congress of the city", with: linter)
    #expect(generic.map(\.rule) == ["form"])
    #expect(generic.first?.replacement == "people's congress")
    let lowered = try lint("Zhejiang's double-eight strategy", with: linter)
    #expect(lowered.map(\.rule) == ["form"])
  }
}
