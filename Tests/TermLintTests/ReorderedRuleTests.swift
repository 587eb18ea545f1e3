import Foundation
import Testing

@testable import TermLint

/// `reordered`: the words of a listed rendering in another order, with the bundled
/// dictionaries and the default rules.
@Suite struct ReorderedRuleTests {
  static let linter: Linter? = try? makeLinter("", builtin: true)

  func reordered(_ text: String) throws -> [Diagnostic] {
    let linter = try #require(Self.linter)
    return try lint(text, with: linter).filter { $0.rule == "reordered" }
  }

  /// Real-shaped machine-translation sentences: each marked span is a finding.
  static let mustFlag = [
    "Zhejiang actively participates in the construction of the ⟦Road and Belt Initiative⟧.",
    "This year marks the 20th anniversary of the ⟦Strategy of Double Eight⟧.",
    "Jiaxing strives to become a model of the ⟦Zone of Demonstration for Common Prosperity⟧.",
    "The ⟦Initiative of the Belt and Road⟧ has brought tangible benefits to partner countries.",
    "We will cultivate and practise the ⟦values of the socialist core⟧ among young people.",
    "The premier delivered the ⟦report on the government work⟧ to the deputies.",
    "Cadres must fully apply the ⟦philosophy of new development⟧ in every field.",
    "Projects financed by the ⟦Bank of Asian Infrastructure Investment⟧ were signed.",
    "China put forward the ⟦Initiative of Global Development⟧ in 2021.",
    "Enterprises in Haining joined the ⟦Initiative of the Road and Belt⟧ early.",
    "Two ⟦zones of common prosperity demonstration⟧ were visited by the delegation.",
    "The ⟦Strategy of Double-Eight⟧ has guided Zhejiang for two decades.",
    "Ports along the ⟦Maritime Silk Road of the 21st Century⟧ expanded rapidly.",
    "The ⟦Conference of Central Economic Work⟧ set the tone for next year.",
    "the ⟦Road and Belt Initiative⟧ and the ⟦Strategy of Double Eight⟧ in one sentence.",
  ]

  /// Ordinary prose full of the same words, listed forms, and orders English uses.
  static let mustNot = [
    "The zone's demonstration of prosperity in common areas surprised the visitors.",
    "The belt of the road, an initiative of the county, was widened last spring.",
    "Workers repaired the road and tightened the belt on the initiative of the mayor.",
    "The development of high quality products is a priority for the factory.",
    "They took the initiative on the road to recovery and belt-tightening.",
    "The demonstration in the zone drew a common crowd seeking prosperity.",
    "Eight double rooms were booked for the strategy meeting.",
    "The report on the work of the government was delivered by the premier.",
    "Work on the government report continued late into the night.",
    "The new pattern of development in the region attracted investors.",
    "The development of new philosophy departments was approved by the university.",
    "The core of socialist values was debated at the seminar.",
    "The initiative, the belt and the road were all mentioned in the speech.",
    "Belt and road maintenance is an initiative of the county government.",
    "The common people of the zone saw a demonstration of prosperity.",
    "The Asian bank for infrastructure investment opened a branch.",
    "The five-year plan for the 14th district was published.",
    "Integrated plans for five spheres of life were presented to the council.",
    "A structural reform on the supply side was urged by economists in 2015.",
    "Socialist values at the core of the curriculum were revised.",
    "Prosperity is common in the zone, where the demonstration was held.",
    "The road to prosperity is common to all the zones of the province.",
    "Zhejiang actively participates in the construction of the Belt and Road Initiative.",
    "Zhejiang will build a common prosperity demonstration zone through high-quality development.",
    "The Double-Eight Strategy and the Belt and Road Initiative were both discussed.",
  ]

  @Test(arguments: mustFlag)
  func flags(marked: String) throws {
    let example = MarkedText(marked)
    let found = try reordered(example.text)
    #expect(found.map(\.range) == example.spans, "\(marked): \(found.map(\.matched))")
  }

  @Test(arguments: mustNot)
  func staysQuiet(text: String) throws {
    #expect(try reordered(text).isEmpty, "\(text)")
  }

  @Test func theFixIsThePreferredFormAndUnsafe() throws {
    let found = try reordered("the Road and Belt Initiative.")
    let diagnostic = try #require(found.first)
    #expect(diagnostic.fix?.applicability == .unsafe)
    #expect(diagnostic.replacement == "Belt and Road Initiative")
    #expect(diagnostic.term?.id == "belt-and-road-initiative")
    #expect(diagnostic.message.contains("in another order"))
    // `fix` without --unsafe-fixes leaves it alone.
    #expect(diagnostic.fix?.applicability != .safe)
  }

  @Test func aPluralHeadKeepsItsNumber() throws {
    let found = try reordered("They visited two zones of demonstration for common prosperity.")
    #expect(found.first?.replacement == "demonstration zones for common prosperity")
    // As `variant` does (`CompiledGlossary.preferredText(for:)`), unless the concept is
    // marked `number: singular`, as the bundled Double-Eight Strategy is (a name of one
    // strategy: "Strategies of Double-Eight" is still that one strategy).
    let names = try reordered("the two Strategies of Double-Eight.")
    #expect(names.map(\.matched) == ["Strategies of Double-Eight"])
    #expect(names.first?.replacement == "Double-Eight Strategy")
  }

