import GlossaryModel

/// A glossary entry proposed by `termlint discover`: a new concept for a phrase no glossary
/// knows, or a known concept with the renderings the corpus adds to it.
public struct Proposal: Sendable {
  public var id: String
  /// The concept it extends, when it is a known one (its entry replaces it by id).
  public var term: Term?
  public var preferred: String?
  /// Discovered renderings to list as variants, as written.
  public var newVariants: [String]
  /// Renderings that differ from the preferred form only in case (`form` reports them).
  public var caseVariants: [String]
  /// Every distinct rendering with its count, for the comment.
  public var renderings: [(text: String, count: Int)]
  /// How many places the proposal is about.
  public var occurrences: Int
  /// `path:line:column` of those places, in order.
  public var places: [String]
  /// Where the preferred form was seen, written as the reference until a human finds an
  /// official one.
  public var seenAt: String?
  var order: (file: Int, offset: Int)
}

/// Turns rendering groups into glossary entries in the project's YAML format.
public enum Discovery {
  /// Proposals for a run's groups, most frequent first: every inconsistent phrase group,
  /// and every glossary concept whose text uses numeral or look-alike renderings that its
  /// glossary does not list.
  public static func proposals(_ groups: [RenderingGroup], glossary: CompiledGlossary)
    -> [Proposal]
  {
    var folder = Folder()
    var usedIDs = Set(glossary.terms.map(\.id))
    var result: [Proposal] = []
    for group in groups {
      switch group.concept {
      case .term(let index):
        if let proposal = extend(group, term: glossary.terms[index], folder: &folder) {
          result.append(proposal)
        }
      case .phrase:
        guard group.isInconsistent else { continue }
        result.append(phrase(group, usedIDs: &usedIDs, folder: &folder))
      }
    }
    return result.sorted {
      if $0.occurrences != $1.occurrences { return $0.occurrences > $1.occurrences }
      return $0.order.file != $1.order.file
        ? $0.order.file < $1.order.file : $0.order.offset < $1.order.offset
    }
  }

  static func place(_ occurrence: RenderingOccurrence) -> String {
    "\(occurrence.path):\(occurrence.position.line):\(occurrence.position.column)"
  }

  static func extend(_ group: RenderingGroup, term: Term, folder: inout Folder) -> Proposal? {
    var known = Set(
      ([term.preferred].compactMap { $0 } + term.accepted + term.variants).map {
        GlossaryChecker.foldedKey($0.text, &folder)
      })
    var added: [String] = []
    var occurrences: [RenderingOccurrence] = []
    for rendering in group.renderings {
      switch rendering.source {
      case .numeral, .confusable: break
      default: continue
      }
      occurrences += rendering.occurrences
      let key = GlossaryChecker.foldedKey(rendering.text, &folder)
      if known.insert(key).inserted { added.append(rendering.text) }
    }
    guard !added.isEmpty, let first = occurrences.first else { return nil }
    let sorted = occurrences.sorted {
      $0.file != $1.file ? $0.file < $1.file : $0.range < $1.range
    }
    return Proposal(
      id: term.id, term: term, preferred: term.preferred?.text, newVariants: added,
      caseVariants: [],
      renderings: group.renderings.map { ($0.text, $0.count) },
      occurrences: occurrences.count, places: sorted.map(place), seenAt: nil,
      order: (first.file, first.range.start))
  }

  static func phrase(_ group: RenderingGroup, usedIDs: inout Set<String>, folder: inout Folder)
    -> Proposal
  {
    let preferredKey = GlossaryChecker.foldedKey(group.keptText, &folder)
    var seen: Set<String> = [preferredKey]
    var variants: [String] = []
    var caseVariants: [String] = []
    for rendering in group.renderings where rendering.key != group.keptKey {
      let key = GlossaryChecker.foldedKey(rendering.text, &folder)
      if key == preferredKey {
        caseVariants.append(rendering.text)
      } else if seen.insert(key).inserted {
        variants.append(rendering.text)
      }
    }
    let all = group.renderings.flatMap(\.occurrences).sorted {
      $0.file != $1.file ? $0.file < $1.file : $0.range < $1.range
    }
    let kept = group.renderings.first { $0.key == group.keptKey }.map { $0.occurrence(0) }
    var id = slug(group.keptText)
    if id.isEmpty { id = "discovered" }
    if usedIDs.contains(id) {
      var number = 2
      while usedIDs.contains("\(id)-\(number)") { number += 1 }
      id = "\(id)-\(number)"
    }
    usedIDs.insert(id)
    return Proposal(
      id: id, term: nil, preferred: group.keptText, newVariants: variants,
      caseVariants: caseVariants,
      renderings: group.renderings.map { ($0.text, $0.count) },
      occurrences: all.count, places: all.map(place), seenAt: kept.map(place),
      order: (all.first?.file ?? 0, all.first?.range.start ?? 0))
  }

