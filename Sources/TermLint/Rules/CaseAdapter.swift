/// Adapts a replacement to the case of the text it replaces, where the concept's case
/// policy allows: a variant in ALL CAPS gets the preferred form in capitals, and a variant
/// that starts a sentence gets the preferred form with a capital first letter. With the
/// `exact` policy the preferred form is used as written.
enum CaseAdapter {
  static func adapt(
    _ preferred: String, toMatch matched: String, policy: CasePolicy, atSentenceStart: Bool
  ) -> String {
    guard policy != .exact else { return preferred }
    let letters = matched.unicodeScalars.filter { $0.properties.isAlphabetic }
    let upper = letters.filter { $0.properties.isUppercase }.count
    let lower = letters.filter { $0.properties.isLowercase }.count
    if upper >= 2 && lower == 0 { return preferred.uppercased() }
    if atSentenceStart, upper > 0, let first = preferred.first, first.isLowercase {
      return first.uppercased() + preferred.dropFirst()
    }
    return preferred
  }

  /// Whether byte `offset` starts a sentence: only spaces, opening quotes and brackets
  /// stand between it and the start of the text, a line break, or `.`, `!`, `?`, `。`.
  static func isSentenceStart(_ offset: Int, in file: SourceFile) -> Bool {
    let before = String(
      decoding: file.bytes[max(file.textStart, offset - 64)..<offset], as: UTF8.self)
    for character in before.reversed() {
      if character.isNewline { return true }
      if character.isWhitespace || "\"'“‘«（([「『".contains(character) { continue }
      return ".!?。！？".contains(character)
    }
    return offset - file.textStart <= 64
  }
}