  @Test func oneSentenceAndOneParagraph() throws {
    #expect(try reordered("the Road and\n\nBelt Initiative.").isEmpty)
    #expect(try reordered("the Road. And Belt Initiative.").isEmpty)
    #expect(try reordered("the Road (and Belt) Initiative.").isEmpty)
    // A line break inside a paragraph is only a space.
    #expect(try reordered("the Road and\nBelt Initiative.").count == 1)
    #expect(try reordered("the Road and\r\nBelt Initiative.").count == 1)
  }

  @Test func offsetsSurviveNonASCIIBefore() throws {
    let example = MarkedText("😀 Ｚｈｅｊｉａｎｇ e\u{301} the ⟦Road and Belt Initiative⟧.")
    #expect(try reordered(example.text).map(\.range) == example.spans)
  }

  @Test func offInConfigurationOrSuppressed() throws {
    let bundled = try #require(Self.linter)
    var severities = bundled.severities
    severities["reordered"] = nil
    let off = Linter(glossary: bundled.glossary, severities: severities)
    #expect(try lint("the Road and Belt Initiative.", with: off).isEmpty)
    let text = "# termlint-disable-next-line reordered\nthe Road and Belt Initiative.\n"
    #expect(try reordered(text).isEmpty)
    #expect(RuleRegistry.description(id: "reordered")?.enabledByDefault == true)
  }

  @Test func aVariantInsideTheWindowSpeaksOnce() throws {
    // “Eight-Eight Strategy” is a listed variant: `variant` reports it, not `reordered`.
    let linter = try #require(Self.linter)
    let found = try lint("the Eight-Eight Strategy.", with: linter)
    #expect(found.map(\.rule) == ["variant"])
  }

  @Test func theIndexIsCheapForTenThousandTerms() throws {
    var terms: [String] = ["terms:"]
    for index in 0..<10_000 {
      terms.append(
        "  - id: t\(index)\n    preferred: Alpha\(index) Beta\(index % 97) Gamma\(index % 13) Zone")
    }
    let glossary = try GlossaryLoader.load(yaml: terms.joined(separator: "\n"), path: "big.yml")
    let compiled = CompiledGlossary(glossaries: [glossary])
    let clock = ContinuousClock()
    var index: ReorderIndex?
    let elapsed = clock.measure { index = ReorderIndex(glossary: compiled) }
    let built = try #require(index)
    #expect(built.shapes.count == 10_000)
    print("ReorderIndex for 10,000 terms: \(elapsed)")
    #expect(elapsed < .seconds(5), "\(elapsed)")
    var folder = Folder()
    let text = folder.fold("the Zone of Alpha42 Beta42 Gamma3 and more.")
    let found = built.matches(in: text, excluding: [])
    #expect(found.count == 1)
    #expect(found.first.map { compiled.entries[$0.entry].termIndex } == 42)
  }

  @Test func lemmasAndHeads() {
    #expect(ReorderIndex.lemma("zones") == "zone")
    #expect(ReorderIndex.lemma("cities") == "city")
    #expect(ReorderIndex.lemma("branches") == "branch")
    #expect(ReorderIndex.lemma("process") == "process")
    #expect(ReorderIndex.lemma("news") == "news")
    #expect(ReorderIndex.lemma("men") == "man")
    #expect(
      ReorderIndex.pluralOfHead("demonstration zone for common prosperity")
        == "demonstration zones for common prosperity")
    #expect(ReorderIndex.pluralOfHead("Belt and Road Initiative") == "Belt and Road Initiatives")
    #expect(ReorderIndex.isRotation([3, 1, 2], of: [1, 2, 3]))
    #expect(!ReorderIndex.isRotation([2, 1, 3], of: [1, 2, 3]))
  }

  /// The bag table's directory finds every key and nothing else, whatever the key count
  /// (one bucket, buckets of several keys, keys at both ends of the range).
  @Test func bagTableFindsExactlyItsKeys() throws {
    var generator = SystemRandomNumberGenerator()
    for count in [0, 1, 2, 3, 7, 100, 5000] {
      var set = Set<UInt64>()
      if count >= 2 { set.formUnion([0, .max]) }
      while set.count < count { set.insert(generator.next()) }
      let keys = set.sorted()
      // Bag i has shapes i and i + 1 (shape count: count + 1).
      let starts: [Int32] = (0...count).map { Int32($0 * 2) }
      var members: [Int32] = []
      for index in 0..<count { members += [Int32(index), Int32(index + 1)] }
      let stored = BagTable(
        keys: FlatTable(keys), start: FlatTable(starts), shapes: FlatTable(members),
        shapeCount: count + 1)
      let table = try #require(stored)
      for (index, key) in keys.enumerated() {
        #expect(table.shapes(of: key).map(Array.init) == [Int32(index), Int32(index + 1)])
        for probe in [key &+ 1, key &- 1] where !set.contains(probe) {
          #expect(table.shapes(of: probe) == nil)
        }
      }
      for _ in 0..<200 {
        let probe = generator.next() as UInt64
        if !set.contains(probe) { #expect(table.shapes(of: probe) == nil) }
      }
    }
  }
}
