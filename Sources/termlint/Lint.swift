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
    var result = Runner.run(
      session.inputs, linter: session.linter, jobs: input.jobCount, progress: progress.advance,
      scope: scope.scope)
    progress.finish()
    session.finish(&result)
    printOutput(output.reporter().render(result))
    let status = output.status(result, configuration: session.configuration)
    if status != Status.clean { throw ExitCode(status) }
  }
}
