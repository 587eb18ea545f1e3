/// `confusable`: a glossary term typed with look-alike letters from another script.
public struct ConfusableRule: MatchRule {
  public init() {}

  public static let description = RuleDescription(
    id: "confusable",
    summary: "A glossary term spelled with look-alike letters from another script.",
    rationale: """
      A Cyrillic "о" or a Greek "Α" looks like a Latin letter but is another character: \
      search, indexing and every exact check miss the term, and sometimes that is the \
      point. termlint compares the UTS #39 skeletons (ICU's spoof checker) of words that \
      contain such letters with the glossary's forms; a match is reported with the clean \
      spelling as the fix. Mixed-script words that match no term are left alone, and text \
      without look-alike letters never reaches the spoof checker.
      """,
    defaultSeverity: .warning,
    fixable: true,
    flagExamples: [
      "the study of ⟦Xi Jinping Th\u{043E}ught→Xi Jinping Thought⟧",
      "the ⟦\u{0391}sian Infrastructure Investment Bank→Asian Infrastructure Investment Bank⟧",
    ],
    passExamples: [
      "the study of Xi Jinping Thought",
      "the Th\u{043E}ught of the day",
      "Москва and Jiāxīng",
    ])

  public func check(_ context: MatchContext) -> Finding? {
    guard context.source == .confusable else { return nil }
    let entry = context.entry
    let term = context.term
    let matched = context.matchedText
    let (letters, foreign) = Confusables.describeLookalikes(in: matched)
    let replacement: String
    var message =
      "\(quoted(matched)) is spelled with look-alike letters"
      + (foreign ? " from another script" : "") + " (\(letters))"
    var applicability = Fix.Applicability.safe
    if entry.kind == .variant, let preferred = context.glossary.preferredText(for: entry) {
      replacement = CaseAdapter.adapt(
        preferred, toMatch: matched, policy: term.casePolicy,
        atSentenceStart: CaseAdapter.isSentenceStart(context.range.start, in: context.file))
      message += " and is a non-canonical rendering of \(term.displayName)"
      applicability = term.fixApplicability
    } else {
      replacement = Self.cleaned(matched, form: entry.text)
    }
    message += "; write \(quoted(replacement))"
    return Finding(
      rule: Self.description.id, range: context.range, message: message,
      fix: Fix(
        edits: [Edit(range: context.range, replacement: replacement)], applicability: applicability),
      term: context.termSummary)
  }

  /// `original` with each word that has look-alike letters replaced by the form's word in
  /// the original's case; spacing and line breaks kept. The form itself when the words do
  /// not line up.
  static func cleaned(_ original: String, form: String) -> String {
    let text = FormComparison.rawTokens(original)
    let clean = FormComparison.rawTokens(form)
    guard text.count == clean.count else { return form }
    var result = ""
    for (index, (word, cleanWord)) in zip(text, clean).enumerated() {
      if index > 0 { result += word.gap }
      if word.text.unicodeScalars.contains(where: { Confusables.isLookalike($0.value) }) {
        result += inCase(of: word.text, cleanWord.text)
      } else {
        result += word.text
      }
    }
    return result
  }

  /// `word` with the case of `model`, character by character when they are as long.
  static func inCase(of model: String, _ word: String) -> String {
    let modelCharacters = Array(model)
    let characters = Array(word)
    guard modelCharacters.count == characters.count else { return word }
    var result = ""
    for (m, c) in zip(modelCharacters, characters) {
      result += m.isUppercase ? c.uppercased() : (m.isLowercase ? c.lowercased() : String(c))
    }
    return result
  }
}
