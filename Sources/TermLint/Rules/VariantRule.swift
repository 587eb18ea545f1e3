/// `variant`: a rendering the glossary lists as non-canonical.
public struct VariantRule: MatchRule {
  public init() {}

  public static let description = RuleDescription(
    id: "variant",
    summary: "A rendering the glossary lists as non-canonical for a concept.",
    rationale: """
      Machine translation renders one source term many ways; readers cannot tell that \
      "88th Strategy" and "Double-Eight Strategy" are the same policy. The fix replaces the \
      variant with the preferred form, keeping the writer's quotation marks around a variant \
      listed in quotes. A variant listed in quotes matches only in quotes unless its concept \
      says `quotes: optional`. A concept with no authoritative English is reported \
      without a fix, for a human to decide.
      """,
    defaultSeverity: .warning,
    fixable: true,
    flagExamples: [
      "the 20th anniversary of the “⟦88th Strategy→Double-Eight Strategy⟧”",
      "implement the ⟦Eighth Eighth Strategy→Double-Eight Strategy⟧ in depth",
    ],
    passExamples: [
      "the 20th anniversary of the Double-Eight Strategy",
      "the Double Eight Strategy",
      "his 88th birthday",
    ])

  public func check(_ context: MatchContext) -> Finding? {
    let entry = context.entry
    guard context.source == .listed, entry.kind == .variant, !ContainingName.covers(context)
    else { return nil }
    let matched = context.matchedText
    let preferred = context.glossary.preferredText(for: entry)
    let atSentenceStart =
      preferred != nil && CaseAdapter.isSentenceStart(context.range.start, in: context.file)
    // The message and the replacement depend only on the entry, the text and where the
    // sentence starts: a file with the same variant throughout makes them once.
    let key = RuleCache.Key(
      rule: 0, entry: context.match.entry, text: matched, flag: atSentenceStart)
    let (message, replacement) =
      context.cache?[key]
      ?? {
        let made = Self.message(
          context, matched: matched, preferred: preferred, atSentenceStart: atSentenceStart)
        context.cache?[key] = made
        return made
      }()
    let fix = replacement.map {
      Fix(
        edits: [Edit(range: context.range, replacement: $0)],
        applicability: context.term.fixApplicability)
    }
    return Finding(
      rule: Self.description.id, range: context.range, message: message, fix: fix,
      term: context.termSummary)
  }

  /// The message and the replacement (nil: no authoritative English) for `matched`.
  static func message(
    _ context: MatchContext, matched: String, preferred: String?, atSentenceStart: Bool
  ) -> (String, String?) {
    let entry = context.entry
    let term = context.term
    var message = "\(quoted(matched)) is a non-canonical rendering of \(term.displayName)"
    var replacement: String?
    if let preferred {
      // A variant listed in quotes matches with the writer's quotes: the fix keeps them.
      let (open, inner, close) = Self.quotes(of: matched, listed: entry.text, preferred: preferred)
      let made =
        open
        + CaseAdapter.adapt(
          preferred, toMatch: inner, policy: term.casePolicy, atSentenceStart: atSentenceStart)
        + close
      message += "; use \(quoted(made))"
      replacement = made
    } else {
      message += "; no authoritative English rendering exists, so rephrase by hand"
    }
    if let note = entry.form.note { message += " (\(note))" }
    return (message, replacement)
  }

  /// The writer's opening and closing quotation marks around `matched` and the text between
  /// them, when the listed form is quoted whole (“two health”) and the preferred form is
  /// not; else no marks and `matched` itself.
  static func quotes(of matched: String, listed: String, preferred: String)
    -> (String, String, String)
  {
    guard let listedFirst = listed.first, let listedLast = listed.last, listed.count > 2,
      QuoteMarks.isMark(String(listedFirst)), QuoteMarks.isMark(String(listedLast)),
      let preferredFirst = preferred.first, !QuoteMarks.isMark(String(preferredFirst)),
      let first = matched.first, let last = matched.last, matched.count > 2,
      QuoteMarks.isMark(String(first)), QuoteMarks.isMark(String(last))
    else { return ("", matched, "") }
    return (String(first), String(matched.dropFirst().dropLast()), String(last))
  }
}
