import ArgumentParser
import Foundation
import TermLint

/// Which configuration and glossaries: shared by the lint options and `merge`, which must
/// use the same ones as the shards it merges.
struct GlossaryOptions: ParsableArguments {
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

  /// `--config`, else the nearest `.lint.yml` from `cwd` up (unless `--no-config`), else
  /// the defaults.
  func configuration(cwd: String) throws -> Configuration {
    if let config { return try Configuration.load(path: config) }
    if !noConfig, let found = Configuration.discover(from: cwd) {
      return try Configuration.load(path: found)
    }
    return Configuration(root: cwd)
  }

  /// Whether the bundled dictionaries are in, and the glossaries: the configuration's, then
  /// those given with `--glossary`.
  func sources(_ configuration: Configuration) -> (builtin: Bool, paths: [String]) {
    (configuration.builtin && !noBuiltin, configuration.glossaries + glossaries)
  }
}

/// What to lint and with which glossaries: shared by `lint`, `fix` and `baseline create`.
struct InputOptions: ParsableArguments {
  @Argument(
    help: "Files and folders to lint; - reads standard input. Default: the current folder.")
  var paths: [String] = []

  @Option(
    name: [.short, .customLong("jobs")],
    help:
      "Lint this many files at a time (default: one per core). Output is the same whatever the number."
  )
  var jobs: Int?

  var jobCount: Int { jobs ?? Runner.defaultJobs }

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if let shard, Shard(parsing: shard) == nil {
      throw ValidationError(
        "--shard must be i/n with whole numbers 1 ≤ i ≤ n (as 2/3), not '\(shard)'")
    }
  }

  @Option(
    help: ArgumentHelp(
      "Lint only shard i of n: a stable share of the files, by a hash of the path (for CI matrices; see 'termlint merge').",
      valueName: "i/n"))
  var shard: String?

  /// The shard asked for (validated).
  var selectedShard: Shard? { shard.flatMap(Shard.init(parsing:)) }

  @OptionGroup var glossary: GlossaryOptions

  @Flag(
    name: .customLong("no-cache"),
    help: "Compile the glossaries now; neither read nor write the compiled glossary cache.")
  var noCache = false

  @Option(
    name: .customLong("stdin-filename"),
    help: "The name to report and match globs for text read from standard input.")
  var stdinFilename: String?

  @Option(
    help: "Report only findings not recorded in this baseline file (see 'termlint baseline').")
  var baseline: String?
}

/// Where `inconsistent` compares renderings: `lint` and `baseline create`.
struct ScopeOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Where the inconsistent rule compares renderings: file (each file alone) or run (all files together).",
      valueName: "file|run"))
  var scope: ConsistencyScope = .file
}

/// How to report and when to fail.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: OutputFormat = .text

  @Option(
    name: .customLong("fail-on"),
    help:
      "Exit 1 for findings at or above this severity: error, warning, info or never (default: warning, or fail_on in .lint.yml)."
  )
  var failOn: FailOn?

  @Option(
    name: .customLong("max-warnings"),
    help: "Exit 1 when there are more than this many warnings (warnings up to it do not fail).")
  var maxWarnings: Int?

  @Option(
    name: .customLong("max-findings"),
    help:
      "Show at most this many findings in all (the rest are counted, and still decide the exit status)."
  )
  var maxFindings: Int?

  @Option(
    name: .customLong("max-findings-per-file"),
    help: "Show at most this many findings of each file (the rest are counted).")
  var maxFindingsPerFile: Int?

  @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
  var color: ColorMode = .auto

  @Flag(name: .shortAndLong, help: "Print findings only, no summary line.")
  var quiet = false

  func validate() throws {
    if let maxWarnings, maxWarnings < 0 {
      throw ValidationError("--max-warnings must not be negative")
    }
    if let maxFindings, maxFindings < 0 {
      throw ValidationError("--max-findings must not be negative")
    }
    if let maxFindingsPerFile, maxFindingsPerFile < 0 {
      throw ValidationError("--max-findings-per-file must not be negative")
    }
  }

  var useColor: Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto:
      let environment = ProcessInfo.processInfo.environment
      let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
      return isatty(STDOUT_FILENO) != 0 && !noColor && environment["TERM"] != "dumb"
    }
  }

  func reporter() -> any Reporter {
    switch format {
    case .text: TextReporter(color: useColor, showSummary: !quiet)
    case .json: JSONReporter()
    case .jsonl: JSONLinesReporter()
    case .sarif: SARIFReporter(toolVersion: TermLintVersion.string)
    case .github: GitHubReporter()
    case .junit: JUnitReporter()
    case .checkstyle: CheckstyleReporter()
    case .gitlab: GitLabReporter()
    case .html: HTMLReporter(toolVersion: TermLintVersion.string)
    }
  }

  /// The findings a report shows: the options, else `.lint.yml`'s `max_findings` and
  /// `max_findings_per_file`.
  func findingLimit(_ configuration: Configuration) -> FindingLimit {
    FindingLimit(
      run: maxFindings ?? configuration.maxFindings,
      perFile: maxFindingsPerFile ?? configuration.maxFindingsPerFile)
  }

  /// Says on standard error how many findings the report left out.
  func noteOmitted(_ summary: Summary, configuration: Configuration) {
    guard summary.omitted > 0 else { return }
    printError(
      "termlint: note: \(findingLimit(configuration).describe(omitted: summary.omitted))")
  }

  /// The exit status for a result: 2 for errors, 1 for failing findings, else 0.
  func status(_ result: RunResult, configuration: Configuration) -> Int32 {
    status(Summary(result), configuration: configuration)
  }

  /// The exit status for a run's counts: 2 for errors, 1 for failing findings, else 0.
  func status(_ summary: Summary, configuration: Configuration) -> Int32 {
    if summary.problems > 0 { return Status.error }
    let threshold = failOn ?? configuration.failOn
    let counts: [(Severity, Int)] = [
      (.error, summary.errors), (.warning, summary.warnings), (.info, summary.infos),
    ]
    if let limit = maxWarnings ?? configuration.maxWarnings {
      // With a warning budget, warnings fail only past it; other severities as --fail-on says.
      if summary.warnings > limit { return Status.findings }
      let failing = counts.contains { $0.0 != .warning && $0.1 > 0 && threshold.fails($0.0) }
      return failing ? Status.findings : Status.clean
    }
    return counts.contains { $0.1 > 0 && threshold.fails($0.0) } ? Status.findings : Status.clean
  }
}

