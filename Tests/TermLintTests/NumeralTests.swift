import Foundation
import Testing

@testable import TermLint

@Suite struct NumberReaderTests {

  @Test(arguments: [
    ("Eight-Eight", "88", true), ("Eighth Eighth", "88", true), ("88th", "88", false),
    ("Double-Eight", "88", true), ("double 8", "88", true), ("Twin Eight", "88", true),
    ("Two", "2", false), ("3", "3", false), ("eighty-eight", "88", false),
    ("eighty eight", "88", false), ("twenty-eighth", "28", false),
    ("one hundred twenty", "120", false), ("8 8", "88", true), ("008", "8", false),
    ("８８", "88", false), ("Eight-8", "88", true), ("eight\neight", "88", true),
    ("1st", "1", false), ("Thirteenth Five", "135", true),
  ])
  func readsNumbers(text: String, value: String, byDigits: Bool) throws {
    let found = try #require(readNumber(text), "\(text)")
    #expect(found.0 == value, "\(text)")
    #expect(found.1 == byDigits, "\(text)")
  }

  @Test(arguments: ["hundred", "double", "twin", "tent", "88s", "g20", "Double Cross", "once"])
  func wordsThatAreNotNumbers(text: String) {
    #expect(readNumber(text) == nil, "\(text)")
  }

  /// A known limit, documented: a fraction is read digit by digit like "Eight-Eighth".
  @Test func fractionsAreReadDigitByDigit() {
    #expect(readNumber("one-third")?.0 == "13")
  }

  @Test func aHyphenNextToANumberIsPartOfIt() {
    var folder = Folder()
    var reader = NumberReader()
    #expect(
      reader.keyTokens(of: folder.fold("8-point rules")).map(\.key) == [
        Array("#8".utf8), Array("point".utf8), Array("rules".utf8),
      ])
    #expect(
      reader.keyTokens(of: folder.fold("Eight Point Regulations")).map(\.key)
        == reader.keyTokens(of: folder.fold("eight-point regulations")).map(\.key))
    #expect(
      reader.keyTokens(of: folder.fold("Belt-and-Road")).map(\.key) == [
        Array("belt".utf8), Array("-".utf8), Array("and".utf8), Array("-".utf8),
        Array("road".utf8),
      ])
  }

  @Test func numberWordsComeFromICU() {
    let words = Set(NumberWords.english.words)
    for word in ["zero", "eight", "eighth", "eighty", "ninety", "hundred", "thousand", "second"] {
      #expect(words.contains(word), "\(word)")
    }
    #expect(!words.contains("a"))
    #expect(!words.contains("and"))
  }
}

@Suite struct NumeralVariantTests {
  /// Only the preferred form is listed, so every other rendering is a numeral variant.
  static let glossary = """
    terms:
      - id: double-eight-strategy
        source: 八八战略
        preferred: Double-Eight Strategy
      - id: two-sessions
        source: 两会
        preferred: Two Sessions
        match_case: true
      - id: nameless
        source: 无名
        preferred: null
        variants: [Three Nothing Plan]
    """

  func linter() throws -> Linter { try makeLinter(Self.glossary, off: ["inconsistent"]) }

