import Dispatch
import Foundation
import GlossaryModel
import Synchronization

/// The outcome of linting one file.
public struct FileReport: Sendable {
  public var path: String
  public var diagnostics: [Diagnostic]
  /// The file's text, kept when there are findings (reporters show source lines).
  /// The source excerpt of each finding, keyed by the byte offset where it starts, for
  /// reporters that show the source line.
  public var excerpts: [Int: SourceExcerpt]
  /// For a file linted in sections (see `Sectioning`): which section this is, whether an
  /// earlier one had findings, and whether it is the last. A whole file is section 0 and
  /// the last.
  public var section = 0
  public var findingsBefore = false
  public var isLastSection = true

  public init(path: String, diagnostics: [Diagnostic], excerpts: [Int: SourceExcerpt] = [:]) {
    self.path = path
    self.diagnostics = diagnostics
    self.excerpts = excerpts
  }

  /// A file with no findings at all: the last section, with none before it.
  public var isClean: Bool { diagnostics.isEmpty && !findingsBefore && isLastSection }

  /// The report with every offset moved by `base` (a section's place in its file).
  func shifted(by base: Int) -> FileReport {
    guard base != 0 else { return self }
    func move(_ range: TextRange) -> TextRange {
      TextRange(start: range.start + base, end: range.end + base)
    }
    var report = self
    report.diagnostics = diagnostics.map { diagnostic in
      var moved = diagnostic
      moved.range = move(diagnostic.range)
      if var fix = diagnostic.fix {
        fix.edits = fix.edits.map { Edit(range: move($0.range), replacement: $0.replacement) }
        moved.fix = fix
      }
      return moved
    }
    report.excerpts = Dictionary(
      uniqueKeysWithValues: excerpts.map { key, excerpt in
        var moved = excerpt
        moved.start += base
        return (key + base, moved)
      })
    return report
  }

  /// A report with the excerpts of `diagnostics` taken from `source`.
  public init(path: String, diagnostics: [Diagnostic], source: SourceFile?) {
    var excerpts: [Int: SourceExcerpt] = [:]
    if let source {
      for diagnostic in diagnostics where excerpts[diagnostic.range.start] == nil {
        excerpts[diagnostic.range.start] = SourceExcerpt(
          file: source, range: diagnostic.range, line: diagnostic.start.line)
      }
    }
    self.init(path: path, diagnostics: diagnostics, excerpts: excerpts)
  }
}

/// The outcome of a whole run, deterministic whatever the number of threads.
public struct RunResult: Sendable {
  /// Files linted as text, sorted by path.
  public var files: [FileReport] = []
  /// Errors: missing paths, unreadable files, invalid UTF-8. Sorted by path.
  public var problems: [TermLintError] = []
  /// Files skipped because they are binary.
  public var skippedBinary: [String] = []
  /// Things said once that are not errors (directory loops).
  public var notes: [String] = []

  public var diagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }

  public init() {}
}

/// Lints many files in parallel, keeping the output order fixed.
public enum Runner {
  /// Something to lint: a path on disk, or text read already (stdin).
  public enum Input: Sendable {
    case file(String)
    case text(path: String, bytes: [UInt8])

    public var path: String {
      switch self {
      case .file(let path): path
      case .text(let path, _): path
      }
    }
  }

  /// Lints `inputs`; with `scope: .run`, `inconsistent` compares renderings across all of
  /// them (see `runScoped`).
  public static func run(
    _ inputs: [Input], linter: Linter, jobs: Int = Runner.defaultJobs,
    progress: (@Sendable () -> Void)? = nil, scope: ConsistencyScope = .file
  ) -> RunResult {
    if scope == .run {
      return runScoped(inputs, linter: linter, jobs: jobs, progress: progress)
    }
    var result = RunResult()
    let outcome = stream(
      inputs, linter: linter, jobs: jobs, progress: progress, render: { $0 },
      emit: { result.files.append($0) })
    result.problems = outcome.problems
    result.skippedBinary = outcome.skippedBinary
    return result
  }

  /// What a streamed run leaves besides the pieces it emitted.
  public struct StreamOutcome: Sendable {
    /// Errors: unreadable files, invalid UTF-8. In path order.
    public var problems: [TermLintError] = []
    /// Binary files skipped, in path order.
    public var skippedBinary: [String] = []
  }

