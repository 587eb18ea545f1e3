import Foundation
import Testing

@testable import TermLint

/// Hostile shapes of input: each gives findings or a clear error, never a crash or a hang.
@Suite struct LimitsTests {
  @Test func aYAMLAliasBombInAGlossaryIsAnErrorNotAnExpansion() throws {
    var lines = [
      "terms:", "  - preferred: X Y", "    variants: &a0 [x0, x1, x2, x3, x4, x5, x6, x7]",
    ]
    for level in 1...9 {
      lines.append("  - preferred: Z\(level) W")
      lines.append(
        "    variants: &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 8).joined(
            separator: ", ") + "]")
    }
    #expect(throws: TermLintError.self) {
      try GlossaryLoader.load(yaml: lines.joined(separator: "\n") + "\n", path: "bomb.yml")
    }
    // The same in .lint.yml.
    let config = "allow: &a [x, x, x, x]\nexclude: [*a, *a, *a, *a]\n"
    #expect(throws: TermLintError.self) {
      try Configuration.parse(yaml: config, path: "/p/.lint.yml")
    }
  }

  @Test func aFileOfCombiningMarksIsLinted() throws {
    let text = "a" + String(repeating: "\u{0301}", count: 50_000) + " the 88th Strategy\n"
    let found = try lint(text, with: try makeLinter())
    #expect(found.map(\.matched) == ["88th Strategy"])
  }

  @Test func markdownNestedDeeplyIsReadWithoutRecursion() throws {
    let linter = try makeLinter()
    let quotes = String(repeating: ">", count: 100_000) + " the 88th Strategy\n"
    #expect(try lint(quotes, as: .markdown, with: linter).map(\.matched) == ["88th Strategy"])
    let brackets =
      String(repeating: "[", count: 100_000) + "the 88th Strategy"
      + String(repeating: "]", count: 100_000) + "\n"
    #expect(try lint(brackets, as: .markdown, with: linter).contains { $0.rule == "variant" })
    let emphasis =
      String(repeating: "*", count: 100_000) + "the 88th Strategy"
      + String(repeating: "*", count: 100_000) + "\n"
    #expect(try lint(emphasis, as: .markdown, with: linter).contains { $0.rule == "variant" })
    let lists = (0..<2_000).map { String(repeating: "  ", count: $0) + "- x\n" }.joined()
    #expect(try lint(lists + "\nthe 88th Strategy\n", as: .markdown, with: linter).count >= 1)
  }

  @Test func htmlAndXMLNestedDeeplyAreBounded() throws {
    let linter = try makeLinter()
    let html =
      String(repeating: "<div>", count: 100_000) + "the 88th Strategy"
      + String(repeating: "</div>", count: 100_000)
    #expect(try lint(html, as: .html, with: linter).contains { $0.rule == "variant" })
    let xml =
      "<?xml version=\"1.0\"?><xliff version=\"1.2\">" + String(repeating: "<g>", count: 100_000)
      + "x" + String(repeating: "</g>", count: 100_000) + "</xliff>"
    #expect(throws: FormatError.self) {
      try lint(xml, as: .xliff, with: linter)
    }
  }

  @Test func aLongLineOfFindingsStaysLinear() throws {
    // 20,000 findings on one line: positions come from one forward pass.
    let text = String(repeating: "the 88th Strategy, ", count: 20_000)
    let found = try lint(text, with: try makeLinter())
    #expect(found.filter { $0.rule == "variant" }.count == 20_000)
    #expect(found.last?.start.line == 1)
  }

  /// Links that point at each other: named, an error (exit 2) and the other files are
  /// linted; met in a walk, a note and the walk goes on.
  @Test func aSymbolicLinkLoopIsAnErrorWhenNamedAndANoteWhenWalked() throws {
    let dir = try TemporaryDirectory()
    let good = try dir.write("good.txt", "the 88th Strategy\n")
    symlink(dir.path + "/b.txt", dir.path + "/a.txt")
    symlink(dir.path + "/a.txt", dir.path + "/b.txt")
    let named = try CLI.run(["--no-config", dir.path + "/a.txt", good])
    #expect(named.status == 2)
    #expect(named.stderr.contains("a.txt: too many levels of symbolic links"))
    #expect(named.stdout.contains("1 warning in 1 of 1 file"))
    let walked = try CLI.run(["--no-config", dir.path])
    #expect(walked.status == 1)
    #expect(walked.stderr.contains("a.txt: skipped: symbolic link loop"))
    #expect(walked.stderr.contains("b.txt: skipped: symbolic link loop"))
    #expect(walked.stdout.contains("1 warning in 1 of 1 file"))
  }

  /// A file that cannot be opened: an error that says why (exit 2), the others linted, and
  /// `fix` writes nothing. A socket cannot be opened even by root; a file without read
  /// permission only for other users.
  @Test func anUnreadableFileIsAnErrorAndTheOthersAreLinted() throws {
    let dir = try TemporaryDirectory()
    let good = try dir.write("good.txt", "the 88th Strategy\n")
    let socketPath = dir.path + "/socket.txt"
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #expect(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in socketPath.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    #expect(bound == 0)
    let output = try CLI.run(["--no-config", socketPath, good])
    #expect(output.status == 2)
    #expect(output.stderr.contains("socket.txt: cannot read: "))
    #expect(output.stdout.contains("1 warning in 1 of 1 file"))
    let locked = try dir.write("locked.txt", "the 88th Strategy\n")
    chmod(locked, 0)
    defer { chmod(locked, 0o644) }
    let fixed = try CLI.run(["fix", "--no-config", locked, good])
    if getuid() != 0 {
      #expect(fixed.status == 2)
      #expect(fixed.stderr.contains("locked.txt: cannot read: permission denied"))
      chmod(locked, 0o644)
      #expect(try String(contentsOfFile: locked, encoding: .utf8) == "the 88th Strategy\n")
    }
    #expect(try String(contentsOfFile: good, encoding: .utf8) == "the Double-Eight Strategy\n")
  }
}
