import GlossaryModel

/// Lints one file's text against a compiled glossary. Pure: no I/O, no printing.
public struct Linter: Sendable {
  public let glossary: CompiledGlossary
  public let configuration: Configuration
  /// Severities of the enabled rules when no override applies.
  public let severities: [String: Severity]
  /// Folded keys of `configuration.allow`.
  private let allowed: Set<String>
  /// The Match stage: listed, numeral and look-alike matches and phrase places.
  var finder: CandidateFinder

  public init(glossary: CompiledGlossary, configuration: Configuration) {
    self.glossary = glossary
    self.configuration = configuration
    severities = configuration.severities
    var folder = Folder()
    allowed = Set(configuration.allow.map { GlossaryChecker.foldedKey($0, &folder) })
    finder = CandidateFinder(glossary: glossary)
  }

  /// A linter with exactly these rules enabled, at these severities.
  public init(glossary: CompiledGlossary, severities: [String: Severity]) {
    var configuration = Configuration(root: ".")
    for rule in RuleRegistry.all {
      configuration.rules[rule.id] = severities[rule.id].map { .severity($0) } ?? .off
    }
    self.init(glossary: glossary, configuration: configuration)
  }

  /// The enabled rules and severities for a file, with the configuration's overrides.
  public func severities(for path: String) -> [String: Severity] {
    guard !configuration.overrides.isEmpty else { return severities }
    return configuration.severities(forRelative: configuration.relativePath(path))
  }

  /// All findings for `file`, in order of offset, then rule; `inconsistent` compares the
  /// renderings within the file. The file is read in its format (by `.lint.yml` `formats:`
  /// or its extension); a file its reader cannot read throws.
  public func lint(_ file: SourceFile) throws(FormatError) -> [Diagnostic] {
    lint(try document(for: file))
  }

  /// The file as the pipeline sees it: read by its format's reader, if it has one.
  public func document(for file: SourceFile) throws(FormatError) -> Document {
    let format = configuration.format(for: file.path)
    guard let reader = ReaderRegistry.reader(for: format) else { return Document(plain: file) }
    let options = ReaderOptions(checkFrontMatter: configuration.checkFrontMatter)
    return try Document(
      file, format: format, extraction: try reader.extract(file, options: options),
      targetLanguage: configuration.targetLanguage)
  }

  /// All findings for a document, in order of offset, then rule.
  public func lint(_ document: Document) -> [Diagnostic] {
    var reader = NumberReader()
    var scan = analyze(document, reader: &reader, phrasesInFile: true)
    var findings = scan.findings
    scan.findings = []
    let severities = scan.severities
    if let severity = severities[InconsistentRule.description.id] {
      let groups = Consistency.groups(scan.occurrences, glossary: glossary)
      findings += InconsistentRule.findings(groups, glossary: glossary, scope: .file).map {
        ($0.finding, severity)
      }
    }
    // The renderings and anchors are done with: not held while diagnostics are made.
    scan = FileScan()
    return finish(document.original, findings: &findings, severities: severities)
  }

  /// What one file yields before renderings are compared: findings of the match rules
  /// (not yet filtered by suppressions), renderings, the anchors of phrases and the folded
  /// ranges of glossary matches.
  struct FileScan: Sendable {
    var findings: [(Finding, Severity)] = []
    /// Renderings of glossary concepts, and of the file's own phrases when asked for.
    var occurrences: [RenderingOccurrence] = []
    var anchors: Set<PhraseAnchor> = []
    /// Folded ranges of every glossary match, sorted: no phrase may cross them.
    var exclusions: [Range<Int>] = []
    var severities: [String: Severity] = [:]
  }

