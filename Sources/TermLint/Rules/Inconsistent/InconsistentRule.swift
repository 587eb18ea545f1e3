import GlossaryModel

/// Where `inconsistent` compares renderings: within each file, or across the whole run.
public enum ConsistencyScope: String, Sendable, CaseIterable {
  case file
  case run
}

/// `inconsistent`: one concept rendered several ways in a file (or, with `--scope run`, in
/// a run).
public enum InconsistentRule {
  public static let description = RuleDescription(
    id: "inconsistent",
    summary: "One concept or name written several ways in a file (or a run).",
    rationale: """
      A reader cannot tell that "Eight-Eight Strategy", "88th Strategy" and "Eighth Eighth \
      Strategy" are one policy. termlint groups the renderings of each glossary concept \
      (listed, numeral and look-alike matches) and of names no glossary knows (capitalised \
      or quoted phrases whose words agree once case, spacing inside a word and numbers are \
      set aside: "Ten Special Actions" and "10 special actions"). When a concept appears \
      in more than one rendering, every place that differs from the one to keep is \
      reported, and the message lists all renderings with counts and lines. The one to \
      keep is the glossary's preferred form, else the most used (ties: the one a heading \
      or a quotation uses, else the first), and never a lower-case rendering over a \
      capitalised one; headings break ties but are never reported. \
      Accepted forms are listed but not reported; for glossary concepts with a preferred \
      form the fix comes from `variant`, `numeral-variant` or `confusable`, for the others \
      it is the kept rendering (unsafe). `--scope run` compares across all files of a run.
      """,
    defaultSeverity: .warning,
    fixable: true,
    flagExamples: [
      "the “⟦Eight-Eight Strategy⟧” and later the “⟦88th Strategy⟧”",
      "carried out the Ten Special Actions; the ⟦10 special actions⟧ were a success",
      "the Nanhu Memorial Hall, also called the ⟦Nan Hu Memorial Hall⟧",
    ],
    passExamples: [
      "the Double-Eight Strategy and again the Double-Eight Strategy",
      "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era, or Xi Jinping Thought",
      "Happy New Year! Plans for the new year",
      "The Party Committee met; the party committee of the county",
      "the 88th Strategy",
    ])

  /// The findings for the groups that are inconsistent: one per place to change, the whole
  /// picture in each message. `file` in the result is the occurrence's file index.
  static func findings(
    _ groups: [RenderingGroup], glossary: CompiledGlossary, scope: ConsistencyScope
  ) -> [(file: Int, finding: Finding)] {
    var result: [(file: Int, finding: Finding)] = []
    for group in groups where group.isInconsistent {
      var term: Term?
      if case .term(let index) = group.concept { term = glossary.terms[index] }
      let message = Self.message(group, term: term, scope: scope)
      let summary = Self.summary(group, term: term, scope: scope)
      let related = Self.related(group)
      for place in group.flaggedPlaces {
        let occurrence = group.store[Int(place)]
        var fix: Fix?
        if term?.preferred == nil {
          let replacement = CaseAdapter.adapt(
            group.keptText, toMatch: occurrence.text, policy: term?.casePolicy ?? .standard,
            atSentenceStart: occurrence.atSentenceStart)
          if replacement != occurrence.text {
            fix = Fix(
              edits: [Edit(range: occurrence.range, replacement: replacement)],
              applicability: term?.fixApplicability == .displayOnly ? .displayOnly : .unsafe)
          }
        }
        var finding = Finding(
          rule: description.id, range: occurrence.range, message: message, fix: fix,
          term: term.map(TermSummary.init))
        finding.relatedNotes = related.compactMap { key, note, file in
          guard key != occurrence.key else { return nil }
          var note = note
          if file == occurrence.file { note.path = nil }
          return note
        }
        finding.noteMessage = summary
        result.append((occurrence.file, finding))
      }
    }
    return result
  }

  /// The group's renderings as related places: "also written “X”" at the first place of
  /// each (at most `maximumRenderings`). Made once per group; each finding leaves out the
  /// rendering it is itself.
  static func related(_ group: RenderingGroup) -> [(key: String, note: Note, file: Int)] {
    group.renderings.prefix(maximumRenderings).compactMap { rendering in
      guard rendering.count > 0 else { return nil }
      let first = rendering.occurrence(0)
      return (
        rendering.key,
        Note(
          message: "also written \(quoted(rendering.text))", path: first.path,
          range: first.range, start: first.position), first.file
      )
    }
  }

  /// At most this many places are listed per rendering, and this many renderings.
  static let maximumPlaces = 5
  static let maximumRenderings = 8

  /// The message in short, for a note: the renderings are notes of their own.
  static func summary(_ group: RenderingGroup, term: Term?, scope: ConsistencyScope) -> String {
    let subject = term?.displayName ?? "This name"
    let place: String
    switch scope {
    case .file: place = "in this file"
    case .run: place = "in this run"
    }
    return "\(subject) is written \(group.renderings.count) ways \(place); keep "
      + "\(quoted(group.keptText)), \(reason(group.reason))"
  }

  static func reason(_ reason: RenderingGroup.Reason) -> String {
    switch reason {
    case .preferred: "the preferred form"
    case .mostUsed: "the most used"
    case .firstUsed: "the first of the most used"
    case .headingOrQuoted: "the one of the most used that a heading or a quotation uses"
    case .capitalised: "the capitalised one (a name is not kept in lower case)"
    }
  }

  static func message(_ group: RenderingGroup, term: Term?, scope: ConsistencyScope) -> String {
    let subject = term?.displayName ?? "This name"
    var fileSet = Set<Int>()
    if scope == .run {
      for rendering in group.renderings {
        for place in rendering.places { fileSet.insert(group.store[Int(place)].file) }
      }
    }
    let files = fileSet.count
    let place: String
    switch scope {
    case .file: place = "in this file"
    case .run: place = files == 1 ? "in this run (1 file)" : "in \(files) files of this run"
    }
    var parts: [String] = []
    for rendering in group.renderings.prefix(maximumRenderings) {
      let count = rendering.count
      var places: [String] = []
      for at in 0..<min(count, maximumPlaces) {
        let occurrence = rendering.occurrence(at)
        switch scope {
        case .file: places.append(String(occurrence.position.line))
        case .run: places.append("\(occurrence.path):\(occurrence.position.line)")
        }
      }
      if count > maximumPlaces { places.append("…") }
      let label = scope == .file ? (count == 1 ? "line " : "lines ") : ""
      parts.append(
        quoted(rendering.text) + (count > 1 ? " ×\(count)" : "") + " (" + label
          + places.joined(separator: ", ") + ")")
    }
    if group.renderings.count > maximumRenderings {
      parts.append("and \(group.renderings.count - maximumRenderings) more")
    }
    let why = reason(group.reason)
    var message =
      "\(subject) is written \(group.renderings.count) ways \(place): "
      + parts.joined(separator: ", ") + "; keep \(quoted(group.keptText)), \(why)"
    if let term, term.preferred == nil {
      message += " (no authoritative English rendering exists)"
    }
    return message
  }
}
