import Testing

@testable import TermLint

@Suite struct ConfigurationTests {
  func parseError(_ yaml: String) -> String? {
    do {
      _ = try Configuration.parse(yaml: yaml, path: "/p/.lint.yml")
      return nil
    } catch {
      return error.description
    }
  }

  @Test func parsesAllKeys() throws {
    let configuration = try Configuration.parse(
      yaml: """
        include: ["**/*.txt"]
        exclude: [drafts/]
        builtin: false
        glossaries: [house.yml, /abs/g.yml]
        rules: {variant: error, form: off}
        fail_on: error
        """, path: "/p/.lint.yml")
    #expect(configuration.root == "/p")
    #expect(configuration.glossaries == ["/p/house.yml", "/abs/g.yml"])
    #expect(
      configuration.severities == [
        "variant": .error, "numeral-variant": .warning, "confusable": .warning,
        "inconsistent": .warning, "unused-suppression": .warning, "missing-term": .warning,
        "untranslated": .info, "repeated-word": .warning, "unpaired": .warning,
        "reordered": .warning,
      ])
    #expect(configuration.failOn == .error)
    #expect(!configuration.builtin)
    #expect(configuration.includes(file: "a/b.txt"))
    #expect(!configuration.includes(file: "a/b.md"))
    #expect(!configuration.includes(file: "drafts/b.txt"))
  }

  @Test func emptyFileIsTheDefaults() throws {
    let configuration = try Configuration.parse(yaml: "", path: "/p/.lint.yml")
    #expect(configuration.builtin)
    #expect(
      configuration.severities == [
        "variant": .warning, "form": .warning, "numeral-variant": .warning,
        "confusable": .warning, "inconsistent": .warning, "unused-suppression": .warning,
        "missing-term": .warning, "untranslated": .info, "repeated-word": .warning,
        "unpaired": .warning, "reordered": .warning,
      ])
  }

  @Test(arguments: [
    (
      "includ: [a]\n",
      "/p/.lint.yml:1:1: unknown key 'includ' in /p/.lint.yml; did you mean 'include'?"
    ),
    (
      "fail_on: warning\nrules:\n  variants: error\n",
      "/p/.lint.yml:3:3: unknown key 'variants' in 'rules'; did you mean 'variant'?"
    ),
    (
      "rules:\n  form: loud\n",
      "/p/.lint.yml:2:9: rule 'form' must be set to error, warning, info or off"
    ),
    ("fail_on: sometimes\n", "/p/.lint.yml:1:10: 'fail_on' must be error, warning, info or never"),
    ("builtin: [x]\n", "/p/.lint.yml:1:10: 'builtin' must be true or false"),
    ("include: \"**/*.txt\n", "/p/.lint.yml:2:1: invalid YAML"),
  ])
  func errorsPointAtFileLineAndColumn(yaml: String, expected: String) {
    let message = parseError(yaml)
    #expect(message?.hasPrefix(expected) == true, "got: \(String(describing: message))")
  }
}

@Suite struct GlobTests {
  @Test(arguments: [
    ("*.txt", "a.txt", true), ("*.txt", "dir/sub/a.txt", true), ("*.txt", "a.md", false),
    ("docs/*.md", "docs/a.md", true), ("docs/*.md", "x/docs/a.md", false),
    ("**/*.md", "a.md", true), ("**/*.md", "x/y/a.md", true),
    ("docs/**", "docs/a/b.txt", true), ("docs/**/b.txt", "docs/b.txt", true),
    ("*.{md,txt}", "x/a.txt", true), ("*.{md,txt}", "a.rst", false),
    ("a?c.txt", "abc.txt", true), ("a?c.txt", "ac.txt", false),
    ("[ab]*.txt", "b1.txt", true), ("[!ab]*.txt", "b1.txt", false),
    ("./seeds/*.txt", "seeds/x.txt", true), ("/seeds", "seeds", true),
    ("*", "anything", true), ("*a*b*", "xxaxxbxx", true), ("*a*b", "xxaxxbxx", false),
  ])
  func matches(pattern: String, path: String, expected: Bool) {
    #expect(Glob(pattern).matches(path) == expected)
  }

  @Test func directoryOnlyPatterns() {
    #expect(Glob("build/").matches("build", isDirectory: true))
    #expect(!Glob("build/").matches("build", isDirectory: false))
  }
}
