/// Paths, XML escaping and fingerprints shared by the CI reporters (SARIF, GitHub, JUnit,
/// Checkstyle, GitLab), so each format states only its own shape.
public enum CIPath {
  /// A path percent-encoded for a URI: every byte but ASCII letters, digits, `-._~` and `/`
  /// (UTF-8, upper-case hex).
  public static func percentEncoded(_ path: String) -> String {
    var encoded = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        encoded += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return encoded
  }

  /// The path without leading `./` segments: CI tools resolve paths against the repository
  /// root, and `termlint` run with no paths reports `./seeds/a.txt`.
  static func relative(_ path: String) -> String {
    var result = Substring(path)
    while result.hasPrefix("./") {
      result = result.dropFirst(2).drop { $0 == "/" }
    }
    return result.isEmpty ? path : String(result)
  }

  /// The path as a URI reference: `file://` and the path when absolute, else a relative
  /// reference. Every byte but ASCII letters, digits, `-._~` and `/` is percent-encoded
  /// (UTF-8, upper-case hex), so spaces, non-ASCII, `%`, `#`, `?` and a `:` that would read
  /// as a scheme are all safe.
  static func uri(_ path: String) -> String {
    let relative = Self.relative(path)
    let encoded = percentEncoded(relative)
    return relative.hasPrefix("/") ? "file://" + encoded : encoded
  }

  static func isAbsolute(_ path: String) -> Bool { relative(path).hasPrefix("/") }
}

/// XML 1.0 escaping for the JUnit and Checkstyle reporters.
enum XML {
  static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

  /// Escapes an attribute value written in double quotes. Tabs and line breaks become
  /// character references, because a parser turns literal ones into spaces.
  static func attribute(_ text: String) -> String {
    escape(text, inAttribute: true)
  }

  /// Escapes element content; line breaks stay, a CR becomes `&#13;` so that it survives the
  /// parser's line-end normalisation.
  static func text(_ text: String) -> String {
    escape(text, inAttribute: false)
  }

  private static func escape(_ text: String, inAttribute: Bool) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\r": result += "&#13;"
      case "\n": result += inAttribute ? "&#10;" : "\n"
      case "\t": result += inAttribute ? "&#9;" : "\t"
      default:
        // XML 1.0 has no way to write the other C0 controls, U+FFFE or U+FFFF, not even as
        // character references: they are left out.
        if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}

/// Stable identities of findings, for GitLab's `fingerprint` and SARIF's
/// `partialFingerprints`: they survive edits elsewhere in the file.
enum Fingerprint {
  /// One identity per diagnostic, in order: the FNV-1a hash (64 bits, 16 hex digits) of the
  /// path, the rule, the matched text and how many earlier findings of this file had the same
  /// rule and text. Line numbers and offsets are left out, so a line inserted above a
  /// finding keeps its fingerprint.
  static func of(_ diagnostics: [Diagnostic]) -> [String] {
    var seen: [String: Int] = [:]
    return diagnostics.map { diagnostic in
      let key = [CIPath.relative(diagnostic.path), diagnostic.rule, diagnostic.matched]
        .joined(separator: "\u{0}")
      let occurrence = seen[key, default: 0]
      seen[key] = occurrence + 1
      return hash(key + "\u{0}" + String(occurrence))
    }
  }

  /// FNV-1a over the UTF-8 bytes, as 16 lower-case hex digits.
  static func hash(_ text: String) -> String {
    let value = text.utf8.reduce(Tokenizer.fnvOffset) { ($0 ^ UInt64($1)) &* Tokenizer.fnvPrime }
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
