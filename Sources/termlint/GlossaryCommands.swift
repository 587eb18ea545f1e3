import ArgumentParser
import Foundation
import TermLint

struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Work with glossaries.",
    subcommands: [Check.self, Import.self, Export.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate glossaries: schema, duplicates, variants that fold to correct forms, "
        + "missing references, and examples that do not behave as stated.",
      discussion: """
        PATHS are glossary files or folders (walked for *.yml and *.yaml); with none, the \
        bundled dictionaries are checked. The files are checked as one set, as a run merges \
        them. Exit status: 0 clean, 1 problems at or above --fail-on, 2 a glossary that \
        cannot be read or parsed, 64 usage.
        """)

    @Argument(help: "Glossary files or folders. Default: the bundled dictionaries.")
    var paths: [String] = []

    @Option(
      name: .customLong("fail-on"),
      help: "Exit 1 for problems at or above this severity: error, warning or never.")
    var failOn: FailOn = .warning

    func run() throws {
      var failed = false
      let glossaries = try loadGlossaries(bundled: paths.isEmpty, paths: paths, failed: &failed)
      let problems = GlossaryChecker.check(glossaries)
      var out = ""
      for problem in problems { out += problem.description + "\n" }
      let concepts = glossaries.reduce(0) { $0 + $1.terms.count }
      let errors = problems.filter { $0.severity == .error }.count
      let warnings = problems.count - errors
      out +=
        problems.isEmpty
        ? "\(counted(glossaries.count, "glossary", "glossaries")) with \(counted(concepts, "concept")): no problems.\n"
        : "\(counted(errors, "error")), \(counted(warnings, "warning")) in \(counted(glossaries.count, "glossary", "glossaries")).\n"
      printOutput(out)
      if failed { throw ExitCode(Status.error) }
      if problems.contains(where: { failOn.fails($0.severity) }) { throw ExitCode(Status.findings) }
    }
  }
}

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show a concept: its preferred, accepted and variant renderings, note and reference.",
    discussion: "TERM may be a concept id, a source term (八八战略) or any rendering (88th Strategy).")

  @Argument(help: "A concept id, source term or rendering (several words need no quotes).")
  var words: [String]

  var term: String { words.joined(separator: " ") }

  @Option(name: .customLong("glossary"), help: "Add a glossary (repeatable).")
  var glossaries: [String] = []

  @Flag(name: .customLong("no-builtin"), help: "Leave out the bundled dictionaries.")
  var noBuiltin = false

  func run() throws {
    let compiled: CompiledGlossary
    do {
      compiled = CompiledGlossary(
        glossaries: try GlossarySet.load(builtin: !noBuiltin, paths: glossaries))
    } catch {
      printError("termlint: error: \(error)")
      throw ExitCode(Status.error)
    }
    let found = Explainer.find(term, in: compiled)
    guard !found.isEmpty else {
      printError("termlint: no concept matches “\(term)”")
      throw ExitCode(Status.findings)
    }
    printOutput(found.map(Explainer.describe).joined(separator: "\n"))
  }
}

/// "1 error", "2 errors"; "1 glossary", "2 glossaries".
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
  "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}

/// The bundled dictionaries (when `bundled`) and the glossaries of PATHS, in that order. A
/// glossary that does not load is reported at its file:line:column and sets `failed`; the
/// bundled dictionaries failing to decode stop the command (exit 2).
func loadGlossaries(bundled: Bool, paths: [String], failed: inout Bool) throws -> [Glossary] {
  var glossaries: [Glossary] = []
  if bundled {
    do {
      glossaries = try GlossarySet.bundled()
    } catch {
      printError("termlint: error: \(error)")
      throw ExitCode(Status.error)
    }
  }
  for file in glossaryFilePaths(paths, failed: &failed) {
    do {
      glossaries.append(try GlossarySet.load(path: file))
    } catch {
      printError(
        "\(error.location.map { "\($0)" } ?? error.path ?? file): error: \(error.message)")
      failed = true
    }
  }
  return glossaries
}

/// The glossary files of PATHS: files as given, folders walked for *.yml and *.yaml.
func glossaryFilePaths(_ paths: [String], failed: inout Bool) -> [String] {
  var files: [String] = []
  for path in paths {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      printError("\(path): error: no such file or directory")
      failed = true
      continue
    }
    guard isDirectory.boolValue else {
      files.append(path)
      continue
    }
    let found =
      (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
      .sorted()
    files += found.map { (path as NSString).appendingPathComponent($0) }
  }
  return files
}
