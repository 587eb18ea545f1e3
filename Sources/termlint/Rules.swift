import ArgumentParser
import TermLint

struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List the rules, their default severities and what they find.")

  @Flag(name: .shortAndLong, help: "Also print each rule's rationale.")
  var verbose = false

  @Flag(help: "Print the rules reference as Markdown (docs/rules.md).")
  var markdown = false

  func run() throws {
    if markdown {
      printOutput(RuleDocumentation.markdown())
      return
    }
    var out = ""
    let width = RuleRegistry.all.map(\.id.count).max() ?? 0
    for rule in RuleRegistry.all {
      let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
      let severity = rule.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
      out += "\(id)  \(severity)  \(rule.fixable ? "fix" : "   ")  \(rule.summary)\n"
      if verbose { out += "    \(rule.rationale)\n\n" }
    }
    printOutput(out)
  }
}
