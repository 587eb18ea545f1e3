/// Writes compact JSON with keys in the order given, so output is byte-for-byte stable.
///
/// Shared by the JSON, SARIF and GitLab reporters: one escaping, one key order.
final class JSONWriter {
  private(set) var output = ""
  private var needsComma = [false]

  private func separate() {
    if needsComma[needsComma.count - 1] { output += "," }
    needsComma[needsComma.count - 1] = true
  }

  func object(_ body: () -> Void) {
    separate()
    output += "{"
    needsComma.append(false)
    body()
    needsComma.removeLast()
    output += "}"
  }

  func array<T>(_ items: [T], _ body: (T) -> Void) {
    separate()
    output += "["
    needsComma.append(false)
    for item in items { body(item) }
    needsComma.removeLast()
    output += "]"
  }

  func field(_ name: String, _ value: () -> Void) {
    separate()
    output += JSONWriter.escape(name) + ":"
    // The value follows the key without a comma.
    needsComma[needsComma.count - 1] = false
    value()
    needsComma[needsComma.count - 1] = true
  }

  func string(_ value: String?) {
    separate()
    output += value.map(JSONWriter.escape) ?? "null"
  }

  func number(_ value: Int?) {
    separate()
    output += value.map(String.init) ?? "null"
  }

  func bool(_ value: Bool) {
    separate()
    output += value ? "true" : "false"
  }

  func null() {
    separate()
    output += "null"
  }

  static func escape(_ text: String) -> String {
    // Most strings need no escaping: check the bytes and copy the string whole.
    var clean = true
    var previous: (UInt8, UInt8) = (0, 0)
    for byte in text.utf8 {
      // Control characters, quote, backslash, and U+2028/U+2029 (E2 80 A8/A9) need escaping.
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        || (previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9))
      {
        clean = false
        break
      }
      previous = (previous.1, byte)
    }
    if clean { return "\"" + text + "\"" }
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      default:
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

extension JSONWriter {
  /// The run's counts as reports write them: `files`, `files_with_findings`, the number of
  /// findings under `findingsKey` (JSON says `diagnostics`, the HTML page's data `findings`),
  /// the counts by severity, `skipped_binary`, `problems`, and `omitted` when findings were
  /// cut (`--max-findings`).
  func summary(_ summary: Summary, findingsKey: String) {
    object {
      field("files") { number(summary.filesChecked) }
      field("files_with_findings") { number(summary.filesWithFindings) }
      field(findingsKey) { number(summary.findings) }
      field("error") { number(summary.errors) }
      field("warning") { number(summary.warnings) }
      field("info") { number(summary.infos) }
      field("skipped_binary") { number(summary.skippedBinary) }
      field("problems") { number(summary.problems) }
      if summary.omitted > 0 { field("omitted") { number(summary.omitted) } }
    }
  }

  /// The files that could not be checked: path, line, column, kind and message, the texts
  /// passed through `shown` (the HTML page makes controls visible).
  func problems(_ problems: [TermLintError], shown: (String) -> String = { $0 }) {
    array(problems) { problem in
      object {
        field("path") { string(problem.path.map(shown)) }
        field("line") { number(problem.location?.line) }
        field("column") { number(problem.location?.column) }
        field("kind") { string(problem.kind.rawValue) }
        field("message") { string(shown(problem.message)) }
      }
    }
  }
}
