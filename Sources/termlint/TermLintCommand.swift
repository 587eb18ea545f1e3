import ArgumentParser
import Foundation
import TermLint

@main
struct TermLintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "termlint",
    abstract: "Flag inconsistent and non-canonical English renderings of Chinese political terms.",
    discussion: """
      termlint PATHS... is short for termlint lint PATHS...

      Exit status: 0 no findings at or above --fail-on; 1 findings; 2 a configuration, \
      glossary or I/O error; 64 a usage error.
      """,
    version: "termlint \(TermLintVersion.string)",
    subcommands: [
      Lint.self, FixCommand.self, BaselineCommand.self, Rules.self, Formats.self, Explain.self,
      GlossaryCommand.self, Discover.self, Extract.self, LSPCommand.self, Merge.self,
    ],
    defaultSubcommand: Lint.self)
}

enum TermLintVersion {
  static let string = "0.1.0 (ICU \(ICUInfo.version))"
}

/// Exit statuses, documented in the README and in `termlint --help`.
enum Status {
  static let clean: Int32 = 0
  static let findings: Int32 = 1
  /// Configuration, glossary or I/O error.
  static let error: Int32 = 2
}

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

extension OutputFormat: ExpressibleByArgument {}
extension FailOn: ExpressibleByArgument {}
extension ConsistencyScope: ExpressibleByArgument {}

/// Writes to standard error.
func printError(_ text: String) {
  // Messages name files and quote their text: escape what a terminal would obey.
  let safe = TerminalText.safe(text, keepingLineBreaks: true)
  FileHandle.standardError.write(Data((safe + "\n").utf8))
}

/// Writes to standard output in one piece.
func printOutput(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}
