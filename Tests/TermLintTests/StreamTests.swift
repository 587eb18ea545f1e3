import Foundation
import Testing

@testable import TermLint

@Suite struct StreamTests {
  /// Results come back in path order, whatever order the inputs are given in and however
  /// small the window of results allowed to wait for an earlier file.
  @Test(arguments: [1, 2, 5]) func streamEmitsInPathOrder(jobs: Int) throws {
    let linter = try makeLinter()
    var inputs: [Runner.Input] = (0..<40).map { index in
      .text(
        path: String(format: "f%02d.txt", index), bytes: Array("the 88th Strategy \(index)".utf8))
    }
    inputs.append(.text(path: "z.bin", bytes: [0, 1, 2]))
    inputs.append(.text(path: "e.txt", bytes: [0x61, 0xFF]))
    inputs.reverse()
    for window in [1, 3, 64] {
      var paths: [String] = []
      let outcome = Runner.stream(
        inputs, linter: linter, jobs: jobs, window: window,
        render: { ($0.path, $0.diagnostics.count) }, emit: { paths.append($0.0) })
      #expect(paths == (0..<40).map { String(format: "f%02d.txt", $0) })
      #expect(outcome.skippedBinary == ["z.bin"])
      #expect(outcome.problems.map(\.path) == ["e.txt"])
    }
  }

  /// Clean files (empty pieces) before, between and after files with findings, with and
  /// without problems: the JSON formats still parse with every finding, each exactly once.
  @Test(arguments: [OutputFormat.json, .sarif, .gitlab]) func separatorsAroundEmptyPieces(
    format: OutputFormat
  ) throws {
    var result = try ReporterSnapshotTests.result()
    let clean = { (path: String) in FileReport(path: path, diagnostics: []) }
    let findings = result.diagnostics.count
    result.files = [clean("0.txt")] + result.files.flatMap { [$0, clean($0.path + ".clean")] }
    for problems in [result.problems, []] {
      result.problems = problems
      let output = FormatTests.render(format, result)
      let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
      let count: Int
      switch format {
      case .json: count = ((parsed as? [String: Any])?["diagnostics"] as? [Any])?.count ?? -1
      case .sarif:
        let runs = (parsed as? [String: Any])?["runs"] as? [[String: Any]]
        count = (runs?.first?["results"] as? [Any])?.count ?? -1
      default: count = (parsed as? [Any]).map { $0.count - problems.count } ?? -1
      }
      #expect(count == findings)
    }
  }
}
