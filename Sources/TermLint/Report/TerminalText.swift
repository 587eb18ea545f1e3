// Report stage: text from files made safe for a terminal.

/// Escapes what a terminal would act on instead of showing: C0 and C1 control characters
/// (ESC starts colour, cursor and title sequences; U+009B is a one-byte CSI), DEL, and the
/// bidirectional controls that reorder a line as it is shown (the "Trojan Source"
/// characters). Each is written as `\u{…}`, so the reader sees that it is there. Tab and
/// line break are kept only where the caller allows them.
public enum TerminalText {
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F, 0x80..<0xA0: true
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
    default: false
    }
  }

  /// `text` with every unsafe character escaped (line feeds kept when asked).
  public static func safe(_ text: String, keepingLineBreaks: Bool = false) -> String {
    let unsafe: (Unicode.Scalar) -> Bool = {
      isUnsafe($0) && !(keepingLineBreaks && $0 == "\n")
    }
    guard text.unicodeScalars.contains(where: unsafe) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if unsafe(scalar) {
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
