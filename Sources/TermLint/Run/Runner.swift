import Dispatch
import Foundation

/// The outcome of linting one file.
public struct FileReport: Sendable {
  public var path: String
  public var diagnostics: [Diagnostic]
  /// The file's text, kept when there are findings (reporters show source lines).
  /// The source excerpt of each finding, keyed by the byte offset where it starts, for
  /// reporters that show the source line.
  public var excerpts: [Int: SourceExcerpt]

  public init(path: String, diagnostics: [Diagnostic], excerpts: [Int: SourceExcerpt] = [:]) {
    self.path = path
    self.diagnostics = diagnostics
    self.excerpts = excerpts
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
  }

  public static func run(_ inputs: [Input], linter: Linter, parallel: Bool = true) -> RunResult {
    let slots = Slots<Outcome>(count: inputs.count)
    let work: @Sendable (Int) -> Void = { index in
      slots[index] = lintOne(inputs[index], linter: linter)
    }
    if parallel && inputs.count > 1 {
      DispatchQueue.concurrentPerform(iterations: inputs.count, execute: work)
    } else {
      for index in inputs.indices { work(index) }
    }
    var result = RunResult()
    for outcome in slots.values {
      switch outcome {
      case .report(let report): result.files.append(report)
      case .binary(let path): result.skippedBinary.append(path)
      case .problem(let problem): result.problems.append(problem)
      case nil: break
      }
    }
    result.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    return result
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
      let position = LineIndex(bytes: bytes).position(of: offset, in: bytes)
      let byte = String(bytes[offset], radix: 16, uppercase: true)
      return .problem(
        TermLintError(
          .io,
          "not valid UTF-8: byte 0x\(byte) at offset \(offset) (line \(position.line)); "
            + "convert the file to UTF-8",
          path: path))
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
