import GlossaryModel

/// A defect found in a glossary by `termlint glossary check`.
public struct GlossaryProblem: Equatable, Sendable, CustomStringConvertible {
  public var severity: Severity
  /// Stable kebab-case id of the check, shown in brackets.
  public var check: String
  public var message: String
  public var location: SourceLocation?

  public var description: String {
    let place = location.map { "\($0): " } ?? ""
    return "\(place)\(severity.rawValue): \(message) [\(check)]"
  }
}

/// Checks glossaries for the defects that make a glossary wrong or useless, beyond the
/// schema (which the loader checks): duplicate concepts, forms claimed twice, variants that
/// fold to a correct form, missing references, and examples that do not behave as stated.
public enum GlossaryChecker {
  public static let checks: [(id: String, summary: String)] = [
    ("duplicate-id", "two concepts share an id"),
    ("duplicate-concept", "two concepts share a source term and a preferred form"),
    (
      "duplicate-source",
      "a source form is claimed by two concepts (other than two concepts with the same 'source')"
    ),
    ("redundant-source-form", "a 'source_forms' item repeats the concept's 'source' or itself"),
    ("variant-is-correct-form", "a variant folds to a preferred or accepted form"),
    ("duplicate-variant", "the same variant (after folding) is listed under two concepts"),
    ("duplicate-form", "a preferred or accepted form is listed twice"),
    (
      "useless-accepted",
      "an accepted form is its own preferred or an earlier accepted form but for typography"
    ),
    (
      "contained-in-misses-term",
      "a 'contained_in' name does not hold any form of its concept after folding"
    ),
    (
      "contained-in-is-a-form",
      "a 'contained_in' name is itself a form of a concept, whose longer match wins there"
    ),
    ("missing-reference", "a concept with a preferred form has no reference"),
    (
      "redundant-quotes",
      "'quotes: optional' on a concept none of whose forms has quotes or brackets"
    ),
    (
      "unquoted-variant-is-correct-form",
      "with 'quotes: optional', a variant without its quotes folds to a preferred or accepted form"
    ),
    ("example-not-flagged", "a 'flag' example gets no finding for its concept"),
    ("example-flagged", "a 'pass' example gets a finding for its concept"),
  ]

  struct Owner {
    var term: Term
    var kind: FormKind
    var form: Form
  }

