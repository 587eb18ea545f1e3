import Foundation
import Testing

@testable import TermLint

@Suite struct GlossaryLoaderTests {
  func loadError(_ yaml: String) -> TermLintError? {
    do {
      _ = try GlossaryLoader.load(yaml: yaml, path: "g.yml")
      return nil
    } catch {
      return error
    }
  }

  @Test func minimalShapeLoads() throws {
    let glossary = try GlossaryLoader.load(
      yaml: """
        terms:
          - preferred: Double-Eight Strategy
            source: 八八战略
            variants: [88th Strategy, Eighth Eighth Strategy]
        """, path: "g.yml")
    #expect(glossary.terms.count == 1)
    #expect(glossary.terms[0].id == "double-eight-strategy")
    #expect(glossary.terms[0].variants.map(\.text) == ["88th Strategy", "Eighth Eighth Strategy"])
    #expect(glossary.terms[0].location == SourceLocation(path: "g.yml", line: 2, column: 5))
  }

  @Test func fullShapeLoads() throws {
    let glossary = try GlossaryLoader.load(
      yaml: """
        name: Test
        source_language: zh-Hans
        target_language: en
        terms:
          - id: chinese-modernization
            source: 中国式现代化
            source_forms: [中国式的现代化, 中国式现代化]
            preferred: Chinese modernization
            accepted: [Chinese path to modernization]
            variants:
              - text: Chinese-style modernization
                note: official until October 2022
            case: any
            match_case: false
            note: A note.
            reference: https://example.org
            examples:
              flag: [Chinese-style modernization]
              pass: [Chinese modernization]
        """, path: "g.yml")
    let term = glossary.terms[0]
    #expect(glossary.name == "Test")
    #expect(term.casePolicy == .any)
    #expect(term.variants[0].note == "official until October 2022")
    #expect(term.flagExamples == ["Chinese-style modernization"])
    #expect(term.reference == "https://example.org")
    #expect(term.otherSourceForms.map(\.text) == ["中国式的现代化", "中国式现代化"])
    #expect(term.otherSourceForms[0].location == SourceLocation(path: "g.yml", line: 7, column: 20))
    #expect(term.sourceForms == ["中国式现代化", "中国式的现代化"])
  }

  @Test func sourceFormsStartWithTheSource() {
    let term = Term(
      id: "a", source: "两会", otherSourceForms: [Form(text: "全国两会"), Form(text: "两会")],
      preferred: nil)
    #expect(term.sourceForms == ["两会", "全国两会"])
    #expect(Term(id: "b", preferred: nil).sourceForms == [])
    #expect(Term(id: "c", otherSourceForms: [Form(text: "甲")], preferred: nil).sourceForms == ["甲"])
  }

  @Test(arguments: [
    (
      "terms:\n  - preferred: X\n    variant: [Y]\n",
      "g.yml:3:5: unknown key 'variant' in a term; did you mean 'variants'?"
    ),
    ("terms:\n  - preferred: [X]\n", "g.yml:2:16: 'preferred' must be a string, found a list"),
    ("terms:\n  - source: 八八战略\n", "g.yml:2:5: a term needs 'preferred:'"),
    (
      "terms:\n  - preferred: X\n    source_forms: 十九大\n",
      "g.yml:3:19: 'source_forms' must be a list"
    ),
    (
      "terms:\n  - preferred: X\n    source_forms: [十九大, [a]]\n",
      "g.yml:3:25: an item of 'source_forms' must be a string, found a list"
    ),
    (
      "terms:\n  - preferred: X\n    source_form: [十九大]\n",
      "g.yml:3:5: unknown key 'source_form' in a term; did you mean 'source_forms'?"
    ),
    ("terms:\n  - preferred: X\n    id: Bad_ID\n", "g.yml:3:9: 'id' must be kebab-case"),
    (
      "terms:\n  - preferred: X\n    case: upper\n",
      "g.yml:3:11: 'case' must be one of standard, exact, any"
    ),
    (
      "terms:\n  - preferred: X\n    match_case: maybe\n",
      "g.yml:3:17: 'match_case' must be true or false"
    ),
    ("terms:\n  - preferred: X\n    preferred: Y\n", "g.yml:2:5: duplicate key 'preferred'"),
    ("terms:\n  - preferred: \"X\n", "g.yml:3:1: invalid YAML"),
    ("terms: [\n", "g.yml:2:1: invalid YAML"),
    ("name: x\n", "g.yml:1:1: the glossary has no 'terms:' list"),
    (
      "terms:\n  - preferred: null\n",
      "g.yml:2:5: a term with no preferred form needs 'accepted' or 'variants'"
    ),
    (
      "terms:\n  - preferred: X\n    examples: {fail: [a]}\n",
      "g.yml:3:16: unknown key 'fail' in 'examples'"
    ),
    (
      "terms:\n  - preferred: X\n    variants:\n      - {note: n}\n",
      "g.yml:4:9: an item of 'variants' written as a mapping needs 'text:'"
    ),
    ("- a\n- b\n", "g.yml:1:1: the glossary must be a mapping"),
    (
      "terms:\n  - preferred: X\n    contained_in: X Office\n",
      "g.yml:3:19: 'contained_in' must be a list"
    ),
    (
      "terms:\n  - preferred: X\n    contained_in: [X Office, \"\"]\n",
      "g.yml:3:30: an item of 'contained_in' must not be empty"
    ),
    (
      "terms:\n  - preferred: X\n    contained_in: [{text: X Office}]\n",
      "g.yml:3:20: an item of 'contained_in' must be"
    ),
    (
      "terms:\n  - preferred: X\n    contianed_in: [X Office]\n",
      "g.yml:3:5: unknown key 'contianed_in' in a term; did you mean 'contained_in'?"
    ),
  ])
  func malformedGlossariesPointAtTheProblem(yaml: String, expected: String) {
    let error = loadError(yaml)
    #expect(error?.kind == .glossary)
    #expect(error?.description.hasPrefix(expected) == true, "got: \(String(describing: error))")
  }

