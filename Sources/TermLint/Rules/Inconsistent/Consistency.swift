import GlossaryModel

/// What a group of renderings is about: a glossary concept or a phrase no glossary knows.
public enum ConceptKey: Hashable, Sendable {
  /// A glossary term, by its index in `CompiledGlossary.terms`.
  case term(Int)
  /// A phrase, by its key (folded words, numbers read, spacing left out).
  case phrase(String)
}

/// One place the text renders a concept.
public struct RenderingOccurrence: Sendable {
  /// How the place was found.
  public enum Source: Sendable, Equatable {
    /// A glossary form as listed.
    case listed(FormKind)
    /// A glossary form with its numbers read (`numeral-variant`).
    case numeral
    /// A glossary form spelled with look-alike letters (`confusable`).
    case confusable
    /// A phrase no glossary knows.
    case phrase
  }

  public var concept: ConceptKey
  /// What tells this rendering from the others of its concept.
  public var key: String
  /// The text as written, whitespace runs shown as one space.
  public var text: String
  /// The file's place in the run (files in path order); 0 when linting one file.
  public var file: Int
  public var path: String
  public var range: TextRange
  public var position: SourcePosition
  public var source: Source
  /// Between quotation marks.
  public var quoted: Bool
  /// At the start of a sentence (only found out where it matters: for phrases and for
  /// concepts with no preferred form, whose fix is the kept rendering).
  public var atSentenceStart: Bool
  /// The glossary entry matched, for glossary concepts.
  public var entry: Int?
}

/// The renderings of one concept in a file or a run, and which of them to keep.
public struct RenderingGroup: Sendable {
  /// One distinct rendering and where it occurs.
  public struct Rendering: Sendable {
    public var key: String
    /// As written at its first place (for a name, a place not at a sentence start).
    public var text: String
    public var occurrences: [RenderingOccurrence]
    public var source: RenderingOccurrence.Source { occurrences[0].source }
  }

  /// Why the kept rendering is kept.
  public enum Reason: Sendable, Equatable {
    case preferred
    case mostUsed
    /// Used as often as another one, and first.
    case firstUsed
  }

  public var concept: ConceptKey
  /// In order of first occurrence.
  public var renderings: [Rendering]
  /// The rendering to keep: the glossary's preferred form, else the most used.
  public var keptKey: String
  public var keptText: String
  public var reason: Reason
  /// The places that differ from the kept rendering and are reported.
  public var flagged: [RenderingOccurrence]
  /// Whether `inconsistent` reports this group.
  public var isInconsistent: Bool

  public var occurrenceCount: Int { renderings.reduce(0) { $0 + $1.occurrences.count } }
}

/// Groups renderings by concept and decides what to keep and what to report.
public enum Consistency {
  /// The groups of `occurrences` (in any order), in order of their first occurrence.
  ///
  /// A glossary concept keeps its preferred form; its accepted forms are listed but never
  /// reported (a full name followed by an accepted short form is good style). A concept
  /// without a preferred form, and a phrase, keeps the rendering used most (ties: the
  /// first). A phrase is reported only when at least two renderings differ in more than
  /// case, or it has a number, or a rendering is quoted: capitalisation alone ("New Year",
  /// "new year") is often a difference of meaning.
  public static func groups(
    _ occurrences: [RenderingOccurrence], glossary: CompiledGlossary
  ) -> [RenderingGroup] {
    let sorted = occurrences.sorted {
      $0.file != $1.file ? $0.file < $1.file : $0.range < $1.range
    }
    var order: [ConceptKey] = []
    var byConcept: [ConceptKey: [RenderingOccurrence]] = [:]
    for occurrence in sorted {
      if byConcept[occurrence.concept] == nil { order.append(occurrence.concept) }
      byConcept[occurrence.concept, default: []].append(occurrence)
    }
    var folder = Folder()
    return order.compactMap { concept in
      guard let list = byConcept[concept] else { return nil }
      return group(concept, list, glossary: glossary, folder: &folder)
    }
  }

  static func group(
    _ concept: ConceptKey, _ occurrences: [RenderingOccurrence], glossary: CompiledGlossary,
    folder: inout Folder
  ) -> RenderingGroup {
    var renderings: [RenderingGroup.Rendering] = []
    var index: [String: Int] = [:]
    for occurrence in occurrences {
      if let at = index[occurrence.key] {
        renderings[at].occurrences.append(occurrence)
      } else {
        index[occurrence.key] = renderings.count
        renderings.append(
          RenderingGroup.Rendering(
            key: occurrence.key, text: occurrence.text, occurrences: [occurrence]))
      }
    }
    // Show a name as written inside a sentence when it is written so somewhere.
    for at in renderings.indices {
      if let inside = renderings[at].occurrences.first(where: { !$0.atSentenceStart }) {
        renderings[at].text = inside.text
      }
    }
    var keptKey: String
    var keptText: String
    var reason: RenderingGroup.Reason
    var term: Term?
    if case .term(let termIndex) = concept { term = glossary.terms[termIndex] }
    if let preferred = term?.preferred {
      keptKey = GlossaryChecker.foldedKey(preferred.text, &folder)
      keptText = preferred.text
      reason = .preferred
    } else {
      let most = renderings.map(\.occurrences.count).max() ?? 0
      let first = renderings.first { $0.occurrences.count == most } ?? renderings[0]
      keptKey = first.key
      keptText = first.text
      reason = renderings.filter { $0.occurrences.count == most }.count > 1 ? .firstUsed : .mostUsed
    }
    let flagged = occurrences.filter { occurrence in
      guard occurrence.key != keptKey else { return false }
      switch occurrence.source {
      case .listed(.accepted), .listed(.preferred): return false
      default: return true
      }
    }
    var inconsistent = renderings.count >= 2 && !flagged.isEmpty
    if inconsistent, case .phrase(let key) = concept {
      let caseOnly = Set(renderings.map { $0.key.lowercased() }).count == 1
      if caseOnly && !key.contains("#") && !occurrences.contains(where: \.quoted) {
        inconsistent = false
      }
    }
    return RenderingGroup(
      concept: concept, renderings: renderings, keptKey: keptKey, keptText: keptText,
      reason: reason, flagged: flagged, isInconsistent: inconsistent)
  }
}