  /// A kebab-case id from a rendering, as the glossary loader derives ids.
  static func slug(_ text: String) -> String { GlossaryLoader.slug(text) }

  /// At most this many places are listed in an entry's comment.
  static let maximumPlaces = 8

  /// The proposals as a glossary file that `termlint glossary check` accepts.
  public static func yaml(_ proposals: [Proposal], files: Int) -> String {
    let entries = proposals.count
    var out = """
      # Proposed by termlint discover from \(files) file\(files == 1 ? "" : "s"): \
      \(entries) entr\(entries == 1 ? "y" : "ies"), most frequent first.
      # Review each entry before adding it to a glossary: for a new concept the preferred
      # form is the rendering used most (ties: the first), not necessarily the official one,
      # and its reference is where it was seen. An entry for a known concept has its id and
      # replaces it when loaded after it, with the discovered renderings added as variants.
      name: Discovered renderings

      """
    guard !proposals.isEmpty else { return out + "terms: []\n" }
    out += "terms:\n"
    for proposal in proposals {
      let places = proposal.places.prefix(maximumPlaces).joined(separator: ", ")
      let more = proposal.places.count > maximumPlaces ? ", …" : ""
      let plural = proposal.occurrences == 1 ? "" : "s"
      let what =
        proposal.term == nil ? "occurrence\(plural)" : "occurrence\(plural) of unlisted renderings"
      out += "\n  # \(proposal.occurrences) \(what): "
      out += places + more + "\n"
      let renderings = proposal.renderings.map { "“\($0.text)” ×\($0.count)" }
      out += "  # renderings: " + renderings.joined(separator: ", ") + "\n"
      for variant in proposal.caseVariants {
        out += "  # also written “\(variant)” (case only: the form rule reports it)\n"
      }
      out += "  - id: \(proposal.id)\n"
      if let term = proposal.term {
        out += entry(term, adding: proposal.newVariants)
      } else {
        out += "    preferred: \(scalar(proposal.preferred ?? ""))\n"
        if !proposal.newVariants.isEmpty {
          out += "    variants:\n"
          for variant in proposal.newVariants { out += "      - \(scalar(variant))\n" }
        }
        if let seenAt = proposal.seenAt {
          out += "    reference: \(scalar(seenAt))  # where it was seen: replace with a source\n"
        }
      }
    }
    return out
  }

  /// A known term written out again (source forms, forms with their notes, settings — case,
  /// match_case, number, quotes, contained_in, fix —, note and reference; not its examples,
  /// which the added variants could contradict), with `adding` appended to its variants.
  static func entry(_ term: Term, adding: [String]) -> String {
    var out = ""
    func item(_ form: Form) -> String {
      guard let note = form.note else { return "      - \(scalar(form.text))\n" }
      return "      - {text: \(scalar(form.text)), note: \(scalar(note))}\n"
    }
    if let source = term.source { out += "    source: \(scalar(source))\n" }
    if !term.otherSourceForms.isEmpty {
      out += "    source_forms:\n"
      for form in term.otherSourceForms { out += "      - \(scalar(form.text))\n" }
    }
    out += "    preferred: \(term.preferred.map { scalar($0.text) } ?? "null")\n"
    if !term.accepted.isEmpty {
      out += "    accepted:\n"
      for form in term.accepted { out += item(form) }
    }
    out += "    variants:\n"
    for form in term.variants { out += item(form) }
    for variant in adding { out += "      - \(scalar(variant))  # discovered\n" }
    if term.casePolicy != .standard { out += "    case: \(term.casePolicy.rawValue)\n" }
    if term.matchCase { out += "    match_case: true\n" }
    if term.singularOnly { out += "    number: singular\n" }
    if term.quotesOptional { out += "    quotes: optional\n" }
    if !term.containedIn.isEmpty {
      out += "    contained_in:\n"
      for form in term.containedIn { out += "      - \(scalar(form.text))\n" }
    }
    switch term.fixApplicability {
    case .safe: break
    case .unsafe: out += "    fix: unsafe\n"
    case .displayOnly: out += "    fix: none\n"
    }
    if let note = term.note { out += "    note: \(scalar(note))\n" }
    if let reference = term.reference { out += "    reference: \(scalar(reference))\n" }
    return out
  }

  /// A YAML double-quoted scalar. Control characters and look-alike letters are escaped
  /// (`\u043E`), so a reviewer sees the Cyrillic "о" in "Thоught".
  static func scalar(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || Confusables.isLookalike(scalar.value)
          || scalar.properties.generalCategory == .format
        {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out +=
            scalar.value > 0xFFFF
            ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
