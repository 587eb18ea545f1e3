import Foundation

/// The rules reference (docs/rules.md), generated from `RuleRegistry` so the documentation
/// cannot drift from the code: a test compares the file with this output.
public enum RuleDocumentation {
  public static func markdown() -> String {
    var out = """
      # Rules

      Generated from the rule registry by `termlint rules --markdown`; do not edit by hand.
      Severities are the defaults; `.lint.yml` changes them (`rules:`, `overrides:`).

      | id | default severity | fix | finds |
      |---|---|---|---|

      """
    for rule in RuleRegistry.all {
      out += "| `\(rule.id)` | \(rule.defaultSeverity.rawValue) | \(rule.fixable ? "yes" : "no") | "
      out += "\(rule.summary) |\n"
    }
    for rule in RuleRegistry.all {
      out += "\n## `\(rule.id)`\n\n\(rule.summary)\n\n\(rule.rationale)\n"
      if !rule.flagExamples.isEmpty {
        out += "\nFlagged (with the bundled dictionaries):\n\n"
        for example in rule.flagExamples {
          out += "- \(inlineCode(MarkedExample.plain(example)))\n"
        }
      }
      if !rule.passExamples.isEmpty {
        out += "\nNot flagged:\n\n"
        for example in rule.passExamples { out += "- \(inlineCode(example))\n" }
      }
    }
    out += "\n" + measuredPrecision
    out += """

      ## Precision on official English

      `bench/precision.py` lints excerpts of official English translations (State Council \
      Information Office, Xinhua, China Daily, the Zhejiang and Jiaxing governments) and \
      counts findings per 1,000 words by rule, each judged right or wrong by hand: the \
      figures, the sources and how to rebuild the corpus are in \
      [benchmarks.md](benchmarks.md#precision-on-correct-english-official-translations).

      """
    return out
  }

  /// Example text as Markdown inline code, line breaks shown as ⏎.
  static func inlineCode(_ text: String) -> String {
    let oneLine = text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(
      of: "\n", with: "⏎")
    let fence = oneLine.contains("`") ? "`` " : "`"
    let close = oneLine.contains("`") ? " ``" : "`"
    return fence + oneLine + close
  }
}
