// Match stage: the one place that finds candidate spans.
//
// Takes: a file and its folded text. Gives: every glossary match — listed forms
// (`CompiledGlossary`), forms spelled with look-alike letters (`SkeletonIndex`), forms with
// numbers read as numbers (`NumeralIndex` through `TextScan`) — in folded coordinates,
// sorted, never overlapping, each with how it was found; and the phrase anchors and places
// that `inconsistent` compares. Rules judge these spans; they never search the text again.

/// Finds candidate spans for the rules. Built once per glossary; shared between threads.
struct CandidateFinder: Sendable {
  let glossary: CompiledGlossary
  /// The glossary's forms with numbers read, and by skeleton.
  let numerals: NumeralIndex
  let skeletons: LazySkeletonIndex
  /// Concepts by their Chinese source forms, for bilingual files.
  let sources: LazySourceMatcher
  /// Forms by their bag of content words, for `reordered`.
  let reorders: LazyReorderIndex
  /// Whether the case checks of numeral matches are remembered per file
  /// (`NumeralCaseCache`); off only in tests, which compare both ways.
  var cachesNumeralCase = true

  init(glossary: CompiledGlossary) {
    self.glossary = glossary
    if let stored = glossary.storedNumerals {
      numerals = stored
    } else {
      var reader = NumberReader()
      numerals = NumeralIndex(glossary: glossary, reader: &reader)
    }
    skeletons = LazySkeletonIndex(glossary: glossary)
    sources = LazySourceMatcher(glossary: glossary)
    reorders = LazyReorderIndex(glossary: glossary)
  }

  /// Which kinds of candidates the enabled rules need.
  struct Wants {
    var confusables: Bool
    var numerals: Bool
    /// Phrase anchors (capitalised runs, short quotations) of the file.
    var anchors: Bool
    /// Every place of the file's own anchored phrases (file-scoped `inconsistent`).
    var phrasesInFile: Bool
  }

  /// What the Match stage gives the rules for one file.
  struct Candidates {
    /// Glossary matches, sorted by folded start, non-overlapping.
    var matches: [(Match, MatchSource)] = []
    var anchors: Set<PhraseAnchor> = []
    /// The catalog of the file's own phrases, when asked for and anchors were found.
    var catalog: PhraseCatalog?
    /// Places of the catalog's phrases: folded range and key index.
    var phraseHits: [(Range<Int>, Int)] = []
  }

  func candidates(
    in file: SourceFile, folded: FoldedText, reader: inout NumberReader, wants: Wants
  ) -> Candidates {
    var result = Candidates()
    let glossary = self.glossary
    let checks = AcceptChecks(
      glossary: glossary, file: file, folded: folded, numerals: numerals,
      cachesCase: cachesNumeralCase)
    let accept: (Int, Range<Int>) -> Bool = { checks.listed($0, $1) }
    var matches: [(Match, MatchSource)] = glossary.matches(in: folded.bytes, accept: accept).map {
      ($0, .listed)
    }
    if wants.confusables && !skeletons.isEmpty && SkeletonIndex.hasLookalikes(folded.bytes) {
      let listed = matches.map(\.0.folded)
      for found in skeletons.value.matches(in: folded.bytes, accept: accept)
      where !AnchorFinder.overlaps(found.folded, listed) {
        matches.append((Match(folded: found.folded, entry: found.entry), .confusable))
      }
      matches.sort { $0.0.folded.lowerBound < $1.0.folded.lowerBound }
    }
    if wants.anchors {
      result.anchors = AnchorFinder.anchors(
        in: file, excluding: matches.map { folded.map.originalRange(ofFolded: $0.0.folded) },
        reader: &reader)
    }
    let catalog =
      wants.phrasesInFile && !result.anchors.isEmpty
      ? PhraseCatalog(anchors: result.anchors) : nil
    // Numbers and phrase places are found in one pass over the folded text.
    var textScan = TextScan(
      folded: folded, numerals: wants.numerals && !numerals.isEmpty ? numerals : nil,
      catalog: catalog)
    textScan.run(reader: &reader) { checks.numeral($0, $1) }
    if !textScan.numeralMatches.isEmpty {
      let listed = matches.map(\.0.folded)
      for found in textScan.numeralMatches where !AnchorFinder.overlaps(found.folded, listed) {
        matches.append(
          (Match(folded: found.folded, entry: found.entry), .numeral(ambiguous: found.ambiguous)))
      }
      matches.sort { $0.0.folded.lowerBound < $1.0.folded.lowerBound }
    }
    result.matches = matches
    result.catalog = catalog
    result.phraseHits = textScan.phraseHits
    return result
  }
}

/// The `accept` checks of one file's candidate matches, with what they read held in one
/// object: closures that captured the glossary, the file, the folded text and the numeral
/// index one by one were handed copies of all of them (a retain and a release of each of
/// their arrays) at every candidate.
private final class AcceptChecks {
  let glossary: CompiledGlossary
  let file: SourceFile
  let folded: FoldedText
  let numerals: NumeralIndex
  let cachesCase: Bool
  var caseCache = NumeralCaseCache()

  init(
    glossary: CompiledGlossary, file: SourceFile, folded: FoldedText, numerals: NumeralIndex,
    cachesCase: Bool
  ) {
    self.glossary = glossary
    self.file = file
    self.folded = folded
    self.numerals = numerals
    self.cachesCase = cachesCase
  }

  /// A listed form's match: `match_case` concepts are checked against the text as written.
  func listed(_ entryIndex: Int, _ range: Range<Int>) -> Bool {
    guard glossary.terms.matchCase(glossary.entries.termIndex(entryIndex)) else { return true }
    let original = file.text(folded.map.originalRange(ofFolded: range))
    return FormComparison.matchesCase(original: original, form: glossary.entries[entryIndex].text)
  }

  /// A numeral match: not an amount of money, and in a case the form allows.
  func numeral(_ entryIndex: Int, _ range: Range<Int>) -> Bool {
    let originalRange = folded.map.originalRange(ofFolded: range)
    if MoneyContext.isAmount(before: originalRange.start, in: file) { return false }
    guard cachesCase else { return caseMatches(entryIndex, originalRange) }
    return caseCache.matches(
      entry: entryIndex, bytes: file.bytes[originalRange.start..<originalRange.end],
      check: { caseMatches(entryIndex, originalRange) })
  }

  private func caseMatches(_ entryIndex: Int, _ originalRange: TextRange) -> Bool {
    NumeralCase.matches(
      original: file.text(originalRange),
      formWords: numerals.caseWords[entryIndex]
        ?? NumeralCase.words(glossary.entries[entryIndex].text),
      exact: glossary.terms.matchCase(glossary.entries.termIndex(entryIndex)))
  }
}
