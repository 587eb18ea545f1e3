import Foundation
import Testing

@testable import TermLint

/// A concept matches through the plural of its head word; fixes keep the writer's number
/// unless the concept is a singular-only name.
@Suite struct InflectionTests {
  @Test func pluralsOfHeadWords() {
    #expect(Inflection.pluralWord("Strategy") == "Strategies")
    #expect(Inflection.pluralWord("day") == "days")
    #expect(Inflection.pluralWord("Approach") == "Approaches")
    #expect(Inflection.pluralWord("Congress") == nil)
    #expect(Inflection.pluralWord("Represents") == nil)
    #expect(Inflection.pluralWord("CONGRESSMAN") == "CONGRESSMEN")
    #expect(Inflection.pluralWord("Plan") == "Plans")
    #expect(Inflection.plural(of: "Double-Eight Strategy") == "Double-Eight Strategies")
    #expect(Inflection.plural(of: "people's congress") == nil)
    #expect(Inflection.plural(of: "14th Five-Year Plan") == "14th Five-Year Plans")
    #expect(Inflection.plural(of: "“two health”") == nil)
    #expect(Inflection.plural(of: "G20") == nil)
  }

  static let glossary = """
    terms:
      - id: double-eight-strategy
        source: 八八战略
        preferred: Double-Eight Strategy
        variants: [Eight-Eight Strategy, 88th Strategy]
        number: singular
      - id: fyp
        source: 五年规划
        preferred: five-year plan
        variants: [five-year programme]
      - id: sez
        preferred: special economic zone
        variants: [special economic area]
    """

  @Test func variantsMatchInThePluralAndTheFixKeepsTheNumber() throws {
    let linter = try makeLinter(Self.glossary)
    let found = try lint(
      "two special economic areas and the five-year programmes of the province", with: linter)
    #expect(found.map(\.matched) == ["special economic areas", "five-year programmes"])
    #expect(found.map(\.replacement) == ["special economic zones", "five-year plans"])
    // A singular-only name: a plural rendering is fixed to the singular name.
    let name = try lint("the Eight-Eight Strategies of Zhejiang", with: linter)
    #expect(name.map(\.rule) == ["variant"])
    #expect(name.first?.replacement == "Double-Eight Strategy")
    // Numbers read as numbers, in the plural too.
    let numeral = try lint("the 88 Strategies", with: linter)
    #expect(numeral.map(\.rule) == ["numeral-variant"])
  }

  @Test func thePreferredFormInThePluralIsCorrect() throws {
    let linter = try makeLinter(Self.glossary)
    #expect(try lint("the five-year plans and the special economic zones", with: linter).isEmpty)
    let form = try lint("the Five-year Plans", with: linter)
    #expect(form.map(\.rule) == ["form"])
    #expect(form.first?.replacement == "five-year plans")
    // The possessive needs no inflection: the name is matched before its apostrophe.
    let possessive = try lint("the 88th Strategy’s goals", with: linter)
    #expect(possessive.map(\.matched) == ["88th Strategy"])
  }

  @Test func singularAndPluralAreOneRendering() throws {
    let linter = Linter(
      glossary: try makeLinter(Self.glossary).glossary, severities: ["inconsistent": .warning])
    #expect(
      try lint("the five-year plan, then two five-year plans and the five-year plans", with: linter)
        .isEmpty)
  }

  @Test func numberIsCheckedWhenLoaded() throws {
    #expect(throws: TermLintError.self) {
      try GlossaryLoader.load(yaml: "terms:\n  - {preferred: X Y, number: plural}\n", path: "g.yml")
    }
  }
}

extension InflectionTests {
  @Test func aVariantInBothNumbersIsOneRendering() throws {
    let linter = Linter(
      glossary: try makeLinter(Self.glossary).glossary, severities: ["inconsistent": .warning])
    let found = try lint(
      "the Double-Eight Strategy; the 88th Strategy and the 88th Strategies", with: linter)
    #expect(found.count == 2)
    #expect(found.first?.message.contains("written 2 ways") == true)
  }
}
