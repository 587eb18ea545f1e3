/// `form`: the preferred term written with another case, dash, quote, width or spacing.
public struct FormRule: MatchRule {
  public init() {}

  public static let description = RuleDescription(
    id: "form",
    summary: "The preferred term written with another case, dash, width or spacing.",
    rationale: """
      An official rendering is a name: "Belt and Road Initiative", not "Belt And Road \
      initiative". The fix writes the preferred form, keeping a line break where the text \
      wraps the term and keeping the writer's typography. Each concept's `case` policy says \
      which case changes are allowed (by default a capitalised first letter and all \
      capitals); a lower-case term capitalised on a heading, title-case or all-caps line \
      follows the line; accepted alternates are never reported, and a term wrapped across \
      lines is not a finding. Typography is not terminology: straight or typographic quotes and \
      apostrophes (People’s / People's), a non-breaking hyphen, a non-breaking space are \
      never a `form` finding (see the opt-in `typography` rule).
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
      "the Double\u{2011}Eight\u{00A0}Strategy",
      "Double-Eight Strategy is a development strategy",
      "the Double-Eight\nStrategy",
      "DOUBLE-EIGHT STRATEGY",
    ])

  public func check(_ context: MatchContext) -> Finding? {
    let entry = context.entry
    guard context.source == .listed, entry.kind == .preferred else { return nil }
    let term = context.term
    let matched = context.matchedText
    guard var difference = Self.closest(context), !difference.reasons.isEmpty else {
      return nil
    }
    // Inside a longer name the concept lists (`contained_in`), the name's form is right.
    if ContainingName.covers(context) { return nil }
    // Inside a longer capitalised name ("Jiaxing Municipal People’s Congress") the name's
    // case is right, whatever the generic term's: no case finding, and no fix that would
    // lowercase part of the name.
    var fixable = true
    if difference.reasons.contains("case"), matched.first?.isUppercase == true,
      entry.text.first?.isLowercase == true,
      NameContext.isInsideName(context.range, in: context.file)
    {
      difference.reasons.removeAll { $0 == "case" }
      if difference.reasons.isEmpty { return nil }
      fixable = false
    }
    // A lower-case preferred form capitalised in a heading, a title-case line or an all-caps
    // line follows the line's style: no case finding ("Zhejiang Promotes Common Prosperity").
    if difference.reasons.contains("case"), matched.first?.isUppercase == true,
      entry.text.first?.isLowercase == true,
      LineStyle.capitalisesWords(around: context.range, in: context.file)
    {
      difference.reasons.removeAll { $0 == "case" }
      if difference.reasons.isEmpty { return nil }
      fixable = false
    }
    // At a sentence start the capital stays: “Common Prosperity is …” → “Common prosperity”.
    if matched.first?.isUppercase == true, difference.replacement.first?.isLowercase == true,
      CaseAdapter.isSentenceStart(context.range.start, in: context.file)
    {
      difference.replacement = FormComparison.capitalizingFirst(difference.replacement)
    }
    let how = Self.describe(difference.reasons)
    let message =
      "\(quoted(matched)) is the preferred term for \(term.displayName) written with \(how); "
      + "write \(quoted(difference.replacement))"
    return Finding(
      rule: Self.description.id, range: context.range, message: message,
      fix: fixable
        ? Fix(
          edits: [Edit(range: context.range, replacement: difference.replacement)],
          applicability: term.fixApplicability) : nil,
      term: context.termSummary)
  }

  /// How the match differs from the nearest correct way to write it: the entry's text, or
  /// an accepted form of the concept that folds to the same words (an accepted
  /// capitalisation, "Chinese dream" beside "Chinese Dream"), taken in the entry's number
  /// and without quotes when the entry is so derived. Nil when the text is one of them.
  /// `policy` is the concept's case policy unless given.
  static func closest(_ context: MatchContext, policy: CasePolicy? = nil)
    -> FormComparison.Difference?
  {
    let entry = context.entry
    let term = context.term
    let matched = context.matchedText
    let policy = policy ?? term.casePolicy
    guard
      var best = FormComparison.compare(original: matched, preferred: entry.text, policy: policy)
    else { return nil }
    // Ties go to the form whose case the text has (for `typography`, which ignores case).
    func rank(_ difference: FormComparison.Difference, _ text: String) -> (Int, Int, Int) {
      let caseDiffers =
        FormComparison.compare(original: matched, preferred: text, policy: .exact)?.reasons
        .contains("case") ?? false
      return (difference.reasons.count, caseDiffers ? 1 : 0, difference.typography.count)
    }
    var bestRank: (Int, Int, Int)?
    for form in term.accepted {
      var text = form.text
      if entry.isUnquoted {
        guard let unquoted = QuoteMarks.unquoted(text) else { continue }
        text = unquoted
      }
      if entry.isPlural {
        guard let plural = Inflection.plural(of: text) else { continue }
        text = plural
      }
      guard
        let difference = FormComparison.compare(original: matched, preferred: text, policy: policy)
      else { return nil }
      // Only another way of writing the same words: a different accepted form is no model.
      guard !difference.reasons.contains("spelling"), !difference.reasons.contains("form") else {
        continue
      }
      let current = bestRank ?? rank(best, entry.text)
      let candidate = rank(difference, text)
      bestRank = current
      if candidate < current {
        best = difference
        bestRank = candidate
      }
    }
    return best
  }

  static func describe(_ reasons: [String]) -> String {
    let phrases = reasons.map { reason -> String in
      switch reason {
      case "case": "a different case"
      case "dash": "a different dash"
      case "quote": "different quotation marks"
      case "hyphen": "a different hyphen"
      case "space": "a different space character"
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

/// Whether a span stands inside a longer capitalised name: the word before it is a
/// capitalised name word ("Jiaxing Municipal People’s Congress"), or the span is
/// capitalised and so is the word after it ("People’s Congress Standing Committee").
enum NameContext {
  /// Capitalised words that start sentences and are no part of a name.
  static let sentenceWords: Set<String> = [
    "the", "a", "an", "this", "that", "these", "those", "its", "our", "their", "his", "her",
    "in", "on", "at", "for", "and", "but", "of", "by", "with", "from", "to", "as", "all",
    "every", "each", "some", "both",
  ]

  static func isInsideName(_ range: TextRange, in file: SourceFile) -> Bool {
    let bytes = file.bytes
    // The word before.
    var end = range.start
    while end > file.textStart && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) {
      end -= 1
    }
    var start = end
    while start > file.textStart && isWordByte(bytes[start - 1]) { start -= 1 }
    if start < end, let word = word(bytes, start, end), isCapitalised(word),
      !sentenceWords.contains(word.lowercased())
    {
      return true
    }
    // The word after, when the span itself is capitalised.
    let matched = file.text(range)
    guard let first = matched.first, first.isUppercase else { return false }
    var after = range.end
    while after < bytes.count && (bytes[after] == 0x20 || bytes[after] == 0x09) { after += 1 }
    var afterEnd = after
    while afterEnd < bytes.count && isWordByte(bytes[afterEnd]) { afterEnd += 1 }
    if after < afterEnd, let word = word(bytes, after, afterEnd), isCapitalised(word),
      !sentenceWords.contains(word.lowercased())
    {
      return true
    }
    return false
  }

  /// Letters, digits, apostrophes and every byte of a non-ASCII character.
  static func isWordByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || (byte | 0x20 >= 97 && byte | 0x20 <= 122) || (byte >= 48 && byte <= 57)
      || byte == 0x27
  }

  static func word(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String? {
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    return text.first?.isLetter == true ? text : nil
  }

  static func isCapitalised(_ word: String) -> Bool {
    guard let first = word.first else { return false }
    return first.isUppercase
  }
}

/// The style of the line a span stands on: a heading or title-case line capitalises its
/// words (`Phrases.isHeading`), an all-caps line writes every letter in capitals.
enum LineStyle {
  static func capitalisesWords(around range: TextRange, in file: SourceFile) -> Bool {
    let line = file.lineIndex.lineNumber(containing: range.start)
    let content = file.lineIndex.contentRange(ofLine: line, in: file.bytes)
    let bytes = file.bytes[content.start..<content.end]
    if Phrases.isHeading(bytes) { return true }
    // All capitals outside the span, with at least one letter there.
    var letters = 0
    for index in bytes.indices where index < range.start || index >= range.end {
      let byte = bytes[index]
      if byte >= 97 && byte <= 122 { return false }
      if byte >= 65 && byte <= 90 { letters += 1 }
    }
    return letters >= 2
  }
}
