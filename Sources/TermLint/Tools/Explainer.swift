import Foundation
import GlossaryModel

/// Finds the concept a user asks about, for `termlint explain`: by id, by any source form, by
/// any of its forms (folded, so case and dashes do not matter), or by a form inside a
/// longer phrase.
public enum Explainer {
  public static func find(_ query: String, in glossary: CompiledGlossary) -> [Term] {
    let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
    if let term = glossary.term(id: trimmed) { return [term] }
    let bySource = glossary.terms.filter { $0.sourceForms.contains(trimmed) }
    if !bySource.isEmpty { return bySource }
    var folder = Folder()
    let key = GlossaryChecker.foldedKey(trimmed, &folder)
    var result: [Term] = []
    for entry in glossary.entries {
      let term = glossary.terms[entry.termIndex]
      if GlossaryChecker.foldedKey(entry.form.text, &folder) == key,
        !result.contains(where: { $0.id == term.id })
      {
        result.append(term)
      }
    }
    if !result.isEmpty { return result }
    // A form inside a longer phrase.
    let folded = folder.fold(trimmed)
    for match in glossary.matches(in: folded) {
      let term = glossary.terms[glossary.entries[match.entry].termIndex]
      if !result.contains(where: { $0.id == term.id }) { result.append(term) }
    }
    return result
  }

  /// A plain-text description of a concept.
  public static func describe(_ term: Term) -> String {
    var out = "\(term.source ?? term.id)  [\(term.id)]\n"
    func line(_ label: String, _ value: String?) {
      guard let value, !value.isEmpty else { return }
      out += "  " + label.padding(toLength: 11, withPad: " ", startingAt: 0) + value + "\n"
    }
    func forms(_ forms: [Form]) -> String? {
      guard !forms.isEmpty else { return nil }
      return forms.map { form in
        "“\(form.text)”" + (form.note.map { " (\($0))" } ?? "")
      }.joined(separator: "\n" + String(repeating: " ", count: 13))
    }
    line("source:", term.sourceForms.isEmpty ? nil : term.sourceForms.joined(separator: ", "))
    line(
      "preferred:",
      term.preferred.map { "“\($0.text)”" } ?? "none: no authoritative English rendering exists")
    line("accepted:", forms(term.accepted))
    line("variants:", forms(term.variants))
    line("inside:", forms(term.containedIn))
    line(
      "case:", term.casePolicy.rawValue + (term.matchCase ? ", forms match only in their case" : "")
    )
    line("note:", term.note)
    line("reference:", term.reference)
    line("glossary:", term.glossaryName + (term.location.map { " (\($0))" } ?? ""))
    return out
  }
}
