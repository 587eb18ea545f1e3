import Foundation
import Testing

@testable import TermLint

@Suite struct RuleDocumentationTests {
  /// docs/rules.md is generated from the registry; TERMLINT_UPDATE_SNAPSHOTS=1 rewrites it.
  @Test func rulesReferenceIsCurrent() throws {
    let path = Fixtures.packageRoot.appendingPathComponent("docs/rules.md").path
    let generated = RuleDocumentation.markdown()
    if ProcessInfo.processInfo.environment["TERMLINT_UPDATE_SNAPSHOTS"] == "1" {
      try generated.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    let current = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      current == generated,
      "docs/rules.md is stale: run `swift run termlint rules --markdown > docs/rules.md`")
  }

  @Test func everyRuleIsDocumented() {
    let text = RuleDocumentation.markdown()
    for rule in RuleRegistry.all { #expect(text.contains("## `\(rule.id)`")) }
    #expect(RuleDocumentation.inlineCode("a`b\nc") == "`` a`b⏎c ``")
  }
}
