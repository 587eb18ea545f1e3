import ArgumentParser
import Foundation
import TermLintLSP

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `termlint lsp`: the language server on standard input and output.
struct LSPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lsp",
    abstract: "Run the language server (LSP 3.17) on standard input and output.",
    discussion: """
      Editors start it and talk to it; see docs/editors.md. Each document is linted with the \
      .lint.yml found from its folder (or the nearest parent), as typed in the editor. Notes \
      go to standard error. Exit status: 0 after shutdown and exit, 1 otherwise.
      """)

  @Flag(
    help: "Accepted for clients that pass it; standard input and output are the only transport.")
  var stdio = false

  func run() throws {
    // A client that goes away must end the server through a failed write, not SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    let code = StdioTransport().run(version: TermLintVersion.string) { printError($0) }
    if code != 0 { throw ExitCode(code) }
  }
}
