/// `numeral-variant`: a rendering that is a glossary form once its numbers are read as
/// numbers ("88 Strategy" for "Double-Eight Strategy"), though no glossary lists it.
public struct NumeralVariantRule: MatchRule {
  public init() {}

  public static let description = RuleDescription(
    id: "numeral-variant",
    summary: "A rendering that matches a glossary form once its numbers are read as numbers.",
    rationale: """
      Machine translation writes the numbers of a slogan every way: 八八战略 comes out as \
      "88 Strategy", "Eighth Eighth Strategy" or "Eight-8 Strategy", and no glossary can \
      list them all. termlint reads every run of number words and digits as one number \
      (digit by digit for "Eight-Eight" and "Eighth Eighth", as ICU spells it for \
      "eighty-eight"; "double" and "twin" repeat the next digit; "10 million", \
      "10,000,000" and "10 000 000" are ten million), and a text whose words \
      then equal a form's is that concept. The other words must still match exactly, so \
      "an 8-point plan" is not the eight-point rules, and a number after a currency sign \
      or code ("$10 Million Project") is a sum of money. The fix is the preferred form; it is \
      unsafe when the number was read digit by digit. A concept with no preferred form is \
      left to `inconsistent`.
      """,
    defaultSeverity: .warning,
    fixable: true,
    flagExamples: [
      "implement the “⟦Double-8 Strategy→Double-Eight Strategy⟧” in depth",
      "the ⟦Eight-8 Strategy→Double-Eight Strategy⟧ of Zhejiang",
      "uphold the ⟦2 Establishments⟧",
      "officials who broke the ⟦8-point rules⟧",
      "the ⟦Eight Point Regulations⟧ on frugality",
      "the ⟦important thought of the 3 Represents⟧",
      "the 20th anniversary of the ⟦10,000,000 Project→Green Rural Revival Program⟧",
    ],
    passExamples: [
      "an 8-point plan for the harbour",
      "a $10 Million Project for the harbour",
      "RMB 10 million for the project",
      "the 88th birthday of the founder",
      "three representatives of the county",
      "Figure 3 represents the distribution",
      "the 88th Strategy",
      "the Double-Eight Strategy",
      "the eight-point rules",
    ])

  public func check(_ context: MatchContext) -> Finding? {
    guard case .numeral(let ambiguous) = context.source else { return nil }
    let entry = context.entry
    let term = context.term
    guard let preferred = context.glossary.preferredText(for: entry) else { return nil }
    let matched = context.matchedText
    let replacement = CaseAdapter.adapt(
      preferred, toMatch: matched, policy: term.casePolicy,
      atSentenceStart: CaseAdapter.isSentenceStart(context.range.start, in: context.file))
    let role: String
    switch entry.kind {
    case .preferred: role = term.source.map { " (\($0))" } ?? ""
    case .accepted: role = " (an accepted rendering of \(term.displayName))"
    case .variant: role = " (a listed variant of \(term.displayName))"
    }
    let message =
      "\(quoted(matched)) reads as \(quoted(entry.text))\(role) with its numbers "
      + "normalized; use \(quoted(replacement))"
    var applicability = term.fixApplicability
    if ambiguous && applicability == .safe { applicability = .unsafe }
    return Finding(
      rule: Self.description.id, range: context.range, message: message,
      fix: Fix(
        edits: [Edit(range: context.range, replacement: replacement)], applicability: applicability),
      term: context.termSummary)
  }
}

/// The case check of numeral matches. The text's words that are not numbers must be
/// capitalised where the form's are ("3 Represents" is the Three Represents, "figure 3
/// represents" is not); for a `match_case` concept they must have the form's case (a
/// capitalised first letter allowed).
enum NumeralCase {
  static func matches(original: String, form: String, exact: Bool) -> Bool {
    matches(original: original, formWords: words(form), exact: exact)
  }

