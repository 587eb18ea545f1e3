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

  @Argument(help: "Files and folders to lint; - reads standard input. Default: the current folder.")
  var paths: [String] = []

  @Option(
    name: .customLong("glossary"),
    help: "Add a glossary (YAML); repeatable. Its terms replace bundled ones with the same id.")
  var glossaries: [String] = []

  @Flag(name: .customLong("no-builtin"), help: "Leave out the bundled dictionaries.")
  var noBuiltin = false

  @Option(help: "Read this configuration instead of the nearest .lint.yml.")
  var config: String?

  @Flag(name: .customLong("no-config"), help: "Ignore .lint.yml files.")
  var noConfig = false

  @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: OutputFormat = .text

  @Option(
    name: .customLong("fail-on"),
    help:
      "Exit 1 for findings at or above this severity: error, warning, info or never (default: warning, or fail_on in .lint.yml)."
  )
  var failOn: FailOn?

  @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
  var color: ColorMode = .auto

  @Flag(name: .shortAndLong, help: "Print findings only, no summary line.")
  var quiet = false

  @Option(
    name: .customLong("stdin-filename"),
    help: "The name to report and match globs for text read from standard input.")
  var stdinFilename: String?

  func run() throws {
    let cwd = FileManager.default.currentDirectoryPath
    var configuration: Configuration
    do {
      if let config {
        configuration = try Configuration.load(path: config)
      } else if !noConfig, let found = Configuration.discover(from: cwd) {
        configuration = try Configuration.load(path: found)
      } else {
        configuration = Configuration(root: cwd)
      }
    } catch {
      printError("termlint: error: \(error)")
      throw ExitCode(Status.error)
    }

    let linter: Linter
    do {
      let loaded = try GlossarySet.load(
        builtin: configuration.builtin && !noBuiltin, paths: configuration.glossaries + glossaries)
      if loaded.isEmpty {
        printError(
          "termlint: error: no glossary to check against (--no-builtin with no --glossary)")
        throw ExitCode(Status.error)
      }
      linter = Linter(
        glossary: CompiledGlossary(glossaries: loaded), severities: configuration.severities)
    } catch let error as TermLintError {
      printError("termlint: error: \(error)")
      throw ExitCode(Status.error)
    }

    let walker = FileWalker(configuration: configuration)
    var filePaths: [String] = []
    var readStdin = false
    for path in paths.isEmpty ? ["."] : paths {
      if path == "-" {
        readStdin = true
      } else {
        filePaths.append(path)
      }
    }
    let walked = walker.walk(filePaths)
    var inputs = walked.files.map { Runner.Input.file($0) }
    if readStdin {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      inputs.append(.text(path: stdinFilename ?? "<stdin>", bytes: Array(data)))
    }

    var result = Runner.run(inputs, linter: linter)
    result.problems = walked.problems + result.problems
    result.notes = walked.notes

    let useColor: Bool
    switch color {
    case .always: useColor = true
    case .never: useColor = false
    case .auto:
      let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
      let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
      useColor = isatty(STDOUT_FILENO) != 0 && !noColor && !dumb
    }

    for note in result.notes { printError("termlint: note: \(note)") }
    for path in result.skippedBinary { printError("termlint: note: \(path): skipped: binary file") }
    for problem in result.problems { printError("termlint: error: \(problem)") }

    let reporter: any Reporter
    switch format {
    case .text: reporter = TextReporter(color: useColor, showSummary: !quiet)
    case .json: reporter = JSONReporter()
    }
    printOutput(reporter.render(result))

    let threshold = failOn ?? configuration.failOn
    if !result.problems.isEmpty { throw ExitCode(Status.error) }
    if result.diagnostics.contains(where: { threshold.fails($0.severity) }) {
      throw ExitCode(Status.findings)
    }
  }
}
