import Foundation
import Testing

@testable import TermLint

/// The case policy follows the preferred form: a name's capitals must be kept, a lower-case
/// term must not be title-cased in running text (a sentence's first letter, headings,
/// title-case and all-caps lines follow their own style), and a variant is a variant in any
/// case it is written in.
@Suite struct CasePolicyTests {
  static let glossary = """
    terms:
      - id: common-prosperity
        source: 共同富裕
        preferred: common prosperity
        variants: [common richness]
      - id: pboc
        source: 中国人民银行
        preferred: People's Bank of China
        variants: [China People's Bank]
      - id: cross-border-clearing
        source: 跨境清算设施
        preferred: Cross-Border Clearing Facility
        variants: [NEAR-FIELD CLEARING FACILITY]
    """

  /// (marked text, rule, fix).
  static let flag: [(String, String, String?)] = [
    ("They promote ⟦Common Prosperity⟧ in the region.", "form", "common prosperity"),
    ("the goal of ⟦Common Prosperity⟧ for all is clear.", "form", "common prosperity"),
    ("Zhejiang leads in ⟦Common Prosperity⟧, officials said.", "form", "common prosperity"),
    ("⟦Common Prosperity⟧ is an essential requirement.", "form", "Common prosperity"),
    ("we will advance ⟦COMMON prosperity⟧ step by step.", "form", "common prosperity"),
    ("loans from the ⟦people's bank of China⟧ rose.", "form", "People's Bank of China"),
    ("the ⟦People's bank of China⟧ said on Monday.", "form", "People's Bank of China"),
    ("the ⟦near-field clearing facility⟧ opened", "variant", "Cross-Border Clearing Facility"),
    ("the ⟦Near-Field Clearing Facility⟧ opened", "variant", "Cross-Border Clearing Facility"),
    ("the ⟦NEAR-FIELD CLEARING FACILITY⟧ opened", "variant", "CROSS-BORDER CLEARING FACILITY"),
  ]

  static let pass = [
    "Common prosperity is an essential requirement.",
    "We promote common prosperity for all.",
    "COMMON PROSPERITY FOR ALL",
    "Zhejiang Promotes Common Prosperity",
    "Common Prosperity and the Private Economy",
    "ZHEJIANG PUSHES FOR Common Prosperity",
    "the Common Prosperity Demonstration Zone in Zhejiang",
    "prosperity is common in the delta, and common prosperity is the aim.",
    "the People's Bank of China said on Monday.",
    "THE PEOPLE'S BANK OF CHINA",
    "the Cross-Border Clearing Facility opened",
    "a near-field communication chip and a clearing facility",
  ]

  @Test func caseFollowsThePreferredForm() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    for (marked, rule, fix) in Self.flag {
      let text = MarkedText(marked)
      let found = try lint(text.text, with: linter)
      #expect(found.map(\.rule) == [rule], "\(marked): \(found.map(\.message))")
      #expect(found.map(\.range) == text.spans, "\(marked)")
      #expect(found.first?.fix?.edits.first?.replacement == fix, "\(marked)")
    }
  }

  @Test func headingsAndLineStylesAreNotFindings() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    for text in Self.pass {
      let found = try lint(text, with: linter)
      #expect(found.isEmpty, "\(text): \(found.map(\.message))")
    }
  }

  @Test func aMarkdownHeadingFollowsItsStyle() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    let found = try lint(
      "# Zhejiang Builds Common Prosperity\n\nThey promote Common Prosperity here.\n",
      as: .markdown, with: linter)
    #expect(found.map(\.rule) == ["form"])
    #expect(found.first?.start.line == 3)
  }

  /// A variant that folds to the preferred form is the preferred form in another case: a
  /// `form` finding, not silence.
  @Test func aVariantListedInCapitalsThatIsThePreferredForm() throws {
    let linter = try makeLinter(
      """
      terms:
        - id: near-field
          source: 近场清算设施
          preferred: Near-Field Clearing Facility
          variants: [NEAR-FIELD CLEARING FACILITY]
      """, off: textRuleIDs)
    let found = try lint("we built the near-field clearing facility", with: linter)
    #expect(found.map(\.rule) == ["form"])
    #expect(found.first?.fix?.edits.first?.replacement == "Near-Field Clearing Facility")
  }
}