  /// Checks `glossaries` as one set (as a run would merge them).
  public static func check(_ glossaries: [Glossary]) -> [GlossaryProblem] {
    var problems: [GlossaryProblem] = []
    func report(
      _ severity: Severity, _ check: String, _ message: String, _ location: SourceLocation?
    ) {
      problems.append(
        GlossaryProblem(severity: severity, check: check, message: message, location: location))
    }
    let terms = glossaries.flatMap(\.terms)
    var byID: [String: Term] = [:]
    var byConcept: [String: Term] = [:]
    for term in terms {
      if let first = byID[term.id] {
        report(
          .error, "duplicate-id", "the id '\(term.id)' is also used at \(place(first))",
          term.location)
      } else {
        byID[term.id] = term
      }
      if let source = term.source, let preferred = term.preferred?.text {
        let key = source + "\u{0}" + preferred
        if let first = byConcept[key], first.id != term.id {
          report(
            .error, "duplicate-concept",
            "\(source) → “\(preferred)” is also defined as '\(first.id)' at \(place(first))",
            term.location)
        } else {
          byConcept[key] = term
        }
      }
    }

    // Source forms, exactly as written (the Chinese matcher folds Traditional to Simplified
    // itself). Concepts with the same `source` (singular and plural titles) share their forms
    // on purpose; a form claimed by two other concepts would send a source term to either.
    var bySourceForm: [String: (term: Term, location: SourceLocation?)] = [:]
    for term in terms {
      var seen: Set<String> = []
      if let source = term.source { seen.insert(source) }
      for form in term.otherSourceForms where !seen.insert(form.text).inserted {
        let what = form.text == term.source ? "the concept's 'source'" : "an earlier item"
        report(
          .warning, "redundant-source-form",
          "source form “\(form.text)” of '\(term.id)' repeats \(what)", form.location)
      }
      let located =
        (term.source.map { [($0, term.location)] } ?? [])
        + term.otherSourceForms.map { ($0.text, $0.location ?? term.location) }
      var claimed: Set<String> = []
      for (text, location) in located where claimed.insert(text).inserted {
        if let first = bySourceForm[text] {
          if first.term.id != term.id && first.term.source != term.source {
            report(
              .error, "duplicate-source",
              "source form “\(text)” of '\(term.id)' is also a source form of '\(first.term.id)' "
                + "at \(place(first.location))", location)
          }
        } else {
          bySourceForm[text] = (term, location)
        }
      }
    }

    // Every form by its folded token key.
    var folder = Folder()
    var correct: [String: Owner] = [:]
    var variants: [String: Owner] = [:]
    for term in terms {
      var forms: [(FormKind, Form)] = []
      if let preferred = term.preferred { forms.append((.preferred, preferred)) }
      forms += term.accepted.map { (.accepted, $0) }
      for (kind, form) in forms {
        let key = foldedKey(form.text, &folder)
        if let first = correct[key] {
          if first.term.id == term.id && kind == .accepted {
            // Another case (or dash, width, spacing) of the same words is an accepted way of
            // writing them ("Chinese dream" beside "Chinese Dream"); the same characters but
            // for quotes, hyphens and spaces add nothing, since typography is never a finding.
            let earlier = forms.prefix { $0.1 != form }.map(\.1)
            if let same = earlier.first(where: { isSameButTypography(form.text, $0.text) }) {
              report(
                .warning, "useless-accepted",
                "accepted form “\(form.text)” is “\(same.text)” but for typography; "
                  + "it is matched as that form already", form.location)
            }
          } else if !(first.term.source == term.source
            && first.term.preferred?.text == term.preferred?.text && first.term.id != term.id)
          {
            // (A duplicate concept is reported once, above.)
            report(
              .error, "duplicate-form",
              "“\(form.text)” (\(kind.rawValue) of '\(term.id)') is also the \(first.kind.rawValue) "
                + "form “\(first.form.text)” of '\(first.term.id)'", form.location)
          }
        } else {
          correct[key] = Owner(term: term, kind: kind, form: form)
        }
      }
    }
    for term in terms {
      for form in term.variants {
        let key = foldedKey(form.text, &folder)
        if let owner = correct[key] {
          let whose = owner.term.id == term.id ? "its own" : "'\(owner.term.id)''s"
          report(
            .error, "variant-is-correct-form",
            "variant “\(form.text)” of '\(term.id)' folds to \(whose) \(owner.kind.rawValue) form "
              + "“\(owner.form.text)”", form.location)
        } else if let first = variants[key] {
          let message =
            first.term.id == term.id
            ? "variant “\(form.text)” is listed twice for '\(term.id)' (as “\(first.form.text)”)"
            : "variant “\(form.text)” of '\(term.id)' is also a variant of '\(first.term.id)' "
              + "at \(place(first.form.location))"
          report(.error, "duplicate-variant", message, form.location)
        } else {
          variants[key] = Owner(term: term, kind: .variant, form: form)
        }
      }
    }
    // `quotes: optional`: the forms without their quotes are matched too.
    for term in terms where term.quotesOptional {
      let listed = [term.preferred].compactMap { $0 } + term.accepted + term.variants
      if listed.allSatisfy({ QuoteMarks.unquoted($0.text) == nil }) {
        report(
          .warning, "redundant-quotes",
          "'\(term.id)' says 'quotes: optional' but none of its forms has quotes or brackets",
          term.location)
      }
      for form in term.variants {
        guard let unquoted = QuoteMarks.unquoted(form.text),
          let owner = correct[foldedKey(unquoted, &folder)]
        else { continue }
        report(
          .error, "unquoted-variant-is-correct-form",
          "variant “\(form.text)” of '\(term.id)' without its quotes is the \(owner.kind.rawValue) "
            + "form “\(owner.form.text)” of '\(owner.term.id)'; write 'quotes: required'",
          form.location)
      }
    }
    // `contained_in`: each name must hold one of the concept's forms (or its plural).
    for term in terms where !term.containedIn.isEmpty {
      var keys: [[String]] = []
      for form in [term.preferred].compactMap({ $0 }) + term.accepted + term.variants {
        for text in [form.text, QuoteMarks.unquoted(form.text)].compactMap({ $0 }) {
          keys.append(ContainingName.tokens(folder.fold(text)))
          if let plural = Inflection.plural(of: text) {
            keys.append(ContainingName.tokens(folder.fold(plural)))
          }
        }
      }
      for name in term.containedIn {
        let words = ContainingName.tokens(folder.fold(name.text))
        let holds = keys.contains { key in
          !key.isEmpty && key.count < words.count
            && (0...(words.count - key.count)).contains {
              words[$0..<$0 + key.count].elementsEqual(key)
            }
        }
        if let owner = correct[foldedKey(name.text, &folder)]
          ?? variants[foldedKey(name.text, &folder)], owner.term.id != term.id
        {
          report(
            .warning, "contained-in-is-a-form",
            "'contained_in' name “\(name.text)” of '\(term.id)' is the \(owner.kind.rawValue) form "
              + "“\(owner.form.text)” of '\(owner.term.id)', which is matched there instead; "
              + "the name is never used", name.location ?? term.location)
        }
        if !holds {
          report(
            .error, "contained-in-misses-term",
            "'contained_in' name “\(name.text)” of '\(term.id)' holds none of its forms after "
              + "folding, so it can never be the name around a match",
            name.location ?? term.location)
        }
      }
    }
    for term in terms where term.preferred != nil && (term.reference ?? "").isEmpty {
      report(
        .warning, "missing-reference",
        "'\(term.id)' has a preferred form but no reference for it", term.location)
    }

    // Examples, with the glossaries as a run would merge them.
    let linter = Linter(
      glossary: CompiledGlossary(glossaries: glossaries),
      severities: Configuration(root: ".").severities)
    for term in linter.glossary.terms {
      for example in term.flagExamples where findings(example, term: term, linter: linter).isEmpty {
        report(
          .error, "example-not-flagged",
          "'\(term.id)': the flag example “\(example)” gets no finding", term.location)
      }
      for example in term.passExamples {
        if let finding = findings(example, term: term, linter: linter).first {
          report(
            .error, "example-flagged",
            "'\(term.id)': the pass example “\(example)” is flagged: \(finding.message)",
            term.location)
        }
      }
    }
    return problems.sorted { a, b in
      let pa = a.location.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
      let pb = b.location.map { ($0.path, $0.line, $0.column) } ?? ("", 0, 0)
      if pa != pb { return pa < pb }
      return a.check < b.check
    }
  }

  static func findings(_ text: String, term: Term, linter: Linter) -> [Diagnostic] {
    guard let file = try? SourceFile(path: "example", bytes: Array(text.utf8)) else { return [] }
    return linter.lint(Document(plain: file)).filter { $0.term?.id == term.id }
  }

  /// The form's tokens after folding, space-separated: equal keys match the same text.
  static func foldedKey(_ text: String, _ folder: inout Folder) -> String {
    let folded = folder.fold(text)
    return Tokenizer.tokens(of: folded).map {
      String(decoding: folded[$0.start..<$0.end], as: UTF8.self)
    }.joined(separator: " ")
  }

  /// Whether two forms are the same characters but for quotes, apostrophes, hyphens and
  /// space characters.
  static func isSameButTypography(_ a: String, _ b: String) -> Bool {
    guard let difference = FormComparison.compare(original: a, preferred: b, policy: .exact)
    else { return true }
    return difference.reasons.isEmpty
  }

  static func place(_ term: Term) -> String { place(term.location) }

  static func place(_ location: SourceLocation?) -> String {
    location.map(\.description) ?? "another glossary"
  }
}