  /// Folds and matches a document. With `collect`, gathers renderings whatever the rules;
  /// with `phrasesInFile`, also finds the renderings of the file's own phrases (file
  /// scope). Findings and renderings come back in the original file's coordinates.
  func analyze(
    _ document: Document, reader: inout NumberReader, collect: Bool = false,
    phrasesInFile: Bool = false
  ) -> FileScan {
    let file = document.view
    var scan = FileScan()
    let severities = severities(for: file.path)
    scan.severities = severities
    let groups = collect || severities[InconsistentRule.description.id] != nil
    let rules = RuleRegistry.matchRules.filter { severities[type(of: $0).description.id] != nil }
    let segmentRules =
      document.extraction?.segments.contains { $0.source != nil } == true
      ? RuleRegistry.segmentRules.filter { severities[type(of: $0).description.id] != nil } : []
    let bilingual = !segmentRules.isEmpty
    let textRules = RuleRegistry.textRules.filter {
      severities[type(of: $0).description.id] != nil
    }
    // Text rules read the view as it is; none enabled costs nothing.
    var textFound =
      textRules.isEmpty ? [] : textFindings(document, rules: textRules, severities: severities)
    let reorders = severities[ReorderedRule.description.id]
    guard !rules.isEmpty || groups || bilingual || reorders != nil else {
      scan.findings = textFound.map { (document.mapped($0.0), $0.1) }
      return scan
    }
    var folder = Folder()
    let folded = file.bytes.withUnsafeBufferPointer {
      folder.fold($0, range: file.textStart..<$0.count)
    }
    var found = finder.candidates(
      in: file, folded: folded, reader: &reader,
      wants: CandidateFinder.Wants(
        confusables: groups || bilingual || severities[ConfusableRule.description.id] != nil,
        numerals: groups || bilingual || severities[NumeralVariantRule.description.id] != nil,
        anchors: groups, phrasesInFile: phrasesInFile))
    if !document.isPlain {
      // A match across the blank line between two segments is no match.
      found.matches.removeAll {
        document.crossesSegments(folded.map.originalRange(ofFolded: $0.0.folded))
      }
    }
    let matches = found.matches
    if !textFound.isEmpty && !matches.isEmpty {
      // The glossary knows these spans ("Eighth Eighth Strategy" is a variant, not a
      // repeated word): text rules yield to its matches.
      let ranges = matches.map { folded.map.originalRange(ofFolded: $0.0.folded) }
      textFound.removeAll { finding in
        Self.overlapsAny(finding.0.range, ranges)
      }
    }
    let anchors = found.anchors
    let catalog = found.catalog
    let glossary = self.glossary
    scan.anchors = anchors
    scan.exclusions = matches.map(\.0.folded)

    // Display texts and keys are made once per distinct rendering, not per mention.
    var displays: [ArraySlice<UInt8>: String] = [:]
    var keys: [ArraySlice<UInt8>: String] = [:]
    var pluralKeys: [Int: String] = [:]
    let cache = RuleCache()
    for (match, source) in matches {
      if !allowed.isEmpty && allowed.contains(Self.key(folded.bytes[match.folded])) { continue }
      let range = folded.map.originalRange(ofFolded: match.folded)
      let context = MatchContext(
        file: file, glossary: glossary, match: match, range: range, source: source, cache: cache)
      for rule in rules {
        guard let finding = rule.check(context), let severity = severities[finding.rule] else {
          continue
        }
        scan.findings.append((finding, severity))
      }
      // A match inside one of its concept's longer names (`contained_in`) is the name's,
      // not a rendering of the concept.
      if groups && !ContainingName.covers(context) {
        // Columns read, not values made: a `Term` taken out of its list is a copy (a retain
        // and a release of each of its strings), at every mention.
        let termIndex = glossary.entries.termIndex(match.entry)
        let occurrenceSource: RenderingOccurrence.Source
        switch source {
        case .listed: occurrenceSource = .listed(glossary.entries[match.entry].kind)
        case .numeral: occurrenceSource = .numeral
        case .confusable: occurrenceSource = .confusable
        }
        let original = file.bytes[range.start..<range.end]
        let display =
          displays[original]
          ?? {
            let made = Phrases.display(String(decoding: original, as: UTF8.self))
            displays[original] = made
            return made
          }()
        // A plural is the same rendering as its singular ("88th Strategies", "88th
        // Strategy"): a listed form in the plural is keyed by the listed form.
        let key: String
        if case .listed = source, glossary.entries[match.entry].isPlural {
          key =
            pluralKeys[match.entry]
            ?? {
              var singular = Folder()
              let made = Self.key(singular.fold(glossary.entries[match.entry].form.text)[...])
              pluralKeys[match.entry] = made
              return made
            }()
        } else {
          let matched = folded.bytes[match.folded]
          key =
            keys[matched]
            ?? {
              let made = Self.key(matched)
              keys[matched] = made
              return made
            }()
        }
        scan.occurrences.append(
          RenderingOccurrence(
            concept: .term(termIndex), key: key,
            text: display, file: 0, path: file.path, range: range,
            position: SourcePosition(line: 1, column: 1), source: occurrenceSource,
            quoted: false,
            // Where a sentence starts matters only for concepts whose fix is the kept
            // rendering.
            atSentenceStart: !glossary.terms.hasPreferred(termIndex)
              && CaseAdapter.isSentenceStart(range.start, in: file),
            entry: match.entry))
      }
    }
    if let reorders {
      scan.findings += reorderFindings(document, folded: folded, matches: matches).map {
        ($0, reorders)
      }
    }
    if !document.isPlain {
      scan.findings = scan.findings.map { (document.mapped($0.0), $0.1) }
      if bilingual {
        scan.findings += segmentFindings(
          document, rules: segmentRules, severities: severities,
          matches: matches.map { (folded.map.originalRange(ofFolded: $0.0.folded), $0.0.entry) })
      }
      for index in scan.occurrences.indices {
        scan.occurrences[index].range = document.originalRange(scan.occurrences[index].range)
      }
    }
    scan.findings += textFound.map { (document.mapped($0.0), $0.1) }
    Self.locate(&scan.occurrences, in: document.original)
    if let catalog {
      scan.occurrences += phraseOccurrences(
        document, folded: folded, hits: found.phraseHits, keys: catalog.keys,
        exclusions: scan.exclusions, fileIndex: 0)
    }
    return scan
  }

