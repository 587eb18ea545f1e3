// Tools: glossary terms → TBX-Basic (TBX v2, `martif type="TBX-Basic"`).
//
// One `termEntry` per concept, its id the concept's id; the concept's note as a `note`
// and its reference as `admin type="source"` at entry level; `langSet xml:lang="zh"` with
// the source forms (the source term first), `langSet xml:lang="en"` with one `tig` per
// form: the preferred form `preferredTerm-admn-sts`, accepted forms
// `admittedTerm-admn-sts`, variants `deprecatedTerm-admn-sts`, each form's note as the
// tig's `note`. `glossary import` reads all of it back.

import GlossaryModel

enum TBXExport {
  static func write(_ terms: [Term], title: String) throws(TermLintError) -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <martif type="TBX-Basic" xml:lang="en">
        <martifHeader>
          <fileDesc>
            <titleStmt>
              <title>\(try escape(title, in: nil))</title>
            </titleStmt>
            <sourceDesc>
              <p>Exported by termlint glossary export: \(terms.count) concepts.</p>
            </sourceDesc>
          </fileDesc>
          <encodingDesc>
            <p type="XCSURI">TBXBasicXCSV02.xcs</p>
          </encodingDesc>
        </martifHeader>
        <text>
          <body>

      """
    for term in terms {
      out += "      <termEntry id=\"\(try escape(term.id, in: term))\">\n"
      if let note = term.note {
        out += "        <note>\(try escape(note, in: term))</note>\n"
      }
      if let reference = term.reference {
        out += "        <admin type=\"source\">\(try escape(reference, in: term))</admin>\n"
      }
      let sources = term.sourceForms
      if !sources.isEmpty {
        out += "        <langSet xml:lang=\"zh\">\n"
        for source in sources {
          out += "          <tig>\n            <term>\(try escape(source, in: term))</term>\n"
          out += "          </tig>\n"
        }
        out += "        </langSet>\n"
      }
      out += "        <langSet xml:lang=\"en\">\n"
      var forms: [(Form, String)] = []
      if let preferred = term.preferred { forms.append((preferred, "preferredTerm-admn-sts")) }
      forms += term.accepted.map { ($0, "admittedTerm-admn-sts") }
      forms += term.variants.map { ($0, "deprecatedTerm-admn-sts") }
      for (form, status) in forms {
        out += "          <tig>\n"
        out += "            <term>\(try escape(form.text, in: term))</term>\n"
        out += "            <termNote type=\"administrativeStatus\">\(status)</termNote>\n"
        if let note = form.note {
          out += "            <note>\(try escape(note, in: term))</note>\n"
        }
        out += "          </tig>\n"
      }
      out += "        </langSet>\n"
      out += "      </termEntry>\n"
    }
    out += "    </body>\n  </text>\n</martif>\n"
    return out
  }

  /// Text escaped for element content and attribute values. A carriage return is written
  /// as a reference (XML would read a raw one as a line feed); characters XML 1.0 cannot
  /// hold at all are an error.
  static func escape(_ text: String, in term: Term?) throws(TermLintError) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\r": out += "&#13;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        guard value >= 0x20, value != 0xFFFE, value != 0xFFFF else {
          let hex = String(value, radix: 16, uppercase: true)
          let concept = term.map { " in '\($0.id)'" } ?? ""
          let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
          throw TermLintError(
            .glossary, "\(code)\(concept) cannot be written in XML", at: term?.location)
        }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