  /// Lints `inputs` (`inconsistent` within each file) and hands each checked file's report
  /// to `render` on the worker that linted it; `emit` gets the results one at a time, in
  /// path order, as soon as every earlier file is done. At most `window` results wait for
  /// an earlier file, so memory stays bounded however many files there are and the output
  /// starts before the run ends. The order of `emit` calls does not depend on `jobs`.
  public static func stream<Piece: Sendable>(
    _ inputs: [Input], linter: Linter, jobs: Int = Runner.defaultJobs,
    progress: (@Sendable () -> Void)? = nil, window: Int? = nil,
    sectioning: Sectioning = .standard,
    render: @escaping @Sendable (FileReport) -> Piece, emit: @escaping (Piece) -> Void
  ) -> StreamOutcome {
    let ordered = inputs.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    let workers = min(max(jobs, 1), max(ordered.count, 1))
    let queue = OrderedQueue<Piece>(window: window ?? 16 * workers, emit: emit)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        queue.waitForRoom()
        let index = next.add(1, ordering: .relaxed).oldValue
        if index >= ordered.count {
          queue.giveBackRoom()
          return
        }
        if case .file(let path) = ordered[index], let size = FileReader.size(of: path),
          size > sectioning.threshold
        {
          lintSections(
            path, linter: linter, size: sectioning.size, index: index, queue: queue,
            render: render)
        } else {
          switch lintOne(ordered[index], linter: linter) {
          case .report(let report): queue.deliver(index, .piece(render(report)))
          case .binary(let path): queue.deliver(index, .binary(path))
          case .problem(let problem): queue.deliver(index, .problem(problem))
          }
        }
        progress?()
      }
    }
    return queue.outcome
  }

  /// Lints a large file section by section (see `Sectioning`), handing each section's
  /// report to `render` and the queue as it is done. After the first section it waits until
  /// every earlier file has been emitted, so no more than one section's piece waits.
  static func lintSections<Piece: Sendable>(
    _ path: String, linter: Linter, size: Int, index: Int, queue: OrderedQueue<Piece>,
    render: @Sendable (FileReport) -> Piece
  ) {
    func problem(_ message: String) -> OrderedQueue<Piece>.Result {
      .problem(TermLintError(.io, message, path: path))
    }
    var reader: SectionReader
    do {
      reader = try SectionReader(path: path, size: size)
    } catch {
      return queue.deliver(index, problem("cannot read: \(error.message)"))
    }
    var number = 0
    var findingsBefore = false
    while true {
      if number > 0 { queue.waitUntilHead(index) }
      let section: SectionReader.Section?
      do {
        section = try reader.next()
      } catch {
        return queue.deliver(index, problem("cannot read: \(error.message)"))
      }
      guard let section else {
        // The file shrank to nothing since it was measured.
        return queue.deliver(
          index, number == 0 ? .piece(render(FileReport(path: path, diagnostics: []))) : nil)
      }
      let file: SourceFile
      do {
        file = try SourceFile(
          path: path, bytes: section.bytes, firstLine: section.line,
          firstColumn: section.column)
      } catch {
        switch error {
        case .binary where number == 0:
          return queue.deliver(index, .binary(path))
        case .binary:
          return queue.deliver(
            index,
            problem(
              "not text: a NUL byte after offset \(section.offset) (line \(section.line)); "
                + "the rest of the file is not linted"))
        case .invalidUTF8(let offset):
          let lines = LineIndex(
            bytes: section.bytes, firstLine: section.line, firstColumn: section.column)
          return queue.deliver(
            index,
            .problem(
              notUTF8(
                path: path, byte: section.bytes[offset], offset: section.offset + offset,
                line: lines.position(of: offset, in: section.bytes).line)))
        }
      }
      var report = FileReport(path: path, diagnostics: linter.lint(file), source: file)
        .shifted(by: section.offset)
      report.section = number
      report.findingsBefore = findingsBefore
      report.isLastSection = section.isLast
      findingsBefore = findingsBefore || !report.diagnostics.isEmpty
      queue.deliver(index, .piece(render(report)), final: section.isLast)
      if section.isLast { return }
      number += 1
    }
  }

  /// The error for a file that is not UTF-8.
  static func notUTF8(path: String, byte: UInt8, offset: Int, line: Int) -> TermLintError {
    TermLintError(
      .io,
      "not valid UTF-8: byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset) "
        + "(line \(line)); convert the file to UTF-8",
      path: path)
  }

  enum Outcome: Sendable {
    case report(FileReport)
    case binary(String)
    case problem(TermLintError)
  }

  /// An input read and checked as text, or why it cannot be linted.
  public enum Loaded: Sendable {
    case text(SourceFile)
    case binary(String)
    case problem(TermLintError)
  }

  /// Reads an input and checks it is UTF-8 text; the one place that turns bad input into
  /// messages, for `lint` and `fix` alike.
  public static func load(_ input: Input) -> Loaded {
    let path: String
    let bytes: [UInt8]
    switch input {
    case .text(let name, let text):
      path = name
      bytes = text
    case .file(let name):
      path = name
      do {
        bytes = try FileReader.contents(of: name)
      } catch {
        return .problem(TermLintError(.io, "cannot read: \(error.message)", path: name))
      }
    }
    do {
      return .text(try SourceFile(path: path, bytes: bytes))
    } catch {
      guard case .invalidUTF8(let offset) = error else { return .binary(path) }
      let line = LineIndex(bytes: bytes).position(of: offset, in: bytes).line
      return .problem(notUTF8(path: path, byte: bytes[offset], offset: offset, line: line))
    }
  }

  static func lintOne(_ input: Input, linter: Linter) -> Outcome {
    let file: SourceFile
    switch load(input) {
    case .text(let loaded): file = loaded
    case .binary(let path): return .binary(path)
    case .problem(let problem): return .problem(problem)
    }
    let path = file.path
    let diagnostics = linter.lint(file)
    return .report(
      FileReport(path: path, diagnostics: diagnostics, source: file))
  }
}

