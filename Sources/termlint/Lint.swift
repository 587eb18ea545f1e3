import ArgumentParser
import Foundation
import TermLint

struct Lint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Lint files and folders (the default command).",
    discussion: """
      Folders are walked recursively (hidden entries skipped) with the include and exclude \
      globs of .lint.yml; a file named explicitly is linted unless excluded. Use - to read \
      standard input.
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var scope: ScopeOptions

  @Flag(help: "Apply safe fixes (as 'termlint fix' does), then report what is left.")
  var fix = false

  @Flag(name: .customLong("unsafe-fixes"), help: "With --fix or --diff, apply unsafe fixes too.")
  var unsafeFixes = false

  @Flag(help: "Print the fixes as a unified diff and write nothing.")
  var diff = false

  func validate() throws {
    if input.shard != nil && (fix || diff) {
      throw ValidationError("--shard cannot be combined with --fix or --diff")
    }
    if input.shard != nil && scope.scope == .run && input.baseline != nil {
      throw ValidationError(
        "--shard with --scope run cannot take --baseline: pass it to 'termlint merge'")
    }
    if scope.scope == .run && (fix || diff) {
      throw ValidationError(
        "--scope run cannot be combined with --fix or --diff (fixes are made file by file)")
    }
  }

  func run() throws {
    if fix || diff {
      try FixRun(input: input, output: output, unsafe: unsafeFixes, diffOnly: diff).run()
      return
    }
    let session = try Session.make(input)
    let progress = Progress(total: session.inputs.count, quiet: output.quiet)
    if let shard = input.selectedShard {
      try sharded(session, shard: shard, progress: progress)
      return
    }
    if scope.scope == .run {
      var result = Runner.run(
        session.inputs, linter: session.linter, jobs: input.jobCount, progress: progress.advance,
        scope: .run)
      progress.finish()
      session.finish(&result)
      let limit = output.findingLimit(session.configuration)
      printOutput(output.reporter().render(result, limit: limit))
      output.noteOmitted(Self.omitted(result, limit: limit), configuration: session.configuration)
      let status = output.status(result, configuration: session.configuration)
      if status != Status.clean { throw ExitCode(status) }
      return
    }
    try streamed(session, progress: progress)
  }

  /// Lints one shard; a JSON report carries the shard's statistics for `termlint merge`
  /// (with `--scope run`, `inconsistent` is decided there, over every shard's renderings).
  private func sharded(_ session: Session, shard: Shard, progress: Progress) throws {
    let (shardResult, statistics) = Runner.runShard(
      session.inputs, linter: session.linter, shard: shard, jobs: input.jobCount,
      progress: progress.advance, scope: scope.scope)
    progress.finish()
    var result = shardResult
    if scope.scope == .run && output.format != .json {
      result.notes.append(
        "with --shard and --scope run, inconsistent is left to 'termlint merge' over the "
          + "shards' --format json reports")
    }
    session.finish(&result)
    let reporter =
      output.format == .json ? JSONReporter(statistics: statistics) : output.reporter()
    // A JSON shard report is read by 'termlint merge', which applies --max-findings.
    let limit =
      output.format == .json ? FindingLimit.none : output.findingLimit(session.configuration)
    printOutput(reporter.render(result, limit: limit))
    output.noteOmitted(Self.omitted(result, limit: limit), configuration: session.configuration)
    let status = output.status(result, configuration: session.configuration)
    if status != Status.clean { throw ExitCode(status) }
  }

  /// Lints file by file (`inconsistent` within each file) and writes the report as it
  /// goes: each worker filters its file by the baseline and renders its piece; pieces are
  /// written in path order as soon as every earlier file is done.
  private func streamed(_ session: Session, progress: Progress) throws {
    let reporter = output.reporter()
    let sink = OutputSink(progress: progress)
    var stream = ReportStream(reporter, write: sink.write, writeBytes: sink.writeBytes)
    let ledger = session.baseline.map(Baseline.Ledger.init)
    let limit = output.findingLimit(session.configuration)
    var budget = FindingBudget(limit)
    let outcome = Runner.stream(
      session.inputs, linter: session.linter, jobs: input.jobCount, progress: progress.advance,
      excerpts: reporter.needsExcerpts, split: reporter.piecesSplit ? Runner.partSize : nil,
      render: { report -> Rendered in
        var report = report
        if let ledger { report.diagnostics = ledger.filter(report.diagnostics, path: report.path) }
        guard !limit.isNone else {
          guard reporter.rendersBytes else {
            return .piece(reporter.piece(report), Summary(file: report))
          }
          return .bytes(reporter.pieceBytes(report), Summary(file: report))
        }
        // The budget is spent in path order, as reports are emitted: a worker keeps no more
        // than could be shown and leaves the piece to `emit`.
        let counts = Summary(file: report)
        let found = report.diagnostics.count
        if found > limit.bound { report.diagnostics.removeLast(found - limit.bound) }
        return .limited(report, counts)
      },
      emit: { rendered in
        switch rendered {
        case .piece(let piece, let summary): stream.add(piece, summary: summary)
        case .bytes(let piece, let summary): stream.add(bytes: piece, summary: summary)
        case .limited(let report, let counts):
          stream.add(limited: report, budget: &budget, counts: counts)
        }
      })
    var result = RunResult()
    result.problems = session.walked.problems + outcome.problems
    result.skippedBinary = outcome.skippedBinary
    result.notes = session.walked.notes
    if let ledger, let note = Session.baselineNote(unused: ledger.unused) {
      result.notes.append(note)
    }
    let totals = stream.finish(problems: result.problems, skippedBinary: result.skippedBinary)
    try sink.close()
    progress.finish()
    Session.printNotes(result)
    output.noteOmitted(totals.summary, configuration: session.configuration)
    let status = output.status(totals.summary, configuration: session.configuration)
    if status != Status.clean { throw ExitCode(status) }
  }

  /// A streamed file's piece, or (with `--max-findings`) its report, cut at emit time.
  private enum Rendered: Sendable {
    case piece(String, Summary)
    case bytes([UInt8], Summary)
    case limited(FileReport, Summary)
  }

  /// The counts of a finished run as a limited report shows them.
  static func omitted(_ result: RunResult, limit: FindingLimit) -> Summary {
    var budget = FindingBudget(limit)
    var summary = Summary()
    for file in result.files {
      var shown = file
      summary.omitted += budget.cut(&shown)
    }
    return summary
  }
}
