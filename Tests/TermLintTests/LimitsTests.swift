import Foundation
import Testing

@testable import TermLint

/// Hostile shapes of input: each gives findings or a clear error, never a crash or a hang.
@Suite struct LimitsTests {
  @Test func aYAMLAliasBombInAGlossaryIsAnErrorNotAnExpansion() throws {
    var lines = [
      "terms:", "  - preferred: X Y", "    variants: &a0 [x0, x1, x2, x3, x4, x5, x6, x7]",
    ]
    for level in 1...9 {
      lines.append("  - preferred: Z\(level) W")
      lines.append(
        "    variants: &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 8).joined(
            separator: ", ") + "]")
    }
    #expect(throws: TermLintError.self) {
      try GlossaryLoader.load(yaml: lines.joined(separator: "\n") + "\n", path: "bomb.yml")
    }
    // The same in .lint.yml.
    let config = "allow: &a [x, x, x, x]\nexclude: [*a, *a, *a, *a]\n"
    #expect(throws: TermLintError.self) {
      try Configuration.parse(yaml: config, path: "/p/.lint.yml")
    }
  }

  @Test func aFileOfCombiningMarksIsLinted() throws {
    let text = "a" + String(repeating: "\u{0301}", count: 50_000) + " the 88th Strategy\n"
    let found = try lint(text, with: try makeLinter())
    #expect(found.map(\.matched) == ["88th Strategy"])
  }

  @Test func markdownNestedDeeplyIsReadWithoutRecursion() throws {
    let linter = try makeLinter()
    let quotes = String(repeating: ">", count: 20_000) + " the 88th Strategy\n"
    #expect(try lint(quotes, as: .markdown, with: linter).map(\.matched) == ["88th Strategy"])
    let brackets =
      String(repeating: "[", count: 20_000) + "the 88th Strategy"
      + String(repeating: "]", count: 20_000) + "\n"
    #expect(try lint(brackets, as: .markdown, with: linter).contains { $0.rule == "variant" })
    let emphasis =
      String(repeating: "*", count: 20_000) + "the 88th Strategy"
      + String(repeating: "*", count: 20_000) + "\n"
    #expect(try lint(emphasis, as: .markdown, with: linter).contains { $0.rule == "variant" })
    let lists = (0..<2_000).map { String(repeating: "  ", count: $0) + "- x\n" }.joined()
    #expect(try lint(lists + "\nthe 88th Strategy\n", as: .markdown, with: linter).count >= 1)
  }

  @Test func htmlAndXMLNestedDeeplyAreBounded() throws {
    let linter = try makeLinter()
    let html =
      String(repeating: "<div>", count: 20_000) + "the 88th Strategy"
      + String(repeating: "</div>", count: 20_000)
    #expect(try lint(html, as: .html, with: linter).contains { $0.rule == "variant" })
    let xml =
      "<?xml version=\"1.0\"?><xliff version=\"1.2\">" + String(repeating: "<g>", count: 20_000)
      + "x" + String(repeating: "</g>", count: 20_000) + "</xliff>"
    #expect(throws: FormatError.self) {
      try lint(xml, as: .xliff, with: linter)
    }
  }

  @Test func aLongLineOfFindingsStaysLinear() throws {
    // 20,000 findings on one line: positions come from one forward pass.
    let text = String(repeating: "the 88th Strategy, ", count: 20_000)
    let found = try lint(text, with: try makeLinter())
    #expect(found.filter { $0.rule == "variant" }.count == 20_000)
    #expect(found.last?.start.line == 1)
  }
}
