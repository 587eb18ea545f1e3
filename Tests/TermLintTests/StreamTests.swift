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

/// Large files are linted in sections (`Sectioning`): bounded memory, findings in the
/// file's own coordinates.
@Suite struct SectionTests {
  /// Text with every kind of line end, a byte-order mark, multi-byte characters, long lines
  /// without spaces and blank lines.
  static func awkwardText() -> [UInt8] {
    var text = "\u{FEFF}first line “quoted”\r\nsecond\rthird\n\n"
    text += String(repeating: "嘉兴", count: 70) + " tail\n"
    text += String(repeating: "word ", count: 40) + "\r\n\r\n"
    text += String(repeating: "x", count: 150) + "é\n" + "last line without end"
    return Array(text.utf8)
  }

  @Test(arguments: [16, 17, 31, 64, 100, 4096]) func sectionsTileTheFileAndKnowWhereTheyStart(
    size: Int
  ) throws {
    let bytes = Self.awkwardText()
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", String(decoding: bytes, as: UTF8.self))
    let whole = LineIndex(bytes: bytes, textStart: 3)
    var reader = try SectionReader(path: path, size: size)
    var joined: [UInt8] = []
    var sections: [SectionReader.Section] = []
    while let section = try reader.next() {
      #expect(section.offset == joined.count)
      #expect(section.bytes.count <= size)
      if section.offset > 0 {
        let position = whole.position(of: section.offset, in: bytes)
        #expect(section.line == position.line && section.column == position.column)
        // Never inside a character.
        #expect(bytes[section.offset] & 0xC0 != 0x80)
      }
      joined += section.bytes
      sections.append(section)
    }
    #expect(joined == bytes)
    #expect(sections.map(\.isLast) == Array(repeating: false, count: sections.count - 1) + [true])
  }

  @Test func cutsAfterABlankLineElseALineBreakElseASpace() {
    #expect(SectionReader.cut(Array("a\n\nb c\nd e".utf8)) == 3)
    #expect(SectionReader.cut(Array("a\r\n\r\nb\nc".utf8)) == 5)
    #expect(SectionReader.cut(Array("a b\nc d".utf8)) == 4)
    #expect(SectionReader.cut(Array("ab cd".utf8)) == 3)
    #expect(SectionReader.cut(Array("ab\rcd".utf8)) == 3)
    // No break or space: before the last character, never inside it.
    #expect(SectionReader.cut(Array("嘉兴".utf8)) == 3)
  }

  /// Paragraphs shorter than a section: every cut falls on a blank line, so the findings of
  /// the rules that look at one place are exactly those of the whole file.
  @Test func findingsEqualTheWholeFilesWhenNoTermCrossesACut() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    var text = "\u{FEFF}"
    for index in 0..<40 {
      text += "Paragraph \(index): the 88th Strategy, “One Belt One Road” and 嘉兴.\r\n"
      text += "Its second line names the eight-eight strategy.\r\n\r\n"
    }
    let dir = try TemporaryDirectory()
    let path = try dir.write("big.txt", text)
    func run(_ sectioning: Sectioning) -> [FileReport] {
      var reports: [FileReport] = []
      _ = Runner.stream(
        [.file(path)], linter: linter, jobs: 1, sectioning: sectioning, render: { $0 },
        emit: { reports.append($0) })
      return reports
    }
    let whole = run(.standard)
    let sectioned = run(Sectioning(threshold: 0, size: 300))
    #expect(whole.count == 1 && sectioned.count > 10)
    #expect(sectioned.flatMap(\.diagnostics) == whole[0].diagnostics)
    // Three glossary findings and one `untranslated` (嘉兴) per paragraph.
    #expect(sectioned.flatMap(\.diagnostics).count == 160)
    var excerpts: [Int: SourceExcerpt] = [:]
    for report in sectioned { excerpts.merge(report.excerpts) { first, _ in first } }
    #expect(excerpts == whole[0].excerpts)
    // Counted once, as one file with findings.
    let summary = sectioned.reduce(into: Summary()) { $0.add(Summary(file: $1)) }
    #expect(summary.filesChecked == 1 && summary.filesWithFindings == 1)
    #expect(summary.findings == 160)
  }

  /// A NUL byte or a bad UTF-8 sequence after the first section: the sections before it
  /// stand, the file is an error at its place in the file.
  @Test func badBytesInALaterSection() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let dir = try TemporaryDirectory()
    let good = String(repeating: "the 88th Strategy.\n\n", count: 20)
    for (tail, expected) in [
      ([UInt8(0x61), 0xFF, 0x0A], "not valid UTF-8: byte 0xFF at offset 401 (line 41)"),
      ([UInt8(0x61), 0x00, 0x0A], "not text: a NUL byte after offset"),
    ] {
      let path = dir.path + "/bad.txt"
      #expect(FileManager.default.createFile(atPath: path, contents: Data(Array(good.utf8) + tail)))
      var findings = 0
      let outcome = Runner.stream(
        [.file(path)], linter: linter, jobs: 2, sectioning: Sectioning(threshold: 0, size: 100),
        render: { $0.diagnostics.count }, emit: { findings += $0 })
      #expect(findings == 20)
      #expect(outcome.problems.count == 1)
      #expect(outcome.problems.first?.message.hasPrefix(expected) == true)
      // Linted whole, the same file names the same place.
      if tail[1] == 0xFF {
        let whole = Runner.stream(
          [.file(path)], linter: linter, render: { $0 }, emit: { _ in })
        #expect(whole.problems.first?.message == outcome.problems.first?.message)
      }
    }
  }
}
