/// `form`: the preferred term written with another case, dash, quote, width or spacing.
public struct FormRule: MatchRule {
  public init() {}

  public static let description = RuleDescription(
    id: "form",
    summary: "The preferred term written with another case, dash, quote, width or spacing.",
    rationale: """
      An official rendering is a name: "Belt and Road Initiative", not "Belt And Road \
      initiative". The fix writes the exact preferred form, keeping a line break where the \
      text wraps the term. Each concept's `case` policy says which case changes are allowed \
      (by default a capitalised first letter and all capitals); accepted alternates are never \
      reported, and a term wrapped across lines is not a finding.
      """,
    defaultSeverity: .warning,
    fixable: true,
    flagExamples: [
      "the ⟦double-eight strategy→Double-Eight Strategy⟧",
      "the ⟦Double – Eight Strategy→Double-Eight Strategy⟧",
      "the ⟦Ｄｏｕｂｌｅ-Ｅｉｇｈｔ Strategy→Double-Eight Strategy⟧",
    ],
    passExamples: [
      "the Double-Eight Strategy",
      "Double-Eight Strategy is a development strategy",
      "the Double-Eight\nStrategy",
      "DOUBLE-EIGHT STRATEGY",
    ])

  public func check(_ context: MatchContext) -> Finding? {
    let entry = context.entry
    guard context.source == .listed, entry.kind == .preferred else { return nil }
    let term = context.term
    let matched = context.matchedText
    guard
      let difference = FormComparison.compare(
        original: matched, preferred: entry.form.text, policy: term.casePolicy)
    else { return nil }
    let how = Self.describe(difference.reasons)
    let message =
      "\(quoted(matched)) is the preferred term for \(term.displayName) written with \(how); "
      + "write \(quoted(difference.replacement))"
    return Finding(
      rule: Self.description.id, range: context.range, message: message,
      fix: Fix(
        edits: [Edit(range: context.range, replacement: difference.replacement)],
        applicability: term.fixApplicability),
      term: TermSummary(term))
  }

  static func describe(_ reasons: [String]) -> String {
    let phrases = reasons.map { reason -> String in
      switch reason {
      case "case": "a different case"
      case "dash": "a different dash"
      case "quote": "different quotation marks"
      case "width": "fullwidth characters"
      case "spacing": "different spacing"
      case "compatibility characters": "compatibility characters"
      default: "a different spelling"
      }
    }
    switch phrases.count {
    case 0: return "a different form"
    case 1: return phrases[0]
    default:
      return phrases.dropLast().joined(separator: ", ") + " and " + phrases[phrases.count - 1]
    }
  }
}
