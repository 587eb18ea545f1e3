import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import TermLint

struct FixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fix",
    abstract: "Apply fixes in place, then report what is left.",
    discussion: """
      Safe fixes are applied; --unsafe-fixes applies the rest too. Only the matched bytes \
      change: byte-order mark, line endings and permissions are kept. Each file is written \
      atomically (a temporary file beside it, then a rename), and a file that changed since \
      it was read is left alone. Plain text files over 64 MB are fixed section by section, \
      in bounded memory. With - the fixed text goes to standard output and the report to \
      standard error. A second run changes nothing.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions

  @Flag(name: .customLong("unsafe-fixes"), help: "Apply unsafe fixes too.")
  var unsafeFixes = false

  @Flag(help: "Print the fixes as a unified diff and write nothing.")
  var diff = false

  /// For tests: files over this many bytes are fixed in sections of this size.
  @Option(name: .customLong("section-size"), help: .hidden)
  var sectionSize: Int?

  func run() throws {
    var run = FixRun(input: input, output: output, unsafe: unsafeFixes, diffOnly: diff)
    if let sectionSize { run.sectioning = Sectioning(threshold: sectionSize, size: sectionSize) }
    try run.run()
  }
}

/// Set by SIGINT/SIGTERM during a fix: files not started yet are left alone, and files being
/// written are finished (each write is atomic), so every file ends either old or new.
let stopRequested = Atomic<Bool>(false)

/// The fix flow shared by `termlint fix` and `termlint lint --fix/--diff`.
struct FixRun {
  var input: InputOptions
  var output: OutputOptions
  var unsafe: Bool
  var diffOnly: Bool
  /// Plain text files over `sectioning.threshold` are fixed in sections (`StreamedFixer`).
  var sectioning = Sectioning.standard

  enum Outcome: Sendable {
    case fixed(path: String, original: [UInt8], outcome: Fixer.Outcome, file: SourceFile)
    /// A file fixed and written (a large one in sections): only the counts and what is left
    /// are kept, so a run's memory does not grow with the files it fixed.
    case written(StreamedFixer.Outcome)
    case binary(String)
    case problem(TermLintError)
    case notStarted
  }

  func run() throws {
    let session = try Session.make(input)
    installStopHandlers()
    let linter = session.linter
    let unsafe = self.unsafe
    let diffOnly = self.diffOnly
    let sectioning = self.sectioning
    let slots = OutcomeSlots(count: session.inputs.count)
    let inputs = session.inputs
    let progress = Progress(total: inputs.count, quiet: output.quiet)
    defer { progress.finish() }
    Runner.perform(inputs.count, jobs: input.jobCount) { index in
      defer { progress.advance() }
      if stopRequested.load(ordering: .relaxed) { return }
      slots.set(
        index,
        Self.fixOne(
          inputs[index], linter: linter, unsafe: unsafe, write: !diffOnly, sectioning: sectioning))
    }

    var result = RunResult()
    var diffs = ""
    var fixedCount = 0
    var fixedFiles = 0
    var stdinText: [UInt8]?
    var skippedOverlaps = 0
    for (index, outcome) in slots.values.enumerated() {
      switch outcome {
      case .fixed(let path, let original, let fixOutcome, let file):
        fixedCount += fixOutcome.applied.count
        skippedOverlaps += fixOutcome.skipped.count
        if fixOutcome.changed { fixedFiles += 1 }
        if case .text = inputs[index] {
          stdinText = fixOutcome.bytes
        } else if diffOnly && fixOutcome.changed {
          diffs += UnifiedDiff.diff(
            old: original, new: fixOutcome.bytes, oldName: "a/" + path, newName: "b/" + path)
        }
        result.files.append(
          FileReport(
            path: path, diagnostics: fixOutcome.remaining, source: file))
      case .written(let fixOutcome):
        fixedCount += fixOutcome.applied
        skippedOverlaps += fixOutcome.skipped
        if fixOutcome.changed { fixedFiles += 1 }
        result.files.append(fixOutcome.remaining)
      case .binary(let path): result.skippedBinary.append(path)
      case .problem(let problem): result.problems.append(problem)
      case .notStarted, nil:
        result.notes.append("\(inputs[index].path): not fixed: interrupted")
      }
    }
    result.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    session.finish(&result)

    let report = output.reporter().render(result)
    if let stdinText {
      // Standard input: the fixed text is the output; the report goes to standard error.
      FileHandle.standardOutput.write(Data(stdinText))
      FileHandle.standardError.write(Data(report.utf8))
    } else if diffOnly {
      printOutput(diffs)
      FileHandle.standardError.write(Data(report.utf8))
    } else {
      printOutput(report)
    }
    if !output.quiet && output.format == .text {
      let verb = diffOnly ? "would fix" : "fixed"
      var line =
        "termlint: \(verb) \(counted(fixedCount, "finding")) in \(counted(fixedFiles, "file"))"
      if skippedOverlaps > 0 {
        line +=
          "; \(counted(skippedOverlaps, "fix", "fixes")) skipped because another fix overlapped"
      }
      printError(line + ".")
    }
    if stopRequested.load(ordering: .relaxed) { throw ExitCode(130) }
    // A diff that is not empty means the files are not clean: CI fails on it.
    if diffOnly && fixedCount > 0 && result.problems.isEmpty { throw ExitCode(Status.findings) }
    let status = output.status(result, configuration: session.configuration)
    if status != Status.clean { throw ExitCode(status) }
  }

  static func fixOne(
    _ input: Runner.Input, linter: Linter, unsafe: Bool, write: Bool,
    sectioning: Sectioning = .standard
  ) -> Outcome {
    // A large plain text file is fixed section by section (a diff needs it whole).
    if write, case .file(let name) = input,
      StreamedFixer.applies(to: name, linter: linter, sectioning: sectioning)
    {
      switch StreamedFixer.fix(name, linter: linter, unsafe: unsafe, sectionSize: sectioning.size)
      {
      case .fixed(let outcome): return .written(outcome)
      case .binary(let path): return .binary(path)
      case .problem(let problem): return .problem(problem)
      }
    }
    let file: SourceFile
    switch Runner.load(input) {
    case .text(let loaded): file = loaded
    case .binary(let path): return .binary(path)
    case .problem(let problem): return .problem(problem)
    }
    let path = file.path
    let bytes = file.bytes
    let outcome: Fixer.Outcome
    do {
      outcome = try Fixer.fix(file, linter: linter, unsafe: unsafe)
    } catch {
      return .problem(error.problem(in: file))
    }
    if write, outcome.changed, case .file(let name) = input {
      do {
        try AtomicWriter.replace(name, expecting: bytes, with: outcome.bytes)
      } catch {
        return .problem(TermLintError(.io, "not fixed: \(error.message)", path: name))
      }
    }
    let final = (try? SourceFile(path: path, bytes: outcome.bytes)) ?? file
    if write, case .file = input {
      return .written(
        StreamedFixer.Outcome(
          applied: outcome.applied.count, skipped: outcome.skipped.count,
          remaining: FileReport(path: path, diagnostics: outcome.remaining, source: final),
          passes: outcome.passes))
    }
    return .fixed(path: path, original: bytes, outcome: outcome, file: final)
  }

  func installStopHandlers() {
    let handler: @convention(c) (Int32) -> Void = { _ in
      stopRequested.store(true, ordering: .relaxed)
    }
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
  }
}

/// Outcomes written by parallel iterations.
final class OutcomeSlots: @unchecked Sendable {
  private var storage: [FixRun.Outcome?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: FixRun.Outcome) { lock.withLock { storage[index] = value } }

  var values: [FixRun.Outcome?] { lock.withLock { storage } }
}

extension Runner.Input {
  var path: String {
    switch self {
    case .file(let path): path
    case .text(let path, _): path
    }
  }
}
