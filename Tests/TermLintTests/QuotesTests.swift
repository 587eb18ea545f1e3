import Foundation
import Testing

@testable import TermLint

/// Quotation marks and brackets are not part of a term: a form listed without quotes
/// matches inside them, and with `quotes: optional` a form listed in quotes matches without
/// them. By default (`quotes: required`) a form listed in quotes stays quote-only, as the
/// bundled dictionaries list ordinary-English phrases ("two health").
@Suite struct QuotesTests {
  static let glossary = """
    terms:
      - id: two-healths
        source: 两个健康
        preferred: healthy development of the non-public sector
        variants: ['"two health"', "'two healthy'"]
        case: any
      - id: dual-carbon
        source: 双碳
        preferred: carbon peaking and carbon neutrality goals
        variants: ['"dual carbon" goals', '"double carbon" target']
        quotes: optional
      - id: mass-line
        source: 群众路线
        preferred: mass line
        variants: ['"mass route"', '《mass route line》']
        quotes: optional
      - id: double-eight-strategy
        source: 八八战略
        preferred: Double-Eight Strategy
        variants: [Eight-Eight Strategy]
    """

  /// (marked text, expected replacements in order).
  static let flag: [(String, [String])] = [
    ("serving and promoting ⟦“two health”⟧", ["“healthy development of the non-public sector”"]),
    (
      "promote the ⟦\"two health\"⟧ of private firms",
      ["\"healthy development of the non-public sector\""]
    ),
    ("the ⟦‘two healthy’⟧ work", ["‘healthy development of the non-public sector’"]),
    ("meet the ⟦“dual carbon” goals⟧ by 2060", ["carbon peaking and carbon neutrality goals"]),
    ("meet the ⟦dual carbon goals⟧ by 2060", ["carbon peaking and carbon neutrality goals"]),
    ("the ⟦Dual Carbon Goals⟧ of China", ["carbon peaking and carbon neutrality goals"]),
    ("follow the ⟦“mass route”⟧ in all work", ["“mass line”"]),
    ("follow the ⟦mass route⟧ in all work", ["mass line"]),
    ("follow the (⟦mass route⟧) in all work", ["mass line"]),
    ("study the ⟦mass route line⟧ carefully", ["mass line"]),
    ("the 20th anniversary of the “⟦Eight-Eight Strategy⟧”", ["Double-Eight Strategy"]),
    ("implement the «⟦Eight-Eight Strategy⟧»", ["Double-Eight Strategy"]),
    ("implement the 「⟦Eight-Eight Strategy⟧」", ["Double-Eight Strategy"]),
    ("the (⟦Eight-Eight Strategy⟧) of Zhejiang", ["Double-Eight Strategy"]),
    ("the [⟦Eight-Eight Strategy⟧] of Zhejiang", ["Double-Eight Strategy"]),
  ]

  /// Ordinary prose full of the same words: quote-only variants stay quote-only.
  static let pass = [
    "the two health workers visited the clinic",
    "two health checks a year are enough",
    "the two healthy children played outside",
    "he wrote “two health” on the board",  // quote-only matches only here: see flag
    "we set carbon peaking and carbon neutrality goals",
    "the dual carbon fibre frame",
    "the mass line is the Party's basic working method",
    "the bus took the mass route through town",  // `quotes: optional`: a known false friend
  ]

  @Test func quotedAndUnquotedRenderingsAreFlagged() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    for (marked, replacements) in Self.flag {
      let text = MarkedText(marked)
      let found = try lint(text.text, with: linter).filter { $0.rule == "variant" }
      #expect(found.map(\.range) == text.spans, "\(marked)")
      #expect(
        found.map { $0.fix?.edits.first?.replacement ?? "" } == replacements, "\(marked)")
    }
  }

  @Test func quoteOnlyVariantsStayQuoteOnly() throws {
    let linter = try makeLinter(Self.glossary, off: textRuleIDs)
    let expectedFlagged: Set<String> = [
      "he wrote “two health” on the board", "the bus took the mass route through town",
    ]
    for text in Self.pass {
      let found = try lint(text, with: linter)
      if expectedFlagged.contains(text) {
        #expect(found.map(\.rule) == ["variant"], "\(text)")
      } else {
        #expect(found.isEmpty, "\(text): \(found.map(\.message))")
      }
    }
  }

  /// The bundled dictionaries keep their quote-only variants: none says `quotes: optional`.
  @Test func bundledQuotedVariantsStayQuoteOnly() throws {
    let bundled = try GlossarySet.bundled()
    #expect(bundled.flatMap(\.terms).allSatisfy { !$0.quotesOptional })
    let linter = try makeLinter("", builtin: true, off: textRuleIDs)
    for text in [
      "two health workers", "the four winds blew", "the two firsts of the season",
      "the two meetings were short", "the mass route to the coast",
    ] {
      let found = try lint(text, with: linter)
      #expect(found.isEmpty, "\(text): \(found.map(\.message))")
    }
    for text in [
      "serving and promoting “two health”", "rectify the “four winds” problems",
      "using the “two firsts” to play an exemplary role",
    ] {
      let found = try lint(text, with: linter)
      #expect(found.map(\.rule) == ["variant"], "\(text)")
      // The writer's quotes are kept (“two firsts” has no preferred form: no fix).
      if let fix = found.first?.fix {
        #expect(fix.edits.first?.replacement.first == "“", "\(text)")
      }
    }
  }

  @Test(
    arguments: [
      ("\"two health\"", "two health"),
      ("“Double Eight” Development Strategy", "Double Eight Development Strategy"),
      ("the Party's mass line", nil), ("'two healthy'", "two healthy"),
      ("《mass route line》", "mass route line"),
      ("People’s (Congress)", "People’s Congress"), ("\"\"", nil), ("plain words", nil),
    ] as [(String, String?)])
  func quotesAreLeftOut(form: String, unquoted: String?) {
    #expect(QuoteMarks.unquoted(form) == unquoted, "\(form)")
  }

  @Test func theLoaderChecksTheKey() throws {
    let yaml = """
      terms:
        - preferred: mass line
          variants: ['"mass route"']
          quotes: sometimes
      """
    #expect {
      _ = try GlossaryLoader.load(yaml: yaml, path: "g.yml")
    } throws: { error in
      let text = "\(error)"
      return text.contains("g.yml:4:") && text.contains("'quotes' must be required or optional")
    }
    let optional = try GlossaryLoader.load(
      yaml: yaml.replacingOccurrences(of: "sometimes", with: "optional"), path: "g.yml")
    #expect(optional.terms.first?.quotesOptional == true)
    let required = try GlossaryLoader.load(
      yaml: yaml.replacingOccurrences(of: "sometimes", with: "required"), path: "g.yml")
    #expect(required.terms.first?.quotesOptional == false)
  }

  @Test func glossaryCheckReportsUselessAndHarmfulQuotes() throws {
    let glossary = try GlossaryLoader.load(
      yaml: """
        terms:
          - id: a
            preferred: mass line
            reference: https://example.org/a
            variants: [masses line]
            quotes: optional
          - id: b
            preferred: common prosperity
            reference: https://example.org/b
            variants: ['"mass line"']
            quotes: optional
        """, path: "g.yml")
    let problems = GlossaryChecker.check([glossary])
    #expect(
      problems.map(\.check) == ["redundant-quotes", "unquoted-variant-is-correct-form"],
      "\(problems)")
    #expect(problems.map { $0.location?.line } == [2, 10])
  }
}
