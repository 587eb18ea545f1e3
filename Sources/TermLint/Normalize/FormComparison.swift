import Foundation
import GlossaryModel

/// Compares what the text says with a glossary form token by token, to tell how they
/// differ (case, dash, quote, width, spacing) and to build a replacement that keeps the
/// text's line breaks. Works on short strings: only matched spans come here.
enum FormComparison {
  struct RawToken {
    var text: String
    /// The text between the previous token (or the start) and this one.
    var gap: String
  }

  /// Tokens of `string` as written (NFC, default-ignorable characters removed), with the
  /// gaps between them.
  static func rawTokens(_ string: String) -> [RawToken] {
    var cleaned = String.UnicodeScalarView()
    for scalar in string.unicodeScalars where !ICU.isDefaultIgnorable(scalar) {
      cleaned.append(scalar)
    }
    let bytes = Array(ICU.normalize(String(cleaned), .nfc).utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      var result: [RawToken] = []
      var position = 0
      while let token = Tokenizer.next(in: buffer, from: position) {
        result.append(
          RawToken(
            text: String(decoding: buffer[token.start..<token.end], as: UTF8.self),
            gap: String(decoding: buffer[position..<token.start], as: UTF8.self)))
        position = token.end
      }
      return result
    }
  }

  /// A token with width, compatibility forms, dashes and quotes folded, case kept.
  static func keepingCase(_ token: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in ICU.normalize(token, .nfkc).unicodeScalars {
      if scalar.value < 0x80 {
        result.append(scalar == "`" ? "'" : scalar)
      } else if let folded = Folder.postFold(scalar.value), let value = Unicode.Scalar(folded) {
        result.append(value)
      }
    }
    return String(result)
  }

  static func caseKey(_ tokens: [RawToken]) -> String {
    tokens.map { keepingCase($0.text) }.joined(separator: " ")
  }

  static func capitalizingFirst(_ string: String) -> String {
    guard let first = string.first else { return string }
    return first.uppercased() + string.dropFirst()
  }

  /// Whether `original` is written with the case of `form` (a capitalised first letter
  /// allowed, as at the start of a sentence).
  static func matchesCase(original: String, form: String) -> Bool {
    let o = caseKey(rawTokens(original))
    let f = caseKey(rawTokens(form))
    return o == f || o == capitalizingFirst(f)
  }

  /// How `original` differs from `preferred`, or nil when the difference is allowed.
  ///
  /// Differences of terminology (`reasons`: case, width, compatibility characters, a dash
  /// for a hyphen, spacing, spelling) are kept apart from differences of typography
  /// (`typography`: straight or typographic quotes and apostrophes, a non-breaking or
  /// Unicode hyphen for `-`, a non-breaking or other Unicode space for a space), which are
  /// correct English either way. `replacement` fixes the terminology and keeps the
  /// writer's typography; `typographyReplacement` is the writer's text with the
  /// glossary's characters where they differ in typography only (the writer's case stays:
  /// inside a name, "People’s Congress" becomes "People's Congress", not the generic
  /// "people's congress").
  struct Difference: Equatable {
    var reasons: [String]
    var replacement: String
    var typography: [String] = []
    var typographyReplacement: String = ""
  }

  static func isLineBreakGap(_ gap: String) -> Bool {
    gap.contains(where: \.isNewline) && gap.allSatisfy(\.isWhitespace)
  }

  /// Hyphens that are typography for `-`: hyphen, non-breaking hyphen.
  static func isHyphen(_ token: String) -> Bool {
    token == "\u{2010}" || token == "\u{2011}"
  }

  /// Whether two tokens differ only in quotation mark or apostrophe style.
  static func isQuoteStyle(_ text: String, _ form: String) -> Bool {
    guard text != form else { return false }
    let a = keepingCase(text)
    return (a == "'" || a == "\"") && a == keepingCase(form)
  }

  /// A gap with every kind of space written as a space and a wrapped line as one space.
  static func plainGap(_ gap: String) -> String {
    if isLineBreakGap(gap) { return " " }
    var out = ""
    for scalar in gap.unicodeScalars {
      out.unicodeScalars.append(scalar.properties.isWhitespace ? " " : scalar)
    }
    return out
  }

  static func compare(original: String, preferred: String, policy: CasePolicy) -> Difference? {
    if original == preferred { return nil }
    let o = rawTokens(original)
    let p = rawTokens(preferred)
    guard o.count == p.count, !p.isEmpty else {
      return Difference(
        reasons: ["form"], replacement: preferred, typography: [],
        typographyReplacement: preferred)
    }
    var reasons: [String] = []
    var typography: [String] = []
    func note(_ reason: String) {
      if !reasons.contains(reason) { reasons.append(reason) }
    }
    func typographic(_ reason: String) {
      if !typography.contains(reason) { typography.append(reason) }
    }
    // Tokens whose difference is typography only keep the writer's character.
    var keep = Array(repeating: false, count: p.count)
    for (index, (r, q)) in zip(o, p).enumerated() where r.text != q.text {
      if isQuoteStyle(r.text, q.text) {
        typographic("quote")
        keep[index] = true
        continue
      }
      if q.text == "-" && isHyphen(r.text) {
        typographic("hyphen")
        keep[index] = true
        continue
      }
      if r.text.unicodeScalars.contains(where: { (0xFF00...0xFFEF).contains($0.value) }) {
        note("width")
      } else if ICU.normalize(r.text, .nfkc) != r.text {
        note("compatibility characters")
      }
      let folded = keepingCase(r.text)
      if q.text == "-" && r.text != "-" && folded == "-" { note("dash") }
      if folded.lowercased() != keepingCase(q.text).lowercased() { note("spelling") }
    }
    var keepGap = Array(repeating: false, count: p.count)
    var spaceStyle = Array(repeating: false, count: p.count)
    for index in 1..<max(1, o.count) {
      let gap = o[index].gap
      if isLineBreakGap(gap) {
        keepGap[index] = true
        continue
      }
      if plainGap(gap) != p[index].gap {
        note("spacing")
      } else if gap != p[index].gap {
        typographic("space")
        keepGap[index] = true
        spaceStyle[index] = true
      }
    }
    let caseO = caseKey(o)
    let caseP = caseKey(p)
    var style: (String) -> String = { $0 }
    if caseO != caseP {
      switch policy {
      case .any:
        break
      case .standard where caseO == capitalizingFirst(caseP):
        style = capitalizingFirst
      case .standard where caseO == caseP.uppercased() && caseO != caseO.lowercased():
        style = { $0.uppercased() }
      case .standard, .exact:
        if caseO.lowercased() == caseP.lowercased() { note("case") }
      }
    }
    guard !reasons.isEmpty || !typography.isEmpty else { return nil }
    // The terminology fix: the form's tokens and gaps, the writer's typography. The
    // typography fix: the writer's text (case and all: a name keeps its capitals), the
    // form's characters only where they are a typographic difference.
    var replacement = ""
    var typographyReplacement = ""
    for (index, token) in p.enumerated() {
      if index > 0 {
        replacement += keepGap[index] ? o[index].gap : p[index].gap
        typographyReplacement += spaceStyle[index] ? p[index].gap : o[index].gap
      }
      replacement += keep[index] ? o[index].text : token.text
      typographyReplacement += keep[index] ? token.text : o[index].text
    }
    return Difference(
      reasons: reasons, replacement: style(replacement), typography: typography,
      typographyReplacement: typographyReplacement)
  }
}