  @Test func emptyGlossaryIsAnError() {
    #expect(loadError("")?.description == "g.yml: the glossary is empty; it needs a 'terms:' list")
  }

  @Test func bundledDictionariesLoadAndHaveUniqueIDs() throws {
    let glossaries = try GlossarySet.bundled()
    #expect(!glossaries.isEmpty)
    let ids = glossaries.flatMap(\.terms).map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(glossaries.allSatisfy { $0.path.hasPrefix("<builtin>/") })
  }

  @Test func everyDictionaryFileIsBundled() throws {
    let root = Fixtures.packageRoot.appendingPathComponent("dictionaries")
    let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
    let onDisk = enumerator.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
    #expect(BundledDictionaries.paths == onDisk)
  }

  /// Every bundled concept's examples behave as stated: `flag` text gets a finding for
  /// that concept, `pass` text gets none.
  @Test func bundledExamplesBehaveAsStated() throws {
    let linter = try makeLinter("", builtin: true)
    var failures: [String] = []
    for term in linter.glossary.terms {
      for example in term.flagExamples {
        let found = try lint(example, with: linter).filter { $0.term?.id == term.id }
        if found.isEmpty { failures.append("\(term.id): not flagged: \(example)") }
      }
      for example in term.passExamples {
        let found = try lint(example, with: linter).filter { $0.term?.id == term.id }
        if !found.isEmpty {
          failures.append("\(term.id): flagged: \(example) (\(found[0].message))")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// Each rule's own examples, with the bundled dictionaries: every marked span of a flag
  /// example is a finding of the rule there (with the stated fix), and it is the rule's only
  /// finding; a pass example gives the rule nothing.
  @Test(arguments: RuleRegistry.all.map(\.id))
  func ruleExamples(id: String) throws {
    let rule = try #require(RuleRegistry.description(id: id))
    // Every rule on, opt-in ones too, at its default severity.
    let bundled = try makeLinter("", builtin: true)
    let linter = Linter(
      glossary: bundled.glossary,
      severities: Dictionary(
        uniqueKeysWithValues: RuleRegistry.all.map { ($0.id, $0.defaultSeverity) }))
    #expect(!rule.flagExamples.isEmpty && !rule.passExamples.isEmpty)
    for marked in rule.flagExamples {
      let example = MarkedExample(marked)
      #expect(!example.spans.isEmpty, "flag example without ⟦markers⟧: \(marked)")
      let found = try lint(example.text, as: rule.exampleFormat, with: linter).filter {
        $0.reports(rule: id)
      }
      #expect(
        found.map(\.range) == example.spans.map(\.range),
        "\(id) should flag exactly the marked spans: \(marked); found \(found.map(\.matched))")
      for (span, diagnostic) in zip(example.spans, found) {
        if let fix = span.fix {
          #expect(diagnostic.fix?.edits.map(\.replacement) == [fix], "fix of \(marked)")
        }
      }
    }
    for example in rule.passExamples {
      #expect(
        try !lint(example, as: rule.exampleFormat, with: linter).contains { $0.reports(rule: id) },
        "should pass: \(example)")
    }
  }

  @Test func markedExamplesParse() {
    let example = MarkedExample("the ⟦88th Strategy→Double-Eight Strategy⟧ and ⟦中文⟧.")
    #expect(example.text == "the 88th Strategy and 中文.")
    #expect(
      example.spans == [
        .init(range: TextRange(start: 4, end: 17), fix: "Double-Eight Strategy"),
        .init(range: TextRange(start: 22, end: 28), fix: nil),
      ])
    // An unbalanced marker stays in the text: the example cannot pass unnoticed.
    #expect(MarkedExample("the ⟦88th Strategy").text == "the 88th Strategy")
    #expect(MarkedExample("the ⟦88th Strategy").spans.isEmpty)
  }

}

/// The bundled dictionaries are compiled at build time (`GlossaryCodec`): what the binary
/// decodes must be exactly what the YAML on disk loads to.
@Suite struct GlossaryCodecTests {
  @Test func theBundledDictionariesEqualTheirYAML() throws {
    let root = Fixtures.packageRoot.appendingPathComponent("dictionaries")
    let fromYAML = try BundledDictionaries.paths.map { path in
      let text = try String(
        contentsOf: root.appendingPathComponent(path), encoding: .utf8)
      return try GlossaryLoader.load(yaml: text, path: "<builtin>/" + path)
    }
    let bundled = try GlossarySet.bundled()
    #expect(bundled.count == fromYAML.count)
    for (decoded, loaded) in zip(bundled, fromYAML) {
      #expect(decoded == loaded, "\(loaded.path)")
    }
  }

