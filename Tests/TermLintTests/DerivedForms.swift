import Foundation
import Testing

@testable import TermLint

/// Reruns a flagged text in the forms that break offsets (emoji and combining marks
/// before it, CRLF, NFD, a fullwidth prefix) and checks that `rule` still reports exactly
/// the expected spans, at the original bytes.
enum DerivedForms {
  static let transformations: [(String, @Sendable (String) -> String)] = [
    ("as is", { $0 }),
    ("emoji and combining marks before", { "🎉👍🏽 e\u{0301}a\u{0308} 八八战略 " + $0 }),
    (
      "CRLF line breaks",
      { "line one\r\n" + $0.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n" }
    ),
    ("NFD", { $0.decomposedStringWithCanonicalMapping }),
    ("fullwidth prefix", { "（注）　" + $0 }),
  ]

  /// `text` must get findings of `rule` whose matched text is, after NFC and with CRLF
  /// read as LF, `expected` (in order); every range must cut the original bytes to the
  /// matched text.
  static func expect(
    _ text: String, rule: String, matched expected: [String], linter: Linter,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    for (name, transform) in transformations {
      let derived = transform(text)
      let found = try lint(derived, with: linter).filter { $0.reports(rule: rule) }
      let bytes = Array(derived.utf8)
      for finding in found {
        #expect(
          String(decoding: bytes[finding.range.start..<finding.range.end], as: UTF8.self)
            == finding.matched, "\(name)", sourceLocation: sourceLocation)
      }
      let normalized = found.map {
        ICU.normalize($0.matched, .nfc).replacingOccurrences(of: "\r\n", with: "\n")
      }
      #expect(
        normalized == expected, "\(name): \(derived.debugDescription)",
        sourceLocation: sourceLocation)
    }
  }
}
