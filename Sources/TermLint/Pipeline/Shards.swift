// Pipeline: CI matrices. A shard (`--shard i/n`) lints a stable share of the files; its
// JSON report carries the renderings it saw (`ShardStatistics`), and `ShardMerge` puts the
// reports of all shards together, comparing renderings across the whole run again.

import Foundation
import GlossaryModel

/// One share of a run: the files whose path (relative to the configuration root) hashes
/// to `index - 1` modulo `count`. The hash is 64-bit FNV-1a over the UTF-8 bytes, the same
/// on every machine and in every run, so the `count` shards cover every file exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// 1-based.
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Reads `i/n` with 1 ≤ i ≤ n; nil for anything else.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    let digits = parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    guard parts.count == 2, digits,
      let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 1,
      index <= count
    else { return nil }
    self.init(index: index, count: count)
  }

  public var description: String { "\(index)/\(count)" }

  /// 64-bit FNV-1a of the UTF-8 bytes.
  public static func hash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// FNV-1a of `bytes`, 16 hex digits.
  public static func digest(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Whether the file at `relativePath` (relative to the configuration root) is in it.
  public func contains(relativePath: String) -> Bool {
    Self.hash(relativePath) % UInt64(count) == UInt64(index - 1)
  }

  /// The inputs in this shard.
  public func filter(_ inputs: [Runner.Input], configuration: Configuration) -> [Runner.Input] {
    inputs.filter { contains(relativePath: configuration.relativePath($0.path)) }
  }
}

/// What a shard's JSON report carries besides its findings, so that `ShardMerge` can
/// decide what one run over all files would have: every file it checked, and with
/// `--scope run` every rendering it saw of every concept and phrase (in the report,
/// `statistics`; docs/ci-matrix.md).
public struct ShardStatistics: Sendable {
  /// A checked file and the severity of `inconsistent` in it (nil: off there).
  public struct File: Sendable, Equatable {
    public var path: String
    public var inconsistent: Severity?
    /// FNV-1a of the file's bytes (hex), with `--scope run`: the merge reads a file again
    /// only when it is unchanged.
    public var digest: String?
  }

  /// One place a concept or phrase is rendered.
  public struct Place: Sendable, Equatable {
    /// The glossary term id, for a glossary concept.
    public var term: String?
    /// The term's preferred form (checked against the glossary of the merge).
    public var preferred: String?
    /// The phrase key, for a phrase no glossary knows.
    public var phrase: String?
    public var key: String
    public var text: String
    /// Index into `files`.
    public var file: Int
    public var range: TextRange
    public var start: SourcePosition
    public var end: SourcePosition
    /// The original bytes of the span.
    public var matched: String
    public var source: RenderingOccurrence.Source
    public var quoted: Bool
    public var atSentenceStart: Bool
    /// A `termlint-disable` comment silences `inconsistent` here.
    public var suppressed: Bool
  }

  public var shard: Shard?
  public var scope: ConsistencyScope
  public var files: [File] = []
  public var places: [Place] = []
  /// The phrase anchors of the shard's files (phrase key, first folded token): a phrase
  /// anchored in one shard is looked for in the files of the others by the merge.
  public var anchors: [(key: String, firstToken: String)] = []

  public init(shard: Shard?, scope: ConsistencyScope) {
    self.shard = shard
    self.scope = scope
  }
}

extension RenderingOccurrence.Source {
  /// The name in a report: `listed:<kind>`, `numeral`, `confusable`, `phrase`.
  public var name: String {
    switch self {
    case .listed(let kind): "listed:\(kind.rawValue)"
    case .numeral: "numeral"
    case .confusable: "confusable"
    case .phrase: "phrase"
    }
  }

  public init?(name: String) {
    switch name {
    case "numeral": self = .numeral
    case "confusable": self = .confusable
    case "phrase": self = .phrase
    default:
      guard name.hasPrefix("listed:"), let kind = FormKind(rawValue: String(name.dropFirst(7)))
      else { return nil }
      self = .listed(kind)
    }
  }
}