  @Test(arguments: [
    "88 Strategy", "88th Strategy", "Eight-Eight Strategy", "Eighth Eighth Strategy",
    "Eighty-Eight Strategy", "Double 8 Strategy", "Twin-Eight Strategy", "8-8 Strategy",
    "８８ Ｓｔｒａｔｅｇｙ",
  ])
  func unlistedNumberRenderingsAreFlagged(variant: String) throws {
    let found = try lint("implement the \(variant) in depth", with: linter())
    #expect(found.map(\.rule) == ["numeral-variant"], "\(variant)")
    #expect(found.first?.matched == variant)
    #expect(found.first?.replacement == "Double-Eight Strategy")
    #expect(
      found.first?.message
        == "“\(variant)” reads as “Double-Eight Strategy” (八八战略) with its numbers normalized; "
        + "use “Double-Eight Strategy”")
  }

  @Test func digitByDigitReadingsFixOnlyAsUnsafe() throws {
    let linter = try linter()
    #expect(try lint("the 88 Strategy", with: linter).first?.fix?.applicability == .safe)
    #expect(try lint("the Eighty-Eight Strategy", with: linter).first?.fix?.applicability == .safe)
    for text in ["the Eighth Eighth Strategy", "the Double 8 Strategy", "the 8 8 Strategy"] {
      #expect(try lint(text, with: linter).first?.fix?.applicability == .unsafe, "\(text)")
    }
  }

  @Test func theListedFormItselfIsNotAFinding() throws {
    #expect(try lint("the Double-Eight Strategy", with: linter()).isEmpty)
    #expect(
      try lint("the Double Eight Strategy", with: linter()).map(\.rule) == ["numeral-variant"])
  }

  @Test func otherWordsMustMatch() throws {
    let linter = try linter()
    for text in [
      "the 88th birthday", "the 188 Strategy", "the 8 Strategy",
      "Eight Strategy", "the 88, Strategy",
    ] {
      #expect(try lint(text, with: linter).isEmpty, "\(text)")
    }
  }

  @Test func matchCaseAndCapitalisedFormsKeepTheirCase() throws {
    let linter = try linter()
    #expect(try lint("the 2 Sessions opened", with: linter).map(\.rule) == ["numeral-variant"])
    #expect(try lint("we held 2 sessions", with: linter).isEmpty)
    // A capitalised form: "figure 3 represents" is ordinary English.
    let bundled = try makeLinter("", builtin: true, off: ["inconsistent"])
    #expect(try lint("the 3 Represents", with: bundled).map(\.rule) == ["numeral-variant"])
    #expect(try lint("Figure 3 represents the data", with: bundled).isEmpty)
  }

  @Test func conceptsWithoutPreferredAreLeftToInconsistent() throws {
    #expect(try lint("the 3 Nothing Plan", with: linter()).isEmpty)
    let all = try makeLinter(Self.glossary)
    let found = try lint("the Three Nothing Plan and the 3 Nothing Plan", with: all)
    // The first of two equally used renderings is kept; the other is reported, with the
    // kept one as an unsafe fix (there is no authoritative English).
    #expect(found.map(\.rule) == ["variant", "inconsistent"])
    #expect(found.last?.matched == "3 Nothing Plan")
    #expect(found.last?.replacement == "Three Nothing Plan")
    #expect(found.last?.fix?.applicability == .unsafe)
  }

  /// The cases against the bundled dictionaries, false friends included.
  @Test func bundledRequiredCasesAndFalseFriends() throws {
    let linter = try makeLinter("", builtin: true, off: ["inconsistent"])
    let expected: [(String, String, String)] = [
      ("uphold the 2 Establishments", "2 Establishments", "two-establishments"),
      ("officials who broke the 8-point rules", "8-point rules", "eight-point-rules"),
      ("the Eight Point Regulations on frugality", "Eight Point Regulations", "eight-point-rules"),
      ("study the 3 Represents", "3 Represents", "theory-of-three-represents"),
      ("implement the Eight-8 Strategy", "Eight-8 Strategy", "double-eight-strategy"),
    ]
    for (text, matched, id) in expected {
      let found = try lint(text, with: linter)
      #expect(found.map(\.rule) == ["numeral-variant"], "\(text)")
      #expect(found.first?.matched == matched)
      #expect(found.first?.term?.id == id)
    }
    // Listed already: `variant` reports them, not `numeral-variant`.
    #expect(try lint("the 88 Strategy", with: linter).map(\.rule) == ["variant"])
    #expect(try lint("the Eighth Eighth Strategy", with: linter).map(\.rule) == ["variant"])
    for text in [
      "an 8-point plan for the harbour", "the 88th birthday", "three representatives of the county",
      "Figure 3 represents the distribution", "two confirmations of the payment",
      "the double circulation of goods", "the eight-point rules",
    ] {
      #expect(try lint(text, with: linter).isEmpty, "\(text)")
    }
  }

  @Test func derivedForms() throws {
    let linter = try linter()
    try DerivedForms.expect(
      "Café the “Eighth Eighth Strategy” and the 88 Strategy in Jiāxīng", rule: "numeral-variant",
      matched: ["Eighth Eighth Strategy", "88 Strategy"], linter: linter)
    // A line break inside the term, and fullwidth digits.
    try DerivedForms.expect(
      "the Eighth\nEighth Strategy and the ８８\nStrategy", rule: "numeral-variant",
      matched: ["Eighth\nEighth Strategy", "８８\nStrategy"], linter: linter)
    let bundled = try makeLinter("", builtin: true, off: ["inconsistent"])
    try DerivedForms.expect(
      "broke the 8-\npoint rules twice", rule: "numeral-variant", matched: ["8-\npoint rules"],
      linter: bundled)
  }

  @Test func positionsAreOriginalBytes() throws {
    let input = MarkedText("🎉 “⟦８８ Ｓｔｒａｔｅｇｙ⟧” and ⟦Eighth\r\n Eighth Strategy⟧.")
    let found = try lint(input.text, with: linter())
    #expect(found.map(\.range) == input.spans)
    #expect(found.map(\.start.line) == [1, 1])
    #expect(found.last?.end.line == 2)
  }
}

@Suite struct NumeralCaseFastPathTests {
  /// The ASCII fast path of the numeral case check gives what the ICU path gives.
  @Test func asciiWordsEqualTheICUPath() {
    var generator = SystemRandomNumberGenerator()
    let pieces = [
      "Eight", "eight", "8th", "88", "Double", "Strategy", "strategy", "-", " ", "  ", "'s",
      "Three", "Represents", "twenty-first", "Point", "rules", ",", "of", "the", "X1", "a8",
    ]
    for _ in 0..<2000 {
      let count = Int.random(in: 1...8, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(
        separator: Bool.random(using: &generator) ? " " : "")
      #expect(NumeralCase.asciiWords(text) == NumeralCase.icuWords(text), "\(text)")
    }
    #expect(NumeralCase.asciiWords("Ｅｉｇｈｔ") == nil)
  }
}
