import Foundation
import Testing

@testable import TermLint

@Suite struct GlossaryCheckTests {
  /// One broken glossary per defect: the check that must fire and where.
  @Test(arguments: [
    ("duplicate-id.yml", "duplicate-id", 3),
    ("duplicate-concept.yml", "duplicate-concept", 3),
    ("duplicate-source.yml", "duplicate-source", 3),
    ("redundant-source-form.yml", "redundant-source-form", 4),
    ("variant-is-other-preferred.yml", "variant-is-correct-form", 3),
    ("variant-folds-to-own-preferred.yml", "variant-is-correct-form", 5),
    ("preferred-is-variant.yml", "variant-is-correct-form", 2),
    ("duplicate-variant.yml", "duplicate-variant", 3),
    ("useless-accepted.yml", "useless-accepted", 2),
    ("missing-reference.yml", "missing-reference", 2),
    ("example-not-flagged.yml", "example-not-flagged", 2),
    ("example-flagged.yml", "example-flagged", 2),
  ])
  func brokenGlossaryIsCaught(file: String, check: String, line: Int) throws {
    let glossary = try GlossarySet.load(path: Fixtures.path("broken/" + file))
    let problems = GlossaryChecker.check([glossary])
    #expect(problems.map(\.check) == [check], "\(problems)")
    #expect(problems.first?.location?.line == line)
    #expect(problems.first?.location?.path.hasSuffix(file) == true)
  }

  @Test func bundledDictionariesPassTheCheck() throws {
    let problems = GlossaryChecker.check(try GlossarySet.bundled())
    #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
  }

  @Test func checkCommandExitCodes() throws {
    let clean = try CLI.run(["glossary", "check"])
    #expect(clean.status == 0, "\(clean.stdout)")
    #expect(clean.stdout.contains("no problems"))
    let broken = try CLI.run(["glossary", "check", Fixtures.path("broken/duplicate-variant.yml")])
    #expect(broken.status == 1)
    #expect(broken.stdout.contains("duplicate-variant.yml:3:"))
    #expect(broken.stdout.contains("[duplicate-variant]"))
    let schema = try CLI.run(["glossary", "check", Fixtures.path("broken/schema-error.yml")])
    #expect(schema.status == 2)
    #expect(
      schema.stderr.contains(
        "schema-error.yml:4:5: error: unknown key 'prefered' in a term; did you mean 'preferred'?"))
    let yaml = try CLI.run(["glossary", "check", Fixtures.path("broken/malformed-yaml.yml")])
    #expect(yaml.status == 2)
    #expect(yaml.stderr.contains("malformed-yaml.yml:4:1: error: invalid YAML"))
    let warningOnly = try CLI.run([
      "glossary", "check", "--fail-on", "error", Fixtures.path("broken/missing-reference.yml"),
    ])
    #expect(warningOnly.status == 0)
  }

  @Test func singularAndPluralConceptsMayShareTheirSourceForms() throws {
    let glossary = try GlossaryLoader.load(
      yaml: """
        terms:
          - {id: a, source: 全国人大代表, source_forms: [人大代表], preferred: NPC deputy, reference: r}
          - {id: b, source: 全国人大代表, source_forms: [人大代表], preferred: NPC deputies, reference: r}
        """, path: "g.yml")
    #expect(GlossaryChecker.check([glossary]).isEmpty)
  }

  @Test func explainFindsConceptsByIdSourceAndRendering() throws {
    let short = try CLI.run(["explain", "十九大"])
    #expect(short.status == 0)
    #expect(short.stdout.contains("中国共产党第十九次全国代表大会"))
    #expect(short.stdout.contains("source:"))
    for query in [
      "double-eight-strategy", "八八战略", "88th strategy", "the Eighth Eighth Strategy was",
    ] {
      let output = try CLI.run(["explain", query])
      #expect(output.status == 0, "\(query)")
      #expect(output.stdout.contains("preferred: “Double-Eight Strategy”"), "\(query)")
      #expect(output.stdout.contains("“88th Strategy”"))
    }
    let none = try CLI.run(["explain", "no such thing at all"])
    #expect(none.status == 1)
    #expect(none.stderr.contains("no concept matches"))
  }
}