extension Runner {
  /// Lints one shard's inputs (already filtered) for a merge. With `scope: .file` this is
  /// `run`; with `.run` the renderings of the shard are collected and `inconsistent` is
  /// left to the merge, which sees every shard's renderings.
  public static func runShard(
    _ inputs: [Input], linter: Linter, shard: Shard?, jobs: Int = Runner.defaultJobs,
    progress: (@Sendable () -> Void)? = nil, scope: ConsistencyScope
  ) -> (result: RunResult, statistics: ShardStatistics) {
    var statistics = ShardStatistics(shard: shard, scope: scope)
    let inconsistent = InconsistentRule.description.id
    guard scope == .run else {
      let result = run(inputs, linter: linter, jobs: jobs, progress: progress, scope: .file)
      statistics.files = result.files.filter { $0.section == 0 }.map {
        ShardStatistics.File(path: $0.path, inconsistent: nil, digest: nil)
      }
      return (result, statistics)
    }
    let (files, scannedResult) = scanAll(
      inputs, linter: linter, jobs: jobs, collect: false, progress: progress)
    var result = scannedResult
    let groups = groupAll(files, linter: linter, jobs: jobs, collect: false)
    var byFile: [[RenderingOccurrence]] = Array(repeating: [], count: files.count)
    for group in groups {
      for rendering in group.renderings {
        for at in 0..<rendering.count {
          let occurrence = rendering.occurrence(at)
          byFile[occurrence.file].append(occurrence)
        }
      }
    }
    let slots = Slots<(FileReport, [ShardStatistics.Place])>(count: files.count)
    let scanned = files
    let renderings = byFile
    let glossary = linter.glossary
    perform(files.count, jobs: jobs) { index in
      let file = scanned[index].file
      let severities = scanned[index].scan.severities
      // Suppressions are counted as used where they silence a rendering of the shard.
      var findings = scanned[index].scan.findings
      var places: [ShardStatistics.Place] = []
      if let severity = severities[inconsistent] {
        places = Self.places(renderings[index], in: file, fileIndex: index, glossary: glossary)
        // Seen by `finish` as silenced findings, so the comments count as used.
        for place in places where place.suppressed {
          findings.append((Finding(rule: inconsistent, range: place.range, message: ""), severity))
        }
      }
      let diagnostics = linter.finish(file, findings: &findings, severities: severities)
      slots[index] = (
        FileReport(
          path: file.path, diagnostics: diagnostics, source: diagnostics.isEmpty ? nil : file),
        places
      )
    }
    for (index, slot) in slots.values.enumerated() {
      guard let (report, places) = slot else { continue }
      result.files.append(report)
      statistics.files.append(
        ShardStatistics.File(
          path: report.path, inconsistent: scanned[index].scan.severities[inconsistent],
          digest: Shard.digest(scanned[index].file.bytes)))
      statistics.places += places
    }
    var anchors = Set<PhraseAnchor>()
    for file in files where file.scan.severities[inconsistent] != nil {
      anchors.formUnion(file.scan.anchors)
    }
    statistics.anchors = anchors.map { ($0.key, String(decoding: $0.firstToken, as: UTF8.self)) }
      .sorted { $0.key != $1.key ? $0.key < $1.key : $0.firstToken < $1.firstToken }
    return (result, statistics)
  }

  /// The places of a file's renderings, in order of offset, with their end, original
  /// bytes and whether a suppression comment silences `inconsistent` there.
  static func places(
    _ occurrences: [RenderingOccurrence], in file: SourceFile, fileIndex: Int,
    glossary: CompiledGlossary
  ) -> [ShardStatistics.Place] {
    var suppressions = Suppressions(file)
    let occurrences = occurrences.sorted { $0.range < $1.range }
    let ends = file.lineIndex.positions(of: occurrences.map(\.range.end), in: file.bytes)
    return occurrences.map { occurrence in
      var term: Term?
      if case .term(let termIndex) = occurrence.concept { term = glossary.terms[termIndex] }
      var phrase: String?
      if case .phrase(let key) = occurrence.concept { phrase = key }
      let line = file.lineIndex.lineNumber(containing: occurrence.range.start) + 1
      let suppressed =
        !suppressions.isEmpty
        && suppressions.suppresses(rule: InconsistentRule.description.id, line: line)
      return ShardStatistics.Place(
        term: term?.id, preferred: term?.preferred?.text, phrase: phrase, key: occurrence.key,
        text: occurrence.text, file: fileIndex, range: occurrence.range,
        start: occurrence.position, end: ends[occurrence.range.end] ?? occurrence.position,
        matched: file.text(occurrence.range), source: occurrence.source,
        quoted: occurrence.quoted, atSentenceStart: occurrence.atSentenceStart,
        suppressed: suppressed)
    }
  }

