import ArgumentParser
import Foundation
import TermLint

/// `termlint merge`: the JSON reports of the shards of a CI matrix as one report.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the JSON reports of 'termlint --shard i/n' runs into one report.",
    discussion: """
      Reads JSON reports (--format json, version 1) and writes one report in any format, \
      as one run over all their files would: findings in path order, totals summed, and \
      the exit status decided by --fail-on and --max-warnings. Reports of --shard runs \
      with --scope run carry their renderings; the inconsistent rule is then decided again \
      across every shard, with the configuration and glossaries found here (use the same \
      .lint.yml, --glossary and --no-builtin as the shards). See docs/ci-matrix.md.
      """)

  @Argument(help: "The JSON reports to merge.")
  var reports: [String]

  @OptionGroup var output: OutputOptions

  @OptionGroup var glossary: GlossaryOptions

  @Option(help: "Report only findings not recorded in this baseline file.")
  var baseline: String?

  func validate() throws {
    if reports.isEmpty { throw ValidationError("give at least one JSON report to merge") }
  }

  func run() throws {
    var parsed: [(name: String, report: JSONReport)] = []
    let configuration: Configuration
    var linter: Linter?
    var baselineFile: Baseline?
    do {
      for path in reports { parsed.append((path, try JSONReport.read(path: path))) }
      let cwd = FileManager.default.currentDirectoryPath
      configuration = try glossary.configuration(cwd: cwd)
      if parsed.contains(where: { $0.report.statistics?.scope == .run }) {
        let (builtin, paths) = glossary.sources(configuration)
        let loaded = try GlossarySet.load(builtin: builtin, paths: paths)
        linter = Linter(
          glossary: CompiledGlossary(glossaries: loaded), configuration: configuration)
      }
      if let baseline { baselineFile = try Baseline.load(path: baseline) }
    } catch {
      printError("termlint: error: \(error)")
      throw ExitCode(Status.error)
    }
    var merged: ShardMerge.Merged
    do {
      merged = try ShardMerge.merge(
        parsed, linter: linter, readSources: output.format == .text || output.format == .html)
    } catch {
      printError("termlint: error: \(error)")
      throw ExitCode(Status.error)
    }
    if let baselineFile {
      let (kept, unused) = baselineFile.filter(merged.result.diagnostics)
      let keep = Set(kept)
      for index in merged.result.files.indices {
        merged.result.files[index].diagnostics = merged.result.files[index].diagnostics.filter(
          keep.contains)
      }
      if let note = Session.baselineNote(unused: unused) { merged.result.notes.append(note) }
    }
    Session.printNotes(merged.result)
    let limit = output.findingLimit(configuration)
    printOutput(merged.render(output.reporter(), limit: limit))
    output.noteOmitted(Lint.omitted(merged.result, limit: limit), configuration: configuration)
    let status = output.status(merged.summary, configuration: configuration)
    if status != Status.clean { throw ExitCode(status) }
  }
}
