import GlossaryModel

/// Adapts a replacement to the case of the text it replaces, where the concept's case
/// policy allows: a variant in ALL CAPS gets the preferred form in capitals, and a variant
/// that starts a sentence gets the preferred form with a capital first letter. With the
/// `exact` policy the preferred form is used as written.
enum CaseAdapter {
  static func adapt(
    _ preferred: String, toMatch matched: String, policy: CasePolicy, atSentenceStart: Bool
  ) -> String {
    guard policy != .exact else { return preferred }
    var upper = 0
    var lower = 0
    for scalar in matched.unicodeScalars {
      switch scalar.value {
      case 0x41...0x5A: upper += 1
      case 0x61...0x7A: lower += 1
      case 0..<0x80: continue
      default:
        if scalar.properties.isUppercase {
          upper += 1
        } else if scalar.properties.isLowercase {
          lower += 1
        }
      }
    }
    if upper >= 2 && lower == 0 { return preferred.uppercased() }
    if atSentenceStart, upper > 0, let first = preferred.first, first.isLowercase {
      return first.uppercased() + preferred.dropFirst()
    }
    return preferred
  }

  /// Whether byte `offset` starts a sentence: only spaces, opening quotes and brackets
  /// stand between it and the start of the text, a line break, or `.`, `!`, `?`, `。`.
  static func isSentenceStart(_ offset: Int, in file: SourceFile) -> Bool {
    // ASCII before the offset (most text): decided on the bytes; any other byte, the
    // characters below decide.
    let start = max(file.textStart, offset - 64)
    var index = offset
    while index > start {
      index -= 1
      switch file.bytes[index] {
      case 0x0A, 0x0B, 0x0C, 0x0D: return true
      case 0x20, 0x09, 0x22, 0x27, 0x28, 0x5B: continue
      case 0x2E, 0x21, 0x3F: return true
      case 0x80...: index = -1
      default: return false
      }
      if index < 0 { break }
    }
    if index == start { return offset - file.textStart <= 64 }
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