extension Runner {
  /// A file read and scanned in the first phase of a run-scoped lint.
  struct Scanned: Sendable {
    var file: SourceFile
    var scan: Linter.FileScan
  }

  /// The first phase of a run-scoped lint or a discovery: every input read and scanned in
  /// parallel; the text files sorted by path (the file index of their renderings is their
  /// place in that order), and what could not be read.
  static func scanAll(
    _ inputs: [Input], linter: Linter, jobs: Int, collect: Bool,
    progress: (@Sendable () -> Void)? = nil
  ) -> (files: [Scanned], result: RunResult) {
    enum ScanOutcome: Sendable {
      case scanned(Scanned)
      case binary(String)
      case problem(TermLintError)
    }
    let slots = Slots<ScanOutcome>(count: inputs.count)
    let work: @Sendable (Int) -> Void = { index in
      switch load(inputs[index]) {
      case .text(let file):
        var reader = NumberReader()
        let scan = linter.analyze(file, reader: &reader, collect: collect)
        slots[index] = .scanned(Scanned(file: file, scan: scan))
      case .binary(let path): slots[index] = .binary(path)
      case .problem(let problem): slots[index] = .problem(problem)
      }
      progress?()
    }
    perform(inputs.count, jobs: jobs, work)
    var result = RunResult()
    var files: [Scanned] = []
    for outcome in slots.values {
      switch outcome {
      case .scanned(let scanned): files.append(scanned)
      case .binary(let path): result.skippedBinary.append(path)
      case .problem(let problem): result.problems.append(problem)
      case nil: break
      }
    }
    files.sort { $0.file.path.utf8.lexicographicallyPrecedes($1.file.path.utf8) }
    for index in files.indices {
      for at in files[index].scan.occurrences.indices {
        files[index].scan.occurrences[at].file = index
      }
    }
    return (files, result)
  }

  /// The second phase: the phrases anchored anywhere in the run, found in every file
  /// (each file folded again, in parallel), added to the glossary renderings, grouped.
  static func groupAll(
    _ files: [Scanned], linter: Linter, jobs: Int, collect: Bool
  ) -> [RenderingGroup] {
    let included = files.indices.filter {
      collect || files[$0].scan.severities[InconsistentRule.description.id] != nil
    }
    let catalog = PhraseCatalog(anchors: included.flatMap { files[$0].scan.anchors })
    let slots = Slots<[RenderingOccurrence]>(count: included.count)
    perform(included.count, jobs: jobs) { slot in
      let index = included[slot]
      let scanned = files[index]
      var occurrences = scanned.scan.occurrences
      if !catalog.isEmpty {
        var folder = Folder()
        let folded = scanned.file.bytes.withUnsafeBufferPointer {
          folder.fold($0, range: scanned.file.textStart..<$0.count)
        }
        var reader = NumberReader()
        var textScan = TextScan(folded: folded, numerals: nil, catalog: catalog)
        textScan.run(reader: &reader) { _, _ in true }
        occurrences += linter.phraseOccurrences(
          scanned.file, folded: folded, hits: textScan.phraseHits, keys: catalog.keys,
          exclusions: scanned.scan.exclusions, fileIndex: index)
      }
      slots[slot] = occurrences
    }
    return Consistency.groups(slots.values.flatMap { $0 ?? [] }, glossary: linter.glossary)
  }

