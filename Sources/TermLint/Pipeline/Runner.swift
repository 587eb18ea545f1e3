// Pipeline: many files: read (Input), lint each (Linter) on worker threads, emit
// reports in path order; files over 64 MB in sections.

import Dispatch
import Foundation
import GlossaryModel
import Synchronization

/// Lints many files in parallel, keeping the output order fixed.
public enum Runner {
  /// The most diagnostics a piece of a streamed report holds, for reporters whose pieces
  /// split (`Reporter.piecesSplit`).
  public static let partSize = 2048

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
  ///
  /// With `split`, a report of more than that many diagnostics is handed to `render` in
  /// parts of at most `split` diagnostics, flagged as sections of their file (see
  /// `FileReport.parts`), so no piece holds the output of a whole file of many findings;
  /// only for reporters whose pieces of one file concatenate (`Reporter.piecesSplit`).
  public static func stream<Piece: Sendable>(
    _ inputs: [Input], linter: Linter, jobs: Int = Runner.defaultJobs,
    progress: (@Sendable () -> Void)? = nil, window: Int? = nil,
    sectioning: Sectioning = .standard, excerpts: Bool = true, split: Int? = nil,
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
        if case .file(let path) = ordered[index], sectioning.cuts(path, linter: linter) {
          lintSections(
            path, linter: linter, size: sectioning.size, index: index, queue: queue,
            excerpts: excerpts, split: split, render: render)
        } else {
          switch lintOne(ordered[index], linter: linter, excerpts: excerpts) {
          case .report(let report):
            deliver(report, index: index, queue: queue, split: split, render: render)
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
    excerpts: Bool = true, split: Int? = nil, render: @Sendable (FileReport) -> Piece
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
      // Sections are plain text: files in a format with a reader are not cut.
      var report = FileReport(
        path: path, diagnostics: linter.lint(Document(plain: file)),
        source: excerpts ? file : nil
      )
      .shifted(by: section.offset)
      report.section = number
      report.findingsBefore = findingsBefore
      report.isLastSection = section.isLast
      findingsBefore = findingsBefore || !report.diagnostics.isEmpty
      deliver(
        report, index: index, queue: queue, split: split, render: render, final: section.isLast)
      if section.isLast { return }
      number += 1
    }
  }

  /// Renders and delivers one report, in parts of at most `split` diagnostics: after the
  /// first part it waits until every earlier file has been emitted, so no more than one
  /// part's piece waits in the queue.
  static func deliver<Piece: Sendable>(
    _ report: FileReport, index: Int, queue: OrderedQueue<Piece>, split: Int?,
    render: @Sendable (FileReport) -> Piece, final: Bool = true
  ) {
    guard let split, report.diagnostics.count > split else {
      return queue.deliver(index, .piece(render(report)), final: final)
    }
    let ranges = report.partRanges(of: split)
    for (number, range) in ranges.enumerated() {
      if number > 0 { queue.waitUntilHead(index) }
      queue.deliver(
        index, .piece(render(report.part(range))), final: final && number == ranges.count - 1)
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

  /// Lints one input. Without `excerpts` the report keeps no source lines (only the text
  /// and HTML reporters show them; they are about 1 KB a finding).
  static func lintOne(_ input: Input, linter: Linter, excerpts: Bool = true) -> Outcome {
    let file: SourceFile
    switch load(input) {
    case .text(let loaded): file = loaded
    case .binary(let path): return .binary(path)
    case .problem(let problem): return .problem(problem)
    }
    let path = file.path
    do {
      let diagnostics = try linter.lint(file)
      return .report(
        FileReport(path: path, diagnostics: diagnostics, source: excerpts ? file : nil))
    } catch {
      return .problem(error.problem(in: file))
    }
  }
}
