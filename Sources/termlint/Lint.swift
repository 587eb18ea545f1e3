import ArgumentParser
import Foundation
import TermLint

struct Lint: ParsableCommand {
  static let configuration = CommandConfiguration(
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
      printOutput(output.reporter().render(result))
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
    printOutput(reporter.render(result))
    let status = output.status(result, configuration: session.configuration)
    if status != Status.clean { throw ExitCode(status) }
  }

  /// Lints file by file (`inconsistent` within each file) and writes the report as it
  /// goes: each worker filters its file by the baseline and renders its piece; pieces are
  /// written in path order as soon as every earlier file is done.
  private func streamed(_ session: Session, progress: Progress) throws {
    let reporter = output.reporter()
    let sink = OutputSink(progress: progress)
    var stream = ReportStream(reporter, write: sink.write)
    let ledger = session.baseline.map(Baseline.Ledger.init)
    let outcome = Runner.stream(
      session.inputs, linter: session.linter, jobs: input.jobCount, progress: progress.advance,
      excerpts: reporter.needsExcerpts,
      render: { report in
        var report = report
        if let ledger { report.diagnostics = ledger.filter(report.diagnostics, path: report.path) }
        return (reporter.piece(report), Summary(file: report))
      },
      emit: { piece, summary in stream.add(piece, summary: summary) })
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
    let status = output.status(totals.summary, configuration: session.configuration)
    if status != Status.clean { throw ExitCode(status) }
  }
}
