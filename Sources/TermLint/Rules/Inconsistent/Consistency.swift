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
  /// On a heading line: never reported nor counted, but on a tie the rendering a heading
  /// uses is the one to keep.
  public var inHeading = false
}

/// The renderings of one concept in a file or a run, and which of them to keep.
public struct RenderingGroup: Sendable {
  /// One distinct rendering and where it occurs.
  ///
  /// Its places are indices into the occurrences given to `Consistency.groups`, which every
  /// rendering shares (no copy per rendering).
  public struct Rendering: Sendable {
    public var key: String
    /// As written at its first place (for a name, a place not at a sentence start).
    public var text: String
    /// The occurrences given to `Consistency.groups`, shared.
    let store: [RenderingOccurrence]
    /// This rendering's places, as indices into `store`, in order.
    var places: [Int32]
    /// How many places the rendering has.
    public var count: Int { places.count }
    /// Its place `at` (in order of occurrence).
    public func occurrence(_ at: Int) -> RenderingOccurrence { store[Int(places[at])] }
    /// Its places in order (a copy: for the rare reader that wants them all).
    public var occurrences: [RenderingOccurrence] { places.map { store[Int($0)] } }
    public var source: RenderingOccurrence.Source { store[Int(places[0])].source }
  }

  /// Why the kept rendering is kept.
  public enum Reason: Sendable, Equatable {
    case preferred
    case mostUsed
    /// Used as often as another one, and first.
    case firstUsed
    /// Used as often as another one, and the one a heading or a quotation uses.
    case headingOrQuoted
    /// Capitalised where the most used is not: a name is not kept in lower case.
    case capitalised
  }

  public var concept: ConceptKey
  /// In order of first occurrence.
  public var renderings: [Rendering]
  /// The rendering to keep: the glossary's preferred form, else the most used.
  public var keptKey: String
  public var keptText: String
  public var reason: Reason
  /// The occurrences given to `Consistency.groups`, shared by every group.
  let store: [RenderingOccurrence]
  /// The places that differ from the kept rendering and are reported, as indices into
  /// `store`.
  var flaggedPlaces: [Int32]
  /// The places that differ from the kept rendering and are reported (a copy).
  public var flagged: [RenderingOccurrence] { flaggedPlaces.map { store[Int($0)] } }
  /// Whether `inconsistent` reports this group.
  public var isInconsistent: Bool

  public var occurrenceCount: Int { renderings.reduce(0) { $0 + $1.count } }
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
    // Sorted and grouped by index: a file with many renderings is not copied twice more.
    let sorted = occurrences.indices.sorted { a, b in
      if occurrences[a].file != occurrences[b].file {
        return occurrences[a].file < occurrences[b].file
      }
      if occurrences[a].range != occurrences[b].range {
        return occurrences[a].range < occurrences[b].range
      }
      return a < b
    }
    var order: [ConceptKey] = []
    var byConcept: [ConceptKey: [Int]] = [:]
    for index in sorted {
      let concept = occurrences[index].concept
      if byConcept[concept] == nil { order.append(concept) }
      byConcept[concept, default: []].append(index)
    }
    var folder = Folder()
    return order.compactMap { concept in
      guard let list = byConcept[concept], list.contains(where: { !occurrences[$0].inHeading })
      else { return nil }
      return group(concept, list, in: occurrences, glossary: glossary, folder: &folder)
    }
  }

  /// The group of `concept`, whose places are `all` (indices into `store`, in order).
  static func group(
    _ concept: ConceptKey, _ all: [Int], in store: [RenderingOccurrence],
    glossary: CompiledGlossary, folder: inout Folder
  ) -> RenderingGroup {
    // Headings capitalise by style: their renderings only break ties.
    let hasHeading = all.contains { store[$0].inHeading }
    let places = hasHeading ? all.filter { !store[$0].inHeading } : all
    let headingKeys = Set(all.lazy.filter { store[$0].inHeading }.map { store[$0].key })
    var renderings: [RenderingGroup.Rendering] = []
    var index: [String: Int] = [:]
    for place in places {
      let key = store[place].key
      if let at = index[key] {
        renderings[at].places.append(Int32(truncatingIfNeeded: place))
      } else {
        index[key] = renderings.count
        renderings.append(
          RenderingGroup.Rendering(
            key: key, text: store[place].text, store: store,
            places: [Int32(truncatingIfNeeded: place)]))
      }
    }
    // Show a name as written inside a sentence when it is written so somewhere.
    for at in renderings.indices {
      if let inside = renderings[at].places.first(where: { !store[Int($0)].atSentenceStart }) {
        renderings[at].text = store[Int(inside)].text
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
      (keptKey, keptText, reason) = Self.kept(renderings, headingKeys: headingKeys)
    }
    var flagged: [Int32] = []
    for place in places where store[place].key != keptKey {
      switch store[place].source {
      case .listed(.accepted), .listed(.preferred): continue
      default: flagged.append(Int32(truncatingIfNeeded: place))
      }
    }
    var inconsistent = renderings.count >= 2 && !flagged.isEmpty
    if inconsistent, case .phrase(let key) = concept {
      let caseOnly = Set(renderings.map { $0.key.lowercased() }).count == 1
      if caseOnly && !key.contains("#") && !places.contains(where: { store[$0].quoted }) {
        inconsistent = false
      }
    }
    return RenderingGroup(
      concept: concept, renderings: renderings, keptKey: keptKey, keptText: keptText,
      reason: reason, store: store, flaggedPlaces: flagged, isInconsistent: inconsistent)
  }

  /// The rendering to keep when the glossary names none: the most used; on a tie the first
  /// that a heading or a quotation uses, else the first; and never a lower-case rendering
  /// over a capitalised one (then the most used of the capitalised ones, by the same ties).
  static func kept(_ renderings: [RenderingGroup.Rendering], headingKeys: Set<String>)
    -> (key: String, text: String, reason: RenderingGroup.Reason)
  {
    func choose(_ candidates: [RenderingGroup.Rendering])
      -> (RenderingGroup.Rendering, RenderingGroup.Reason)
    {
      let most = candidates.map(\.count).max() ?? 0
      let tied = candidates.filter { $0.count == most }
      if tied.count == 1 { return (tied[0], .mostUsed) }
      if let marked = tied.first(where: { rendering in
        headingKeys.contains(rendering.key)
          || rendering.places.contains { rendering.store[Int($0)].quoted }
      }) {
        return (marked, .headingOrQuoted)
      }
      return (tied[0], .firstUsed)
    }
    var (chosen, reason) = choose(renderings)
    let capitalised = renderings.filter { hasCapital($0.key) }
    if !hasCapital(chosen.key), !capitalised.isEmpty {
      chosen = choose(capitalised).0
      reason = .capitalised
    }
    return (chosen.key, chosen.text, reason)
  }

  /// Whether a rendering key has a capital letter (keys ignore a first letter's case).
  static func hasCapital(_ key: String) -> Bool {
    key.contains { $0.isUppercase }
  }
}