  /// The findings of `reordered`, in the view's coordinates: one pass over the folded text
  /// (`ReorderIndex`), off the glossary's matches, inside one paragraph and one segment.
  func reorderFindings(
    _ document: Document, folded: FoldedText, matches: [(Match, MatchSource)]
  ) -> [Finding] {
    let index = finder.reorders.value
    guard !index.isEmpty else { return [] }
    let file = document.view
    var result: [Finding] = []
    for found in index.matches(in: folded.bytes, excluding: matches.map(\.0.folded)) {
      if !allowed.isEmpty && allowed.contains(Self.key(folded.bytes[found.folded])) { continue }
      let range = folded.map.originalRange(ofFolded: found.folded)
      if document.crossesSegments(range) || Self.hasBlankLine(file.bytes[range.start..<range.end]) {
        continue
      }
      if let finding = ReorderedRule.finding(
        found, range: range, folded: folded, file: file, glossary: glossary)
      {
        result.append(finding)
      }
    }
    return result
  }

  /// Whether `bytes` hold a blank line (two line breaks with only spaces between).
  static func hasBlankLine(_ bytes: ArraySlice<UInt8>) -> Bool {
    var sawBreak = false
    for byte in bytes {
      switch byte {
      case 0x0A:
        if sawBreak { return true }
        sawBreak = true
      case 0x20, 0x09, 0x0D: continue
      default: sawBreak = false
      }
    }
    return false
  }

  /// The findings of the text rules, in the view's coordinates.
  func textFindings(
    _ document: Document, rules: [any TextRule], severities: [String: Severity]
  ) -> [(Finding, Severity)] {
    let context = TextContext(document: document, targetLanguage: configuration.targetLanguage)
    guard !context.paragraphs.isEmpty else { return [] }
    var result: [(Finding, Severity)] = []
    for rule in rules {
      guard let severity = severities[type(of: rule).description.id] else { continue }
      result += rule.check(context).map { ($0, severity) }
    }
    return result
  }

  /// Whether `range` overlaps one of `ranges` (sorted by start, not overlapping).
  static func overlapsAny(_ range: TextRange, _ ranges: [TextRange]) -> Bool {
    var low = 0
    var high = ranges.count
    // The first range that ends after `range` starts.
    while low < high {
      let mid = (low + high) / 2
      if ranges[mid].end <= range.start { low = mid + 1 } else { high = mid }
    }
    return low < ranges.count && ranges[low].start < range.end
  }

  /// The findings of the segment rules, segment by segment (in original coordinates).
  func segmentFindings(
    _ document: Document, rules: [any SegmentRule], severities: [String: Severity],
    matches: [(range: TextRange, entry: Int)]
  ) -> [(Finding, Severity)] {
    guard let extraction = document.extraction else { return [] }
    var result: [(Finding, Severity)] = []
    var next = 0
    for segment in extraction.segments {
      guard Document.isLanguage(segment.language, configuration.targetLanguage) else { continue }
      while next < matches.count && matches[next].range.start < segment.range.lowerBound {
        next += 1
      }
      var end = next
      while end < matches.count && matches[end].range.end <= segment.range.upperBound {
        end += 1
      }
      let context = SegmentContext(
        document: document, segment: segment, glossary: glossary,
        matches: Array(matches[next..<end]), sources: finder.sources)
      next = end
      for rule in rules {
        guard let severity = severities[type(of: rule).description.id] else { continue }
        result += rule.check(context).map { ($0, severity) }
      }
    }
    return result
  }

