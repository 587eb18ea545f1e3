import ArgumentParser
import TermLint

/// `termlint formats`: every `--format` value with what it is for.
struct Formats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formats",
    abstract: "List the output formats (--format) and what each is for.")

  func run() throws {
    let width = OutputFormat.allCases.map(\.rawValue.count).max() ?? 0
    var out = ""
    for format in OutputFormat.allCases {
      let name = format.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
      out += "\(name)  \(format.summary)\n"
    }
    printOutput(out)
  }
}
