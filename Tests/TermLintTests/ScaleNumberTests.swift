import Foundation
import Testing

@testable import TermLint

/// Numbers with scale words and thousands separators read as their values: "10 million",
/// "ten-million", "10,000,000" and "10 000 000" are all ten million.
@Suite struct ScaleNumberTests {

  @Test(arguments: [
    ("10 million", "10000000"), ("Ten Million", "10000000"), ("ten-million", "10000000"),
    ("10,000,000", "10000000"), ("10 000 000", "10000000"),
    ("10\u{00A0}000\u{00A0}000", "10000000"),
    ("10\u{202F}000", "10000"), ("1 000", "1000"), ("1,000th", "1000"), ("3 thousand", "3000"),
    ("1.5 million", "1500000"), ("2.25 billion", "2250000000"), ("10 Million", "10000000"),
    ("100 thousand", "100000"),
  ])
  func readsScaledAndGroupedNumbers(text: String, value: String) throws {
    let found = try #require(readNumber(text), "\(text)")
    #expect(found.0 == value, "\(text)")
    #expect(!found.1, "\(text) is one number, not digits read one by one")
  }

  /// Separators that are not thousands separators end the number.
  @Test(arguments: [
    ("1,5", "1"), ("10,00", "10"), ("1, 000", "1"), ("2019,2020", "2019"), ("1.5", "1"),
    ("1.5 per cent", "1"), ("1000,000", "1000"), ("1.3333 thousand", "1"),
    ("1.333 thousand", "1333"),
  ])
  func otherSeparatorsEndTheNumber(text: String, value: String) throws {
    let found = try #require(readNumber(text), "\(text)")
    #expect(found.0 == value, "\(text)")
  }

  static let glossary = """
    terms:
      - id: green-rural-revival-program
        source: 千万工程
        preferred: Green Rural Revival Program
        variants: [Ten Million Project]
        match_case: true
      - id: ten-thousand-talents
        source: 万人计划
        preferred: Ten Thousand Talents Program
        variants: [Ten Thousand People Plan]
    """

  /// Real-shaped machine translation of 千万工程 and 万人计划: each must be flagged.
  static let flag = [
    "marking the 20th anniversary of the ⟦10 Million Project⟧ in Zhejiang",
    "the ⟦10,000,000 Project⟧ has transformed thousands of villages",
    "Zhejiang's “⟦10 000 000 Project⟧” won the UN award",
    "the ⟦Ten-Million Project⟧ was launched in 2003",
    "under the ⟦10\u{00A0}Million Project⟧, villages were renovated",
    "experts selected for the ⟦10,000 People Plan⟧",
    "the national ⟦10 Thousand People Plan⟧ supports scientists",
  ]

  /// Ordinary prose full of the same words, and sums of money: none is a name.
  static let pass = [
    "the county invested RMB 10 million in the project",
    "a $10 million project to repair the roads",
    "a RMB 10 Million Project Fund was set up",
    "the $10 Million Project was approved by the board",
    "it spent ¥10 Million Project funds on roads",
    "10 million yuan was spent on the project",
    "the 10 million project budget was cut",
    "a ten million project budget",
    "about 10,000,000 people took part in the project",
    "the 1.5 Million Project was smaller",
    "some 10,000 people joined the plan",
    "the 10,000 people plan to move",
    "Zhejiang launched the Green Rural Revival Program in 2003",
    "the 100 Million Project is another one",
  ]

  @Test func flagsSpelledAndWrittenNumbersAlike() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    for marked in Self.flag {
      let text = MarkedText(marked)
      let found = try lint(text.text, with: linter).filter { $0.rule == "numeral-variant" }
      #expect(found.map(\.range) == text.spans, "\(marked)")
    }
  }

  @Test func sumsOfMoneyAndProseAreNotNames() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    for text in Self.pass {
      let found = try lint(text, with: linter)
      #expect(found.isEmpty, "\(text): \(found.map(\.message))")
    }
  }

  @Test func theFixIsSafeForGroupedNumbers() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    let found = try lint("the 10,000,000 Project", with: linter)
    let fix = try #require(found.first?.fix)
    #expect(fix.edits.first?.replacement == "Green Rural Revival Program")
    #expect(fix.applicability == .safe)
  }

  @Test func theBundledDictionaryReadsScaledNumbers() throws {
    let linter = try makeLinter("", builtin: true, off: textRuleIDs)
    let flagged = try lint("the 20th anniversary of the 10,000,000 Project", with: linter)
    #expect(flagged.map(\.rule) == ["numeral-variant"])
    let amount = try lint("a RMB 10 Million Project Fund", with: linter)
    #expect(amount.isEmpty, "\(amount.map(\.message))")
  }
}
