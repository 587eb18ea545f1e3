// Tools: glossary terms → CSV (RFC 4180: comma-separated, CR LF line ends, fields with a
// comma, quote or line break quoted, quotes doubled), with the columns `glossary import`
// reads: id, source, preferred, accepted, variants, note, reference, and contained_in when a
// concept has such names. `source` lists the
// source term first, then the other source forms; list cells separate forms with `|` and
// escape `|`, `;` and `\` with a backslash. Form notes, case settings and examples have no
// column and are not written.

import GlossaryModel

enum CSVExport {
  static func write(_ terms: [Term]) -> String {
    // `contained_in` only when a concept has such names, so other exports keep their shape.
    let names = terms.contains { !$0.containedIn.isEmpty }
    let columns = DelimitedImport.columns.filter { names || $0 != "contained_in" }
    var out = columns.joined(separator: ",") + "\r\n"
    for term in terms {
      func list(_ forms: [String]) -> String {
        forms.map(DelimitedImport.escape).joined(separator: "|")
      }
      let fields =
        [
          term.id, list(term.sourceForms), term.preferred?.text ?? "",
          list(term.accepted.map(\.text)), list(term.variants.map(\.text)), term.note ?? "",
          term.reference ?? "",
        ] + (names ? [list(term.containedIn.map(\.text))] : [])
      out += fields.map(field).joined(separator: ",") + "\r\n"
    }
    return out
  }

  static func field(_ text: String) -> String {
    let needsQuotes = text.contains {
      $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n"
    }
    // A leading or trailing space would be trimmed on import: quoting does not keep it
    // either, so it is written as it is.
    guard needsQuotes else { return text }
    return "\"" + text.replacing("\"", with: "\"\"") + "\""
  }
}