  /// The same, with the form's words already taken (`NumeralIndex.caseWords`).
  static func matches(original: String, formWords f: [String], exact: Bool) -> Bool {
    let o = words(original)
    if exact {
      let joinedO = o.joined(separator: " ")
      let joinedF = f.joined(separator: " ")
      return joinedO == joinedF || joinedO == FormComparison.capitalizingFirst(joinedF)
    }
    guard o.count == f.count else { return true }
    for (word, formWord) in zip(o, f) {
      if let first = formWord.first, first.isUppercase, let textFirst = word.first,
        !textFirst.isUppercase
      {
        return false
      }
    }
    return true
  }

  /// The words of a text that are not numbers, as written (width, dashes folded).
  static func words(_ text: String) -> [String] {
    asciiWords(text) ?? icuWords(text)
  }

  /// `words` through ICU, for any text.
  static func icuWords(_ text: String) -> [String] {
    FormComparison.rawTokens(text).map { FormComparison.keepingCase($0.text) }.filter { word in
      guard word.first?.isLetter == true || word.first?.isNumber == true else { return false }
      let folded = Array(ICU.normalize(word, .nfkcCasefold).utf8)
      return folded.withUnsafeBufferPointer { buffer -> Bool in
        guard let token = Tokenizer.next(in: buffer, from: 0) else { return false }
        let first = buffer[token.start]
        return !(first >= 48 && first <= 57)
          && NumberWords.english.kind(of: token, in: buffer) == nil
      }
    }
  }

  /// `words` for ASCII text, without ICU: runs of letters and digits, numbers and number
  /// words left out. Nil for text with other characters.
  static func asciiWords(_ text: String) -> [String]? {
    var utf8 = Array(text.utf8)
    guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
    var result: [String] = []
    // The tokenizer reads folded (lower-case) text.
    var lower = utf8
    for index in lower.indices where lower[index] >= 65 && lower[index] <= 90 {
      lower[index] += 32
    }
    return lower.withUnsafeBufferPointer { buffer -> [String] in
      var position = 0
      while let token = Tokenizer.next(in: buffer, from: position) {
        position = token.end
        let first = buffer[token.start]
        let isLetter = first >= 97 && first <= 122
        guard isLetter else { continue }
        if NumberWords.english.kind(of: token, in: buffer) != nil { continue }
        result.append(String(decoding: utf8[token.start..<token.end], as: UTF8.self))
      }
      utf8 = []
      return result
    }
  }
}

/// Sums of money are not names: a number written after a currency sign or code ("$10
/// Million Project", "RMB 10 Million Project funds", "¥10 Million Project") is an amount, so
/// a numeral match starting there is refused (`CandidateFinder`).
enum MoneyContext {
  static let codes: Set<String> = [
    "rmb", "cny", "usd", "us", "hkd", "hk", "eur", "gbp", "jpy", "yuan", "yen", "dollars",
  ]

  /// Whether the text just before `start` (spaces skipped) is a currency sign or code.
  static func isAmount(before start: Int, in file: SourceFile) -> Bool {
    let bytes = file.bytes
    var end = start
    while end > file.textStart && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    // A no-break space (C2 A0) between the sign and the number.
    if end - 2 >= file.textStart && bytes[end - 2] == 0xC2 && bytes[end - 1] == 0xA0 { end -= 2 }
    guard end > file.textStart else { return false }
    if bytes[end - 1] == UInt8(ascii: "$") { return true }
    let signs: [[UInt8]] = [[0xC2, 0xA5], [0xC2, 0xA3], [0xE2, 0x82, 0xAC], [0xEF, 0xBF, 0xA5]]
    for sign in signs where end - sign.count >= file.textStart {
      if bytes[(end - sign.count)..<end].elementsEqual(sign) { return true }
    }
    var wordStart = end
    while wordStart > file.textStart && wordStart > end - 8,
      bytes[wordStart - 1] | 0x20 >= 97 && bytes[wordStart - 1] | 0x20 <= 122
    {
      wordStart -= 1
    }
    guard wordStart < end else { return false }
    let word = String(decoding: bytes[wordStart..<end], as: UTF8.self).lowercased()
    return codes.contains(word)
  }
}
