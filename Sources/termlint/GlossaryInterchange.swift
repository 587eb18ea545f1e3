import ArgumentParser
import Foundation
import TermLint

extension InterchangeFormat: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

extension GlossaryCommand {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Convert termbases (TBX, CSV, TSV, prh, Vale substitution rules) to a glossary.",
      discussion: """
        Reads FILE... and writes one termlint glossary (YAML) that 'termlint glossary check' \
        reads. The format is taken from the extension (.tbx, .csv, .tsv; .yml and .yaml are \
        prh or Vale by their content) unless --from names it. What a glossary cannot hold \
        (regular expressions, other languages) is reported on standard error as a warning \
        with its place. See docs/glossary-interchange.md. Exit status: 0 written, 2 a file \
        that cannot be read or is malformed (nothing is written), 64 usage.
        """)

    @Argument(help: "Termbase files.")
    var files: [String]

    @Option(name: .customLong("from"), help: "The input format (default: by the extension).")
    var from: InterchangeFormat?

    @Option(
      name: .shortAndLong, help: "Write the glossary to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("name"), help: "The glossary's name. Default: the file's name.")
    var name: String?

    func validate() throws {
      if files.isEmpty { throw ValidationError("name at least one termbase file") }
    }

    func run() throws {
      var imported: [ImportedTerms] = []
      var failed = false
      for path in files {
        let bytes: [UInt8]
        do {
          bytes = try FileReader.contents(of: path)
        } catch {
          printError("\(path): error: cannot read: \(error.message)")
          failed = true
          continue
        }
        guard let format = from ?? InterchangeFormat.detect(path: path, bytes: bytes) else {
          printError(
            "\(path): error: unknown termbase format; name it with --from tbx|csv|tsv|prh|vale")
          throw ExitCode(ExitCode.validationFailure.rawValue)
        }
        do {
          imported.append(try GlossaryImport.read(bytes, path: path, format: format))
        } catch {
          printError(
            "\(error.location.map { "\($0)" } ?? error.path ?? path): error: \(error.message)")
          failed = true
        }
      }
      if failed { throw ExitCode(Status.error) }
      let (glossary, notices) = GlossaryImport.glossary(imported, name: name)
      let yaml = GlossaryImport.yaml(glossary, from: imported)
      // The output must load: a glossary the loader refuses is never written.
      let loaded: Glossary
      do {
        loaded = try GlossaryLoader.load(yaml: yaml, path: output ?? "<stdout>")
      } catch {
        printError("termlint: error: the imported glossary does not load (a bug): \(error)")
        throw ExitCode(Status.error)
      }
      for notice in notices { printError(notice.description) }
      for problem in GlossaryChecker.check([loaded]) {
        printError("termlint: glossary check: \(problem.description)")
      }
      if let output {
        do {
          try AtomicWriter.create(output, with: Array(yaml.utf8))
        } catch {
          printError("termlint: error: \(output): cannot write: \(error.message)")
          throw ExitCode(Status.error)
        }
        printError(
          "termlint: wrote \(counted(glossary.terms.count, "concept")) from "
            + "\(counted(imported.count, "file")) to \(output)")
      } else {
        printOutput(yaml)
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write glossaries as a termbase: TBX-Basic or CSV.",
      discussion: """
        Exports the bundled dictionaries (unless --no-builtin) and the glossaries in PATHS \
        (files, or folders walked for *.yml and *.yaml), merged as a run merges them: a \
        later concept with the same id replaces the earlier one. 'termlint glossary import' \
        reads the result back. See docs/glossary-interchange.md. Exit status: 0 written, \
        2 a glossary that cannot be read or a text the format cannot hold, 64 usage.
        """)

    @Argument(help: "Glossary files or folders to add to the bundled dictionaries.")
    var paths: [String] = []

    @Option(name: .customLong("to"), help: "The output format.")
    var format: ExportFormat

    @Flag(name: .customLong("no-builtin"), help: "Leave out the bundled dictionaries.")
    var noBuiltin = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
      if noBuiltin && paths.isEmpty {
        throw ValidationError("--no-builtin with no PATHS leaves nothing to export")
      }
    }

    func run() throws {
      var failed = false
      let glossaries = try loadGlossaries(bundled: !noBuiltin, paths: paths, failed: &failed)
      if failed { throw ExitCode(Status.error) }
      let terms = GlossaryExport.terms(glossaries)
      let title =
        glossaries.count == 1
        ? glossaries[0].name
        : paths.isEmpty
          ? "termlint bundled dictionaries"
          : "termlint glossaries: " + glossaries.map(\.name).joined(separator: "; ")
      let text: String
      do {
        text = try GlossaryExport.write(terms, as: format, title: title)
      } catch {
        printError("\(error.location.map { "\($0): " } ?? "termlint: ")error: \(error.message)")
        throw ExitCode(Status.error)
      }
      if let output {
        do {
          try AtomicWriter.create(output, with: Array(text.utf8))
        } catch {
          printError("termlint: error: \(output): cannot write: \(error.message)")
          throw ExitCode(Status.error)
        }
        printError("termlint: wrote \(counted(terms.count, "concept")) to \(output)")
      } else {
        printOutput(text)
      }
    }
  }
}
