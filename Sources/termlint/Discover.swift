import ArgumentParser
import Foundation
import TermLint

struct Discover: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "discover",
    abstract: "Find renderings no glossary lists and propose glossary entries (YAML).",
    discussion: """
      Reads PATHS as lint does and groups renderings across all of them: names and slogans \
      no glossary knows (capitalised or quoted phrases written several ways: "Ten Special \
      Actions" and "10 special actions"), and glossary concepts written with numbers or \
      look-alike letters that their glossary does not list. Prints the groups as glossary \
      entries, most frequent first, each with its count and places in a comment; the output \
      passes 'termlint glossary check'. A new concept's preferred form is its most used \
      rendering: review it before use. Exit status: 0, or 2 for an I/O or glossary error.
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .shortAndLong, help: "Write the entries to this file instead of standard output.")
  var output: String?

  func run() throws {
    let session = try Session.make(input, requireGlossary: false)
    let (groups, runResult) = Runner.discover(
      session.inputs, linter: session.linter, jobs: input.jobCount)
    var result = runResult
    session.finish(&result)
    let proposals = Discovery.proposals(groups, glossary: session.linter.glossary)
    let files = session.inputs.count - result.skippedBinary.count - runResult.problems.count
    let yaml = Discovery.yaml(proposals, files: max(0, files))
    if let output {
      do {
        try AtomicWriter.create(output, with: Array(yaml.utf8))
      } catch {
        printError("termlint: error: \(output): cannot write: \(error.message)")
        throw ExitCode(Status.error)
      }
      printError("termlint: wrote \(counted(proposals.count, "entry", "entries")) to \(output)")
    } else {
      printOutput(yaml)
    }
    if !result.problems.isEmpty { throw ExitCode(Status.error) }
  }
}