  /// Lints with `inconsistent` across the run: scan every file, group the renderings of
  /// the whole run, then filter each file's findings by its suppressions. The output does
  /// not depend on the number of threads: files are ordered by path before grouping.
  static func runScoped(
    _ inputs: [Input], linter: Linter, jobs: Int, progress: (@Sendable () -> Void)? = nil
  ) -> RunResult {
    var (files, result) = scanAll(
      inputs, linter: linter, jobs: jobs, collect: false, progress: progress)
    let groups = groupAll(files, linter: linter, jobs: jobs, collect: false)
    for (index, finding) in InconsistentRule.findings(
      groups, glossary: linter.glossary, scope: .run)
    {
      if let severity = files[index].scan.severities[InconsistentRule.description.id] {
        files[index].scan.findings.append((finding, severity))
      }
    }
    let slots = Slots<FileReport>(count: files.count)
    let scanned = files
    perform(files.count, jobs: jobs) { index in
      let file = scanned[index].file
      let diagnostics = linter.finish(
        file, findings: scanned[index].scan.findings, severities: scanned[index].scan.severities)
      slots[index] = FileReport(
        path: file.path, diagnostics: diagnostics, source: diagnostics.isEmpty ? nil : file)
    }
    result.files = slots.values.compactMap { $0 }
    return result
  }

  /// What `termlint discover` needs: every rendering group of the run (glossary concepts
  /// and phrases, consistent or not) and the run's problems.
  public static func discover(
    _ inputs: [Input], linter: Linter, jobs: Int = Runner.defaultJobs,
    progress: (@Sendable () -> Void)? = nil
  ) -> (
    groups: [RenderingGroup], result: RunResult
  ) {
    let (files, result) = scanAll(
      inputs, linter: linter, jobs: jobs, collect: true, progress: progress)
    return (groupAll(files, linter: linter, jobs: jobs, collect: true), result)
  }

  /// Every core the machine has.
  public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Runs `work` for 0..<count on at most `jobs` threads; each takes the next index when
  /// it is free, so a slow file does not hold up the others. Results go to slots by index,
  /// so the order of completion never shows in the output.
  public static func perform(_ count: Int, jobs: Int, _ work: @Sendable (Int) -> Void) {
    let workers = min(max(jobs, 1), count)
    guard workers > 1 else {
      for index in 0..<count { work(index) }
      return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        if index >= count { return }
        work(index)
      }
    }
  }
}

/// Result slots written by parallel iterations, each index by exactly one of them. Writes
/// take a lock: even writes to distinct indices must not race on the array's storage.
final class Slots<Value: Sendable>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  subscript(index: Int) -> Value? {
    get { lock.withLock { storage[index] } }
    set { lock.withLock { storage[index] = newValue } }
  }

  var values: [Value?] { lock.withLock { storage } }
}

/// Results of parallel workers put back in index order: `deliver` stores a result and emits
/// every result from the next expected index on; a file linted in sections delivers several,
/// the last one `final`. Emitting happens under the lock, one result at a time.
/// `waitForRoom` keeps workers from running more than `window` files ahead of the oldest
/// one not yet emitted.
final class OrderedQueue<Piece: Sendable>: @unchecked Sendable {
  enum Result {
    case piece(Piece)
    case binary(String)
    case problem(TermLintError)
  }

  private let condition = NSCondition()
  private let room: DispatchSemaphore
  private var pending: [Int: [Result]] = [:]
  private var finished: Set<Int> = []
  private var nextIndex = 0
  private let emit: (Piece) -> Void
  private var collected = Runner.StreamOutcome()

  init(window: Int, emit: @escaping (Piece) -> Void) {
    room = DispatchSemaphore(value: max(window, 1))
    self.emit = emit
  }

  func waitForRoom() { room.wait() }
  func giveBackRoom() { room.signal() }

  /// Stores `result` (if any) for `index`; `final` says the file has no more to deliver.
  func deliver(_ index: Int, _ result: Result?, final: Bool = true) {
    condition.lock()
    defer { condition.unlock() }
    if let result { pending[index, default: []].append(result) }
    if final { finished.insert(index) }
    var advanced = false
    while true {
      for ready in pending.removeValue(forKey: nextIndex) ?? [] {
        switch ready {
        case .piece(let piece): emit(piece)
        case .binary(let path): collected.skippedBinary.append(path)
        case .problem(let problem): collected.problems.append(problem)
        }
      }
      guard finished.remove(nextIndex) != nil else { break }
      nextIndex += 1
      advanced = true
      room.signal()
    }
    if advanced { condition.broadcast() }
  }

  /// Waits until every file before `index` has been emitted.
  func waitUntilHead(_ index: Int) {
    condition.lock()
    while nextIndex < index { condition.wait() }
    condition.unlock()
  }

  var outcome: Runner.StreamOutcome {
    condition.lock()
    defer { condition.unlock() }
    return collected
  }
}
