import ArgumentParser
import Foundation
import TermLint

struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Record the current findings so that only new ones are reported.",
    subcommands: [Create.self])

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create",
      abstract: "Write the current findings to a baseline file.",
      discussion: """
        Entries are keyed by path, rule and matched text, with a count, not by line: editing \
        elsewhere in a file keeps them valid. Use it with 'termlint --baseline FILE'.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var scope: ScopeOptions

    @Option(name: .shortAndLong, help: "The baseline file to write.")
    var output = ".termlint-baseline.json"

    func validate() throws {
      if input.shard != nil && scope.scope == .run {
        throw ValidationError(
          "--shard cannot be combined with --scope run here: a shard sees only its own renderings")
      }
    }

    func run() throws {
      var options = input
      options.baseline = nil
      let session = try Session.make(options)
      var result = Runner.run(
        session.inputs, linter: session.linter, jobs: options.jobCount, scope: scope.scope)
      session.finish(&result)
      if !result.problems.isEmpty { throw ExitCode(Status.error) }
      let diagnostics = result.diagnostics
      do {
        try AtomicWriter.create(output, with: Array(Baseline(diagnostics).render().utf8))
      } catch {
        printError("termlint: error: \(output): cannot write the baseline: \(error.message)")
        throw ExitCode(Status.error)
      }
      printError("termlint: recorded \(counted(diagnostics.count, "finding")) in \(output)")
    }
  }
}