  /// The phrase places of the file at `path` for the phrases of `catalog`, as the second
  /// phase of a run-scoped lint finds them; nil when the file is not there or not as the
  /// shard read it (`digest`).
  static func phrasePlaces(
    path: String, digest: String?, linter: Linter, catalog: PhraseCatalog
  ) -> [ShardStatistics.Place]? {
    guard case .text(let file) = load(.file(path)), let digest, Shard.digest(file.bytes) == digest
    else { return nil }
    let document: Document
    do {
      document = try linter.document(for: file)
    } catch {
      return nil
    }
    var reader = NumberReader()
    let scan = linter.analyze(document, reader: &reader, collect: false)
    var folder = Folder()
    let view = document.view
    let folded = view.bytes.withUnsafeBufferPointer {
      folder.fold($0, range: view.textStart..<$0.count)
    }
    var textScan = TextScan(folded: folded, numerals: nil, catalog: catalog)
    textScan.run(reader: &reader) { _, _ in true }
    let occurrences = linter.phraseOccurrences(
      document, folded: folded, hits: textScan.phraseHits, keys: catalog.keys,
      exclusions: scan.exclusions, fileIndex: 0)
    return places(occurrences, in: file, fileIndex: 0, glossary: linter.glossary)
  }
}

extension ShardStatistics {
  /// Places of one concept (or phrase), by rendering key.
  struct Concept {
    struct Rendering {
      var key: String
      var text: String
      var places: [Place]
    }
    var renderings: [Rendering]
  }

  /// The places grouped by concept, then rendering, in order of first place.
  static func concepts(_ places: [Place]) -> [Concept] {
    var order: [String] = []
    var byConcept: [String: (keys: [String], renderings: [String: Concept.Rendering])] = [:]
    for place in places {
      let concept = place.term.map { "t:" + $0 } ?? "p:" + (place.phrase ?? "")
      if byConcept[concept] == nil {
        order.append(concept)
        byConcept[concept] = ([], [:])
      }
      if byConcept[concept]?.renderings[place.key] == nil {
        byConcept[concept]?.keys.append(place.key)
        byConcept[concept]?.renderings[place.key] = Concept.Rendering(
          key: place.key, text: place.text, places: [])
      }
      byConcept[concept]?.renderings[place.key]?.places.append(place)
    }
    return order.compactMap { concept in
      guard let entry = byConcept[concept] else { return nil }
      return Concept(renderings: entry.keys.compactMap { entry.renderings[$0] })
    }
  }
}

/// Puts the JSON reports of the shards of a run together into what one run over all their
/// files gives: findings in path order, totals summed, and with `--scope run` the
/// `inconsistent` findings decided again over every shard's renderings.
public enum ShardMerge {
  /// The merged run. `uncountedFiles`: files the reports count but do not name (reports
  /// without statistics name only files with findings).
  public struct Merged: Sendable {
    public var result = RunResult()
    public var uncountedFiles = 0

    /// The run's counts, as one run would give them.
    public var summary: Summary {
      var summary = Summary(result)
      summary.filesChecked += uncountedFiles
      return summary
    }

    /// The report in `reporter`'s format.
    public func render(_ reporter: any Reporter, limit: FindingLimit = .none) -> String {
      var output = ""
      var stream = ReportStream(reporter) { output += $0 }
      var budget = FindingBudget(limit)
      for file in result.files {
        if limit.isNone {
          stream.add(reporter.piece(file), summary: Summary(file: file))
        } else {
          stream.add(limited: file, budget: &budget)
        }
      }
      var extra = Summary()
      extra.filesChecked = uncountedFiles
      stream.add("", summary: extra)
      stream.finish(problems: result.problems, skippedBinary: result.skippedBinary)
      return output
    }
  }