  @Test func everyFieldRoundTrips() throws {
    let here = SourceLocation(path: "g.yml", line: 3, column: 7)
    var glossary = Glossary(
      name: "g", path: "g.yml", sourceLanguage: "zh", targetLanguage: nil,
      terms: [
        Term(
          id: "a", source: "甲",
          otherSourceForms: [Form(text: "甲乙", location: here), Form(text: "乙", note: "short")],
          preferred: Form(text: "A Term", location: here),
          accepted: [Form(text: "", note: "empty text", location: nil)],
          variants: [Form(text: "A-Term", note: "", location: here)], casePolicy: .exact,
          matchCase: true, note: "n", reference: "https://example.org/a", fixApplicability: .unsafe,
          flagExamples: ["the A-Term"], passExamples: [], location: here, glossaryName: "g"),
        Term(
          id: "b", preferred: nil, variants: [Form(text: "B")], casePolicy: .any,
          fixApplicability: .displayOnly, glossaryName: ""),
      ])
    glossary.terms[0].singularOnly = true
    glossary.terms[0].quotesOptional = true
    glossary.terms[0].containedIn = [
      Form(text: "Jiaxing A Term Committee", location: here), Form(text: "A Term Office"),
    ]
    let text = try GlossaryCodec.encode([glossary, Glossary(name: "e", path: "g.yml", terms: [])])
    let decoded = try #require(GlossaryCodec.decode(text))
    #expect(decoded == [glossary, Glossary(name: "e", path: "g.yml", terms: [])])
  }

  @Test func aDamagedTextIsRefused() throws {
    let text = try GlossaryCodec.encode([
      Glossary(name: "g", path: "g.yml", terms: [Term(id: "a", preferred: Form(text: "A"))])
    ])
    #expect(GlossaryCodec.decode(text) != nil)
    #expect(GlossaryCodec.decode(String(text.dropLast(3))) == nil)
    #expect(GlossaryCodec.decode(text + "\u{1F}extra") == nil)
    #expect(
      GlossaryCodec.decode(text.replacingOccurrences(of: "glossaries-5", with: "glossaries-4"))
        == nil)
    #expect(GlossaryCodec.decode("") == nil)
  }

  @Test func stringsHoldingTheMarksAreNotEncoded() {
    for bad in ["a\u{1F}b", "\u{1E}"] {
      #expect(throws: GlossaryCodec.EncodingError.self) {
        try GlossaryCodec.encode([
          Glossary(name: "g", path: "g.yml", terms: [Term(id: "a", preferred: Form(text: bad))])
        ])
      }
    }
  }
}
