import Foundation
import Testing

@testable import TermLint

/// Bytes from files and file names never act on the reader's terminal or CI runner.
@Suite struct OutputSafetyTests {
  @Test func controlsAndBidiOverridesAreEscaped() {
    #expect(TerminalText.safe("a\u{1B}[31mb") == "a\\u{1B}[31mb")
    #expect(TerminalText.safe("x\u{9B}2Jy") == "x\\u{9B}2Jy")
    #expect(TerminalText.safe("abc\u{202E}fed") == "abc\\u{202E}fed")
    #expect(TerminalText.safe("one\ntwo", keepingLineBreaks: true) == "one\ntwo")
    #expect(TerminalText.safe("one\ntwo") == "one\\u{A}two")
    #expect(TerminalText.safe("Double-Eight Strategy “八八战略”") == "Double-Eight Strategy “八八战略”")
  }

  @Test func textReportShowsNoRawEscapeFromTheFileOrItsName() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write(
      "a\u{1B}]0;title\u{7}.txt", "the 88th Strategy \u{1B}[2J cleared \u{202E}reversed\n")
    let output = try CLI.run(["--no-config", "--color", "never", path])
    #expect(output.status == 1)
    #expect(!output.stdout.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" })
    #expect(output.stdout.contains("a\\u{1B}]0;title\\u{7}.txt:1:5:"))
    // Errors name files too.
    let bad = try dir.write("b\u{1B}[1m.txt", bytes: [0x41, 0xFF, 0x0A])
    let error = try CLI.run(["--no-config", bad])
    #expect(error.status == 2)
    #expect(!error.stderr.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" })
  }

  @Test func githubAnnotationsCannotStartAnotherCommand() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write(
      "x,y:z%.txt", "the 88th\nStrategy\n::error file=evil::injected\n")
    let output = try CLI.run(["--no-config", "--format", "github", path])
    for line in output.stdout.split(separator: "\n") {
      // Every line is one of termlint's own commands: the line break inside the matched
      // "88th\nStrategy" is escaped, so the file's text cannot start a command of its own.
      #expect(
        line.hasPrefix("::warning ") || line.hasPrefix("::notice ") || line.hasPrefix("::error "))
    }
    #expect(output.stdout.contains("x%2Cy%3Az%25.txt"))
  }
}