/// Everything a run needs, built from the options: configuration, linter, inputs.
struct Session {
  var configuration: Configuration
  var linter: Linter
  var inputs: [Runner.Input]
  var walked: FileWalker.Result
  var baseline: Baseline?

  /// Builds the session; configuration and glossary errors are printed and exit 2. With
  /// `requireGlossary: false` (discover) no glossary at all is fine.
  static func make(_ options: InputOptions, requireGlossary: Bool = true) throws -> Session {
    let cwd = FileManager.default.currentDirectoryPath
    let configuration: Configuration
    let linter: Linter
    var baseline: Baseline?
    do {
      configuration = try options.glossary.configuration(cwd: cwd)
      let (builtin, paths) = options.glossary.sources(configuration)
      guard builtin || !paths.isEmpty || !requireGlossary else {
        throw TermLintError(
          .usage, "no glossary to check against (--no-builtin with no --glossary)")
      }
      let compiled = try GlossarySet.compiled(
        builtin: builtin, paths: paths, cache: options.noCache ? nil : cache(configuration))
      ProcessLifetime.keep(compiled)
      linter = Linter(glossary: compiled, configuration: configuration)
      if let path = options.baseline { baseline = try Baseline.load(path: path) }
    } catch {
      printError("termlint: error: \(error)")
      throw ExitCode(Status.error)
    }
    var paths: [String] = []
    var readStdin = false
    for path in options.paths.isEmpty ? ["."] : options.paths {
      if path == "-" { readStdin = true } else { paths.append(path) }
    }
    let walked = FileWalker(configuration: configuration).walk(paths)
    var inputs = walked.files.map { Runner.Input.file($0) }
    if readStdin {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      inputs.append(.text(path: options.stdinFilename ?? "<stdin>", bytes: Array(data)))
    }
    if let shard = options.selectedShard {
      inputs = shard.filter(inputs, configuration: configuration)
    }
    return Session(
      configuration: configuration, linter: linter, inputs: inputs, walked: walked,
      baseline: baseline)
  }

  /// The compiled glossary cache: `cache:` in `.lint.yml`, else the platform cache folder.
  static func cache(_ configuration: Configuration) -> GlossaryCache? {
    let folder: String?
    switch configuration.cache {
    case .off: folder = nil
    case .folder(let path): folder = path
    case .platform:
      folder = GlossaryCache.defaultFolder(environment: ProcessInfo.processInfo.environment)
    }
    return folder.map { GlossaryCache(folder: $0, toolVersion: TermLintVersion.string) }
  }

  /// Adds the walk's problems and notes, applies the baseline, and prints the notes,
  /// skipped files and errors on standard error.
  func finish(_ result: inout RunResult) {
    result.problems = walked.problems + result.problems
    result.notes = walked.notes + result.notes
    if let baseline {
      let (kept, unused) = baseline.filter(result.diagnostics)
      let keep = Set(kept)
      for index in result.files.indices {
        result.files[index].diagnostics = result.files[index].diagnostics.filter(keep.contains)
      }
      if let note = Self.baselineNote(unused: unused) { result.notes.append(note) }
    }
    Self.printNotes(result)
  }

  /// What to say when baseline entries matched nothing.
  static func baselineNote(unused: Int) -> String? {
    guard unused > 0 else { return nil }
    return "the baseline records \(unused) finding\(unused == 1 ? "" : "s") that no longer occur; "
      + "refresh it with 'termlint baseline create'"
  }

  /// The notes, skipped files and errors of a run, on standard error.
  static func printNotes(_ result: RunResult) {
    for note in result.notes { printError("termlint: note: \(note)") }
    for path in result.skippedBinary { printError("termlint: note: \(path): skipped: binary file") }
    for problem in result.problems { printError("termlint: error: \(problem)") }
  }
}

/// Objects kept until the process exits: freeing a large compiled glossary object by object
/// at the end of a run costs milliseconds for nothing.
enum ProcessLifetime {
  nonisolated(unsafe) private static var kept: [AnyObject] = []

  /// Called from the main thread only (building the session).
  static func keep(_ object: AnyObject) { kept.append(object) }
}