  /// Whether a phrase place is part of a web or e-mail address ("chinadaily.com.cn" spells
  /// the key of "China Daily"): a `.`, `/` or `@` right before it, or right after it a `@`
  /// or a `.` followed by a letter or digit.
  static func isInAddress(_ range: TextRange, in file: SourceFile) -> Bool {
    let bytes = file.bytes
    if range.start > file.textStart, [0x2E, 0x2F, 0x40].contains(bytes[range.start - 1]) {
      return true
    }
    guard range.end < bytes.count else { return false }
    if bytes[range.end] == 0x40 { return true }
    guard bytes[range.end] == 0x2E, range.end + 1 < bytes.count else { return false }
    let next = bytes[range.end + 1]
    return (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A) || (next >= 0x30 && next <= 0x39)
  }

  /// Fills in the line and column of occurrences, in one pass over the file.
  static func locate(_ occurrences: inout [RenderingOccurrence], in file: SourceFile) {
    guard !occurrences.isEmpty else { return }
    // Found in order of offset as a rule: then one forward pass, no set, sort or dictionary.
    var inOrder = true
    for at in 1..<occurrences.count
    where occurrences[at - 1].range.start > occurrences[at].range.start {
      inOrder = false
      break
    }
    let order =
      inOrder
      ? Array(occurrences.indices)
      : occurrences.indices.sorted { occurrences[$0].range.start < occurrences[$1].range.start }
    let positions = file.lineIndex.positions(
      ofSorted: order.map { occurrences[$0].range.start }, in: file.bytes)
    for (at, index) in order.enumerated() { occurrences[index].position = positions[at] }
  }

  /// The renderings of phrases found in a folded file (`TextScan.phraseHits`): every place
  /// outside glossary matches, allowed phrases and headings.
  func phraseOccurrences(
    _ document: Document, folded: FoldedText, hits: [(Range<Int>, Int)], keys: [String],
    exclusions: [Range<Int>], fileIndex: Int
  ) -> [RenderingOccurrence] {
    let file = document.view
    var result: [RenderingOccurrence] = []
    var headings: [Int: Bool] = [:]
    var renderings: [String: (String, String)] = [:]
    for (foldedRange, keyIndex) in hits {
      if AnchorFinder.crosses(foldedRange, exclusions) { continue }
      if !allowed.isEmpty && allowed.contains(Self.key(folded.bytes[foldedRange])) { continue }
      let range = folded.map.originalRange(ofFolded: foldedRange)
      if Self.isInAddress(range, in: file) { continue }
      let line = file.lineIndex.lineNumber(containing: range.start)
      let heading = headings[line] ?? Phrases.isHeading(line: line, in: file)
      headings[line] = heading
      let text = file.text(range)
      // The same rendering recurs: its key and display text are computed once.
      let (key, display) =
        renderings[text]
        ?? {
          let made = (Phrases.renderingKey(text), Phrases.display(text))
          renderings[text] = made
          return made
        }()
      result.append(
        RenderingOccurrence(
          concept: .phrase(keys[keyIndex]), key: key, text: display, file: fileIndex,
          path: file.path, range: range, position: SourcePosition(line: 1, column: 1),
          source: .phrase, quoted: Self.isQuoted(foldedRange, in: folded.bytes),
          atSentenceStart: CaseAdapter.isSentenceStart(range.start, in: file), entry: nil,
          inHeading: heading))
    }
    if !document.isPlain {
      result.removeAll { document.crossesSegments($0.range) }
      for index in result.indices {
        result[index].range = document.originalRange(result[index].range)
      }
    }
    Self.locate(&result, in: document.original)
    return result
  }

  /// Whether a folded span stands between double quotation marks.
  static func isQuoted(_ range: Range<Int>, in text: [UInt8]) -> Bool {
    var before = range.lowerBound - 1
    while before >= 0 && text[before] == 0x20 { before -= 1 }
    var after = range.upperBound
    while after < text.count && text[after] == 0x20 { after += 1 }
    return before >= 0 && after < text.count && text[before] == UInt8(ascii: "\"")
      && text[after] == UInt8(ascii: "\"")
  }

