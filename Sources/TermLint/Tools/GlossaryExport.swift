// Tools: `termlint glossary export`. Takes glossaries (as a run merges them) and gives a
// termbase: TBX-Basic (TBX v2) or CSV. One file per format beside this one.

import GlossaryModel

/// A termbase format `glossary export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// TBX-Basic (`martif type="TBX-Basic"`, TBX v2, ISO 30042:2008).
  case tbx
  /// CSV with the columns `glossary import` reads (RFC 4180).
  case csv
}

/// Writes glossaries as termbases.
public enum GlossaryExport {
  /// The concepts of `glossaries` as a run merges them: a later term with the same id
  /// replaces the earlier one, in the earlier one's place.
  public static func terms(_ glossaries: [Glossary]) -> [Term] {
    var terms: [Term] = []
    var position: [String: Int] = [:]
    for term in glossaries.flatMap(\.terms) {
      if let index = position[term.id] {
        terms[index] = term
      } else {
        position[term.id] = terms.count
        terms.append(term)
      }
    }
    return terms
  }

  /// The terms in `format`. A text XML cannot hold (a control character) is an error that
  /// names the concept.
  public static func write(_ terms: [Term], as format: ExportFormat, title: String)
    throws(TermLintError) -> String
  {
    switch format {
    case .tbx: return try TBXExport.write(terms, title: title)
    case .csv: return CSVExport.write(terms)
    }
  }
}
