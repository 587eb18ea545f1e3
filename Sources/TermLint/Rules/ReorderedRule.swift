import GlossaryModel

/// `reordered`: the content words of a listed rendering of a concept, in another order.
///
/// The places come from the Match stage (`ReorderIndex`, one pass over the folded text per
/// file); this rule turns each into a finding with the preferred form as an unsafe fix.
public enum ReorderedRule {
  public static let description = RuleDescription(
    id: "reordered",
    summary: "The content words of a listed rendering of a concept, in another order.",
    rationale: """
      Machine translation often keeps the words of an official rendering and changes their \
      order: “Road and Belt Initiative”, “the Initiative of the Belt and Road”, “Strategy \
      of Double Eight”, “the Zone of Common Prosperity Demonstration”. A listed form \
      (preferred, accepted or variant) of three or more content words is looked for as a \
      bag of words: function words (a, an, the, of, and, or, for, on, in, to, with, &), \
      hyphens and quotation marks are ignored, and a \
      plural ending is (“Zones”, “Strategies”). The words must stand in one run, joined \
      only by function words (at most three between two words, at most two more than the \
      form has), hyphens, quotation marks and punctuation the form itself has, so a comma, \
      a full stop, a bracket, a possessive or any other word ends the run. Not reported: \
      the words in the order of a listed form (a difference of function words is not a \
      reordering); two words written as one compound that are not neighbours in the form \
      (“prosperity in common zone demonstration”); a window whose last word runs on into \
      a compound with the next word; a window that cuts through a glossary match; a bag \
      two concepts share; concepts with `match_case` or without a preferred form. \
      Derivation is out of scope: “Strategy for Revitalizing Rural Areas” is not the \
      words of “rural revitalization strategy”. The fix writes the preferred form (in the \
      plural when the text has the head word in the plural) and is unsafe: the sentence \
      around a reordered name often needs rewording too (an article, a preposition).
      """,
    defaultSeverity: .warning, fixable: true,
    flagExamples: [
      "Zhejiang will take the lead in building the ⟦Road and Belt Initiative→Belt and Road Initiative⟧.",
      "the 20th anniversary of the ⟦Strategy of Double-Eight→Double-Eight Strategy⟧.",
      "Jiaxing is a pioneer of the ⟦zone of common prosperity demonstration→demonstration zone for common prosperity⟧.",
      "The ⟦Initiative of the Belt and Road→Belt and Road Initiative⟧ marks its tenth year.",
      "They visited two ⟦zones of demonstration for common prosperity→demonstration zones for common prosperity⟧.",
      "We will cultivate and practise the ⟦values of the socialist core→core socialist values⟧.",
    ],
    passExamples: [
      "Zhejiang will take the lead in building the Belt and Road Initiative.",
      "the zone's demonstration of prosperity in common areas",
      "The belt of the road, an initiative of the county, was widened.",
      "the strategy of eight double rooms",
      "a demonstration in the zone, prosperity and common sense",
      "Strategy for Revitalizing Rural Areas",
      "the initiative on the road and belt-tightening measures",
      "the development of high quality products",
    ])

  /// Words that never continue a noun compound: after one of them the window has ended
  /// (“the values of the socialist core among young people”, “zones … were visited”).
  static let phraseWords: Set<String> = [
    "among", "between", "under", "through", "over", "within", "across", "about", "after",
    "before", "during", "along", "around", "via", "per", "since", "until", "than", "but",
    "nor", "so", "yet", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do",
    "does", "did", "that", "which", "who", "whose", "where", "when", "while", "this", "these",
    "those", "its", "their", "his", "her", "our", "also", "not", "again", "together",
  ]

  /// The finding for a reordering found in a file (`range`: its place in the view), or nil
  /// when the window runs on into a longer phrase or the concept has no preferred form.
  static func finding(
    _ match: ReorderMatch, range: TextRange, folded: FoldedText, file: SourceFile,
    glossary: CompiledGlossary
  ) -> Finding? {
    if let following = match.following {
      // A word right after: the window is part of a longer phrase (“the development of
      // high quality products”), unless a capitalised name ends there (“the Initiative of
      // the Belt and Road marks”).
      let next = file.text(folded.map.originalRange(ofFolded: following))
      let capitalised = match.words.allSatisfy {
        guard let first = file.text(folded.map.originalRange(ofFolded: $0)).first else {
          return false
        }
        return first.isUppercase || first.isNumber
      }
      let endsName = capitalised && next.first?.isLowercase == true
      let lower = next.lowercased()
      // An adverb (“carefully”) does not continue a compound either.
      guard endsName || phraseWords.contains(lower) || lower.hasSuffix("ly") else { return nil }
    }
    let entry = glossary.entries[match.entry]
    let term = glossary.terms[entry.termIndex]
    guard let preferred = term.preferred?.text else { return nil }
    var written = preferred
    if match.pluralHead && !term.singularOnly, let plural = ReorderIndex.pluralOfHead(preferred) {
      written = plural
    }
    let matched = file.text(range)
    let replacement = CaseAdapter.adapt(
      written, toMatch: matched, policy: term.casePolicy,
      atSentenceStart: CaseAdapter.isSentenceStart(range.start, in: file))
    let applicability: FixApplicability =
      term.fixApplicability == .displayOnly ? .displayOnly : .unsafe
    let listed = entry.kind == .preferred ? "" : " (a listed \(entry.kind.rawValue) form)"
    let message =
      "\(quoted(matched)) has the words of \(quoted(entry.form.text))\(listed) in another "
      + "order: a rendering of \(term.displayName); use \(quoted(replacement))"
    return Finding(
      rule: description.id, range: range, message: message,
      fix: Fix(edits: [Edit(range: range, replacement: replacement)], applicability: applicability),
      term: TermSummary(term),
      noteMessage: "the words of \(quoted(preferred)) in another order")
  }
}