  /// Drops suppressed findings, adds `unused-suppression`, and turns findings into sorted
  /// diagnostics with line and column.
  /// `findings` is used up (left empty): a caller that holds the only reference to it
  /// lets each finding move into its diagnostic without a copy.
  func finish(
    _ file: SourceFile, findings: inout [(Finding, Severity)], severities: [String: Severity]
  ) -> [Diagnostic] {
    var suppressions = Suppressions(file)
    // Without suppressions the findings are kept as they are (no copy).
    if !suppressions.isEmpty {
      var kept: [(Finding, Severity)] = []
      kept.reserveCapacity(findings.count)
      for (finding, severity) in findings {
        let line = file.lineIndex.lineNumber(containing: finding.range.start) + 1
        if suppressions.suppresses(rule: finding.rule, line: line) { continue }
        kept.append((finding, severity))
      }
      findings = kept
    }
    if let severity = severities[UnusedSuppression.description.id], !suppressions.isEmpty {
      let unused = suppressions.unused(
        knownRules: Set(RuleRegistry.all.map(\.id)), enabledRules: Set(severities.keys))
      findings += unused.map { ($0, severity) }
    }
    FindingMerge.merge(&findings)
    return Self.diagnostics(&findings, in: file)
  }

  /// The folded key of a folded span: its tokens joined by single spaces.
  static func key(_ folded: ArraySlice<UInt8>) -> String {
    let bytes = Array(folded)
    return Tokenizer.tokens(of: bytes).map {
      String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)
    }.joined(separator: " ")
  }

  /// Turns findings into diagnostics with line and column, sorted: the findings are
  /// ordered by index (no copies of them while sorting), and every position is found in
  /// one forward pass over the sorted offsets.
  /// `findings` is used up (left empty).
  static func diagnostics(_ findings: inout [(Finding, Severity)], in file: SourceFile)
    -> [Diagnostic]
  {
    var offsets: [Int] = []
    offsets.reserveCapacity(findings.count * 2)
    for (finding, _) in findings {
      offsets.append(finding.range.start)
      offsets.append(finding.range.end)
      for note in finding.notes where note.start == nil && note.path == nil {
        if let range = note.range { offsets.append(range.start) }
      }
    }
    offsets.sort()
    var unique = 0
    for offset in offsets where unique == 0 || offsets[unique - 1] != offset {
      offsets[unique] = offset
      unique += 1
    }
    offsets.removeLast(offsets.count - unique)
    let positions = file.lineIndex.positions(ofSorted: offsets, in: file.bytes)
    func position(_ offset: Int) -> SourcePosition {
      var low = 0
      var high = offsets.count
      while low < high {
        let mid = (low + high) / 2
        if offsets[mid] < offset { low = mid + 1 } else { high = mid }
      }
      return low < offsets.count && offsets[low] == offset
        ? positions[low] : SourcePosition(line: 1, column: 1)
    }
    // Fields compared in place: a comparison that copied two findings was a retain and a
    // release of each of their strings, at every step of the sort.
    let order = findings.withUnsafeBufferPointer { buffer -> [Int] in
      func less(_ x: Int, _ y: Int) -> Bool {
        if buffer[x].0.range != buffer[y].0.range { return buffer[x].0.range < buffer[y].0.range }
        if buffer[x].0.rule != buffer[y].0.rule { return buffer[x].0.rule < buffer[y].0.rule }
        if buffer[x].0.message != buffer[y].0.message {
          return buffer[x].0.message < buffer[y].0.message
        }
        return x < y
      }
      let inOrder = buffer.indices.dropFirst().allSatisfy { less($0 - 1, $0) }
      return inOrder ? Array(buffer.indices) : buffer.indices.sorted(by: less)
    }
    var result: [Diagnostic] = []
    result.reserveCapacity(findings.count)
    // Each finding's fields are moved out of the array (empty values take their place), so
    // its strings pass to the diagnostic without a retain and a release each.
    @inline(__always) func take<T>(_ value: inout T, leaving empty: T) -> T {
      var taken = empty
      swap(&taken, &value)
      return taken
    }
    findings.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for index in order {
        let place = base + index
        let range = place.pointee.0.range
        var notes = take(&place.pointee.0.notes, leaving: [])
        for note in notes.indices where notes[note].start == nil && notes[note].path == nil {
          if let range = notes[note].range { notes[note].start = position(range.start) }
        }
        result.append(
          Diagnostic(
            path: file.path, rule: take(&place.pointee.0.rule, leaving: ""),
            severity: place.pointee.1, message: take(&place.pointee.0.message, leaving: ""),
            range: range, start: position(range.start), end: position(range.end),
            matched: file.text(range), fix: take(&place.pointee.0.fix, leaving: nil),
            term: take(&place.pointee.0.term, leaving: nil), notes: notes,
            unit: take(&place.pointee.0.unit, leaving: nil)))
      }
    }
    findings = []
    return result
  }

}
