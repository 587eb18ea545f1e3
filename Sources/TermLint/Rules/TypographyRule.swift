// Rules stage: `typography` (opt-in) — a glossary term in another quote, hyphen or space
// style than the glossary writes it.

import GlossaryModel

/// The preferred term written with other quotation marks, apostrophes, hyphens or space
/// characters than the glossary's form. Off by default: both styles are correct English;
/// a project that wants one style turns it on.
public struct TypographyRule: MatchRule {
  public init() {}

  public static let description = RuleDescription(
    id: "typography",
    summary: "The preferred term in another quote, apostrophe, hyphen or space style than the "
      + "glossary writes it (off by default).",
    rationale: """
      “People’s Congress” with a typographic apostrophe and "People's Congress" with a \
      straight one are the same term, and both are correct: `form` never reports the \
      difference. A project whose house style wants one of them turns this rule on \
      (`rules: {typography: warning}`); the fix writes the characters of the glossary's form.
      """,
    defaultSeverity: .warning, fixable: true,
    flagExamples: [
      "the ⟦Double\u{2011}Eight Strategy→Double-Eight Strategy⟧",
      "the ⟦Double-Eight\u{00A0}Strategy→Double-Eight Strategy⟧",
    ],
    passExamples: ["the Double-Eight Strategy", "the double-eight strategy"],
    enabledByDefault: false)

  public func check(_ context: MatchContext) -> Finding? {
    let entry = context.entry
    guard context.source == .listed, entry.kind == .preferred else { return nil }
    let matched = context.matchedText
    guard let difference = FormRule.closest(context, policy: .any),
      !difference.typography.isEmpty, !ContainingName.covers(context)
    else { return nil }
    let how = FormRule.describe(difference.typography)
    return Finding(
      rule: Self.description.id, range: context.range,
      message: "\(quoted(matched)) is written with \(how) than the glossary's "
        + "\(quoted(entry.text))",
      fix: Fix(
        edits: [Edit(range: context.range, replacement: difference.typographyReplacement)],
        applicability: .safe),
      term: context.termSummary)
  }
}