  /// Merges `reports` (name and report). `glossary` is needed when a report has run-scope
  /// statistics: it must be the glossary the shards used. With `readSources`, files found
  /// at their reported paths (with the reported bytes under every finding) give the source
  /// excerpts that text reports show.
  public static func merge(
    _ reports: [(name: String, report: JSONReport)], linter: Linter?,
    readSources: Bool = false, jobs: Int = Runner.defaultJobs
  ) throws(TermLintError) -> Merged {
    var merged = Merged()
    let withStatistics = reports.filter { $0.report.statistics != nil }
    let runScoped = withStatistics.filter { $0.report.statistics?.scope == .run }
    if !runScoped.isEmpty, let plain = reports.first(where: { $0.report.statistics?.scope != .run })
    {
      throw TermLintError(
        .usage,
        "cannot merge with reports of --scope run: it was not made with --shard and --scope run",
        path: plain.name)
    }
    // Every file in one report only.
    var owner: [String: String] = [:]
    var severity: [String: Severity?] = [:]
    for (name, report) in withStatistics {
      for file in report.statistics?.files ?? [] {
        if let other = owner[file.path] {
          throw TermLintError(
            .usage, "\(file.path) is in this report and in \(other): the same shard twice?",
            path: name)
        }
        owner[file.path] = name
        severity[file.path] = file.inconsistent
      }
    }
    let counts = Set(withStatistics.compactMap { $0.report.statistics?.shard?.count })
    if counts.count > 1 {
      throw TermLintError(
        .usage, "the reports are shards of different splits (\(counts.sorted()))", path: nil)
    }
    if let count = counts.first {
      let seen = Set(withStatistics.compactMap { $0.report.statistics?.shard?.index })
      let missing = (1...count).filter { !seen.contains($0) }
      if !missing.isEmpty {
        merged.result.notes.append(
          "shard\(missing.count == 1 ? "" : "s") "
            + missing.map { "\($0)/\(count)" }.joined(separator: ", ")
            + " missing: the merged report covers only part of the run")
      }
    }
    var byPath: [String: [Diagnostic]] = [:]
    for (_, report) in reports {
      for diagnostic in report.diagnostics {
        byPath[diagnostic.path, default: []].append(diagnostic)
      }
      if report.statistics == nil {
        let named = Set(report.diagnostics.map(\.path)).count
        merged.uncountedFiles += max(0, report.filesChecked - named)
      }
    }
    let paths = Set(owner.keys).union(byPath.keys).sorted {
      $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
    if !runScoped.isEmpty {
      guard let linter else {
        throw TermLintError(.usage, "merging --scope run reports needs the glossary", path: nil)
      }
      try recompute(
        runScoped, paths: paths, severity: severity, linter: linter, jobs: jobs, &byPath,
        notes: &merged.result.notes)
    }
    for path in paths {
      let diagnostics = (byPath[path] ?? []).sorted(by: Diagnostic.ordered)
      var source: SourceFile?
      if readSources && !diagnostics.isEmpty, case .text(let file) = Runner.load(.file(path)),
        diagnostics.allSatisfy({
          $0.range.end <= file.bytes.count && file.text($0.range) == $0.matched
        })
      {
        source = file
      }
      merged.result.files.append(FileReport(path: path, diagnostics: diagnostics, source: source))
    }
    // The errors of the walk (a missing path) are in every shard's report: said once.
    var seenProblems = Set<String>()
    for (_, report) in reports {
      for problem in report.problems
      where seenProblems.insert("\(problem.kind)\u{0}\(problem.path ?? "")\u{0}\(problem)").inserted
      {
        merged.result.problems.append(problem)
      }
    }
    merged.result.skippedBinary = Array(Set(reports.flatMap(\.report.skippedBinary))).sorted {
      $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
    return merged
  }

  /// The phrase places, found again, of the files of shards that lack some of the run's
  /// phrase anchors (a phrase anchored in one shard is looked for in every file, as in one
  /// run). A file not found as the shard read it keeps the shard's places, with a note.
  static func rescan(
    _ reports: [(name: String, report: JSONReport)], linter: Linter, jobs: Int,
    notes: inout [String]
  ) -> [String: [ShardStatistics.Place]] {
    var union = Set<PhraseAnchor>()
    for (_, report) in reports {
      for anchor in report.statistics?.anchors ?? [] {
        union.insert(PhraseAnchor(key: anchor.key, firstToken: Array(anchor.firstToken.utf8)))
      }
    }
    var todo: [ShardStatistics.File] = []
    for (_, report) in reports {
      guard let statistics = report.statistics else { continue }
      let own = Set(statistics.anchors.map { "\($0.key)\u{0}\($0.firstToken)" })
      guard own.count < union.count else { continue }
      todo += statistics.files.filter { $0.inconsistent != nil }
    }
    guard !todo.isEmpty else { return [:] }
    let catalog = PhraseCatalog(anchors: union)
    let slots = Slots<[ShardStatistics.Place]>(count: todo.count)
    let files = todo
    Runner.perform(files.count, jobs: jobs) { index in
      slots[index] = Runner.phrasePlaces(
        path: files[index].path, digest: files[index].digest, linter: linter, catalog: catalog)
    }
    var result: [String: [ShardStatistics.Place]] = [:]
    var missing = 0
    for (index, places) in slots.values.enumerated() {
      if let places { result[files[index].path] = places } else { missing += 1 }
    }
    if missing > 0 {
      notes.append(
        "\(missing) file\(missing == 1 ? " was" : "s were") not found as the shards read "
          + "\(missing == 1 ? "it" : "them"): names anchored in other shards were not looked "
          + "for there (run the merge in the same checkout)")
    }
    return result
  }

  /// Decides `inconsistent` over the renderings of every shard and merges its findings
  /// into each file's, as `Linter.finish` does in one run.
  static func recompute(
    _ reports: [(name: String, report: JSONReport)], paths: [String],
    severity: [String: Severity?], linter: Linter, jobs: Int,
    _ byPath: inout [String: [Diagnostic]], notes: inout [String]
  ) throws(TermLintError) {
    let glossary = linter.glossary
    let rescanned = rescan(reports, linter: linter, jobs: jobs, notes: &notes)
    var termIndex: [String: Int] = [:]
    for (index, term) in glossary.terms.enumerated() where termIndex[term.id] == nil {
      termIndex[term.id] = index
    }
    // In one run, a file's index is its place among the checked files in path order.
    let checked = paths.filter { severity[$0] != nil }
    let fileIndex = Dictionary(uniqueKeysWithValues: checked.enumerated().map { ($1, $0) })
    struct Key: Hashable {
      var file: Int
      var range: TextRange
    }
    var places: [Key: ShardStatistics.Place] = [:]
    var occurrences: [RenderingOccurrence] = []
    for (name, report) in reports {
      guard let statistics = report.statistics else { continue }
      var all = statistics.places
      for file in statistics.files {
        guard let fresh = rescanned[file.path] else { continue }
        let at = statistics.files.firstIndex(of: file) ?? 0
        all.removeAll { $0.file == at && $0.phrase != nil }
        all += fresh.map { place in
          var place = place
          place.file = at
          return place
        }
      }
      for place in all {
        let path = statistics.files[place.file].path
        guard let file = fileIndex[path] else { continue }
        let concept: ConceptKey
        if let id = place.term {
          guard let index = termIndex[id],
            glossary.terms[index].preferred?.text == place.preferred
          else {
            throw TermLintError(
              .usage,
              "the report was made with another glossary (term \(id)): merge with the "
                + "configuration and glossaries of the shards",
              path: name)
          }
          concept = .term(index)
        } else {
          concept = .phrase(place.phrase ?? "")
        }
        places[Key(file: file, range: place.range)] = place
        occurrences.append(
          RenderingOccurrence(
            concept: concept, key: place.key, text: place.text, file: file, path: path,
            range: place.range, position: place.start, source: place.source,
            quoted: place.quoted, atSentenceStart: place.atSentenceStart, entry: nil))
      }
    }
    let groups = Consistency.groups(occurrences, glossary: glossary)
    var added: [Int: [Finding]] = [:]
    for (file, finding) in InconsistentRule.findings(groups, glossary: glossary, scope: .run) {
      guard places[Key(file: file, range: finding.range)]?.suppressed != true else { continue }
      added[file, default: []].append(finding)
    }
    for (file, findings) in added {
      let path = checked[file]
      guard case .some(.some(let level)) = severity[path] else { continue }
      let existing = byPath[path] ?? []
      var known: [String: Diagnostic] = [:]
      var input: [(Finding, Severity)] = []
      for diagnostic in existing {
        known["\(diagnostic.rule)\u{0}\(diagnostic.range.start)\u{0}\(diagnostic.range.end)"] =
          diagnostic
        input.append(
          (
            Finding(
              rule: diagnostic.rule, range: diagnostic.range, message: diagnostic.message,
              fix: diagnostic.fix, term: diagnostic.term, notes: diagnostic.notes,
              unit: diagnostic.unit), diagnostic.severity
          ))
      }
      input += findings.map { ($0, level) }
      byPath[path] = FindingMerge.merge(input).map { finding, level in
        let base = known["\(finding.rule)\u{0}\(finding.range.start)\u{0}\(finding.range.end)"]
        let place = places[Key(file: file, range: finding.range)]
        return Diagnostic(
          path: path, rule: finding.rule, severity: level, message: finding.message,
          range: finding.range,
          start: base?.start ?? place?.start ?? SourcePosition(line: 1, column: 1),
          end: base?.end ?? place?.end ?? SourcePosition(line: 1, column: 1),
          matched: base?.matched ?? place?.matched ?? "", fix: finding.fix, term: finding.term,
          notes: finding.notes, unit: finding.unit)
      }
    }
  }
}
