import Foundation
import Testing

@testable import TermLint

/// `fix` of large plain-text files section by section (`StreamedFixer`), and files that
/// change or go away while termlint works on them.
@Suite struct StreamedFixTests {
  /// Paragraphs shorter than any section size below, so every cut falls after a blank line:
  /// a byte-order mark, CRLF and LF lines, a lone CR, CJK text (`untranslated`, no fix) and
  /// fixes that change the length of their line.
  static func paragraphs(_ count: Int) -> String {
    var text = "\u{FEFF}"
    for index in 0..<count {
      switch index % 4 {
      case 0:
        text += "Paragraph \(index): the 88th Strategy, “One Belt One Road” and 嘉兴.\r\n"
        text += "Its second line: the Eighth Eighth Strategy, then the 88th Strategy.\r\n\r\n"
      case 1: text += "Nothing to fix in paragraph \(index), “quoted” é.\n\n"
      case 2: text += "Lone\rCR \(index); the Eight-Eight Strategy 嘉兴\n\n"
      default: text += "One Belt, One Road \(index) and the 88th Strategy.\n\n"
      }
    }
    return text
  }

  /// The whole-file fix of `bytes`: the bytes and what is left.
  static func wholeFix(_ bytes: [UInt8], path: String, linter: Linter) throws -> (
    bytes: [UInt8], remaining: FileReport, applied: Int
  ) {
    let file = try SourceFile(path: path, bytes: bytes)
    let outcome = try Fixer.fix(file, linter: linter, unsafe: false)
    let fixed = try SourceFile(path: path, bytes: outcome.bytes)
    return (
      outcome.bytes, FileReport(path: path, diagnostics: outcome.remaining, source: fixed),
      outcome.applied.count
    )
  }

  static func temporaries(in dir: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.contains(".termlint-")
    }
  }

  @Test(arguments: [300, 700, 1300]) func streamedFixGivesTheWholeFileFixByteForByte(
    size: Int
  ) throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let bytes = Array(Self.paragraphs(60).utf8)
    let dir = try TemporaryDirectory()
    let path = try dir.write("big.txt", bytes: bytes)
    let whole = try Self.wholeFix(bytes, path: path, linter: linter)
    #expect(whole.bytes != bytes)
    chmod(path, 0o640)
    guard
      case .fixed(let outcome) = StreamedFixer.fix(
        path, linter: linter, unsafe: false, sectionSize: size)
    else {
      Issue.record("not fixed")
      return
    }
    let written = try #require(FileManager.default.contents(atPath: path))
    #expect(Array(written) == whole.bytes)
    #expect(bytes.count > 3 * size, "several sections")
    // What is left (the 嘉兴 of `untranslated`) is at the fixed file's places.
    #expect(outcome.remaining.diagnostics == whole.remaining.diagnostics)
    #expect(outcome.remaining.excerpts == whole.remaining.excerpts)
    #expect(!outcome.remaining.diagnostics.isEmpty)
    #expect(outcome.applied == whole.applied)
    #expect(whole.applied >= 100)
    var info = stat()
    #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
    #expect(try Self.temporaries(in: dir) == [])
    // Idempotent: a second streamed run has nothing to fix and writes nothing.
    let inode = info.st_ino
    guard
      case .fixed(let again) = StreamedFixer.fix(
        path, linter: linter, unsafe: false, sectionSize: size)
    else {
      Issue.record("not fixed")
      return
    }
    #expect(again.applied == 0)
    #expect(stat(path, &info) == 0 && info.st_ino == inode, "not rewritten")
  }

  /// The first fix far into the file: the unchanged sections before it are copied.
  @Test func aFirstFixInALaterSectionKeepsTheStartAsItWas() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let clean = String(repeating: "Nothing here, “quoted” é.\r\n\r\n", count: 200)
    let text = clean + "the 88th Strategy\n\n" + clean
    let dir = try TemporaryDirectory()
    let path = try dir.write("late.txt", text)
    let result = StreamedFixer.fix(path, linter: linter, unsafe: false, sectionSize: 512)
    guard case .fixed(let outcome) = result else {
      Issue.record("\(result)")
      return
    }
    #expect(outcome.applied == 1)
    #expect(
      try String(contentsOfFile: path, encoding: .utf8)
        == clean + "the Double-Eight Strategy\n\n" + clean)
  }

  /// A NUL or a bad byte in a later section: an error at its place, nothing written.
  @Test func badBytesInALaterSectionWriteNothing() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let dir = try TemporaryDirectory()
    let good = Array(String(repeating: "the 88th Strategy.\n\n", count: 20).utf8)
    for (tail, expected) in [
      ([UInt8(0x61), 0xFF, 0x0A], "not valid UTF-8: byte 0xFF at offset 401 (line 41)"),
      ([UInt8(0x61), 0x00, 0x0A], "not text: a NUL byte after offset"),
    ] {
      let path = try dir.write("bad.txt", bytes: good + tail)
      let result = StreamedFixer.fix(path, linter: linter, unsafe: false, sectionSize: 100)
      guard case .problem(let problem) = result else {
        Issue.record("\(result)")
        continue
      }
      #expect(problem.message.hasPrefix(expected))
      #expect(Array(try #require(FileManager.default.contents(atPath: path))) == good + tail)
      #expect(try Self.temporaries(in: dir) == [])
    }
  }

  /// The file is edited, replaced or removed after it was read and before the rename: it is
  /// left as the other writer left it, and no temporary file stays.
  @Test(arguments: ["edited", "same size", "replaced", "removed"])
  func aFileChangedDuringAStreamedFixIsNotOverwritten(change: String) throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let dir = try TemporaryDirectory()
    let text = String(repeating: "the 88th Strategy.\n\n", count: 20)
    let path = try dir.write("a.txt", text)
    let other = text.replacingOccurrences(of: "88th", with: "99th")
    let result = StreamedFixer.fix(path, linter: linter, unsafe: false, sectionSize: 64) {
      switch change {
      case "edited": _ = try? dir.write("a.txt", text + "more\n")
      case "same size":
        // Same size, and the modification time put back: the status-change time and the
        // bytes still tell.
        var before = stat()
        stat(path, &before)
        _ = try? dir.write("a.txt", other)
        var times = [before.st_atim, before.st_mtim]
        utimensat(AT_FDCWD, path, &times, 0)
      case "replaced":
        let fresh = (try? dir.write("new.txt", text)) ?? ""
        rename(fresh, path)
      default: unlink(path)
      }
    }
    guard case .problem(let problem) = result else {
      Issue.record("\(change): \(result)")
      return
    }
    #expect(problem.message.contains("changed since it was read; not overwritten"), "\(change)")
    let now = try? String(contentsOfFile: path, encoding: .utf8)
    switch change {
    case "edited": #expect(now == text + "more\n")
    case "same size": #expect(now == other)
    case "replaced": #expect(now == text)
    default: #expect(now == nil, "a removed file is not written again")
    }
    #expect(try Self.temporaries(in: dir) == [])
  }

  /// The whole-file path: the bytes on disk are compared with those read just before the
  /// rename, so a change of the same size with the old modification time is caught too.
  @Test(arguments: ["same size", "removed"]) func aFileChangedDuringAWholeFileFixIsNotOverwritten(
    change: String
  ) throws {
    let dir = try TemporaryDirectory()
    let old = "the 88th Strategy\n"
    let path = try dir.write("a.txt", old)
    #expect(throws: FileError.self) {
      try AtomicWriter.replace(
        path, expecting: Array(old.utf8), with: Array("the Double-Eight Strategy\n".utf8)
      ) {
        if change == "removed" {
          unlink(path)
          return
        }
        var before = stat()
        stat(path, &before)
        _ = try? dir.write("a.txt", "the 99th Strategy\n")
        var times = [before.st_atim, before.st_mtim]
        utimensat(AT_FDCWD, path, &times, 0)
      }
    }
    let now = try? String(contentsOfFile: path, encoding: .utf8)
    #expect(now == (change == "removed" ? nil : "the 99th Strategy\n"))
    #expect(try Self.temporaries(in: dir) == [])
  }

  /// A file removed between the walk and the read (the Runner gets a path that is gone):
  /// an error that names it, and the other files are linted.
  @Test func aFileRemovedBeforeItIsReadIsAnErrorAndTheOthersAreLinted() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let dir = try TemporaryDirectory()
    let first = try dir.write("a.txt", "the 88th Strategy\n")
    let gone = try dir.write("b.txt", "the 88th Strategy\n")
    let last = try dir.write("c.txt", "the 88th Strategy\n")
    unlink(gone)
    var linted: [String] = []
    let outcome = Runner.stream(
      [.file(first), .file(gone), .file(last)], linter: linter, jobs: 2,
      render: { $0.path }, emit: { linted.append($0) })
    #expect(linted == [first, last])
    #expect(outcome.problems.map(\.message) == ["cannot read: no such file or directory"])
    #expect(outcome.problems.first?.path == gone)
    // The same for a large file, linted or fixed in sections.
    let sectioned = Runner.stream(
      [.file(gone)], linter: linter, sectioning: Sectioning(threshold: 0, size: 64),
      render: { $0.path }, emit: { _ in })
    #expect(sectioned.problems.map(\.message) == ["cannot read: no such file or directory"])
    let fixed = StreamedFixer.fix(gone, linter: linter, unsafe: false, sectionSize: 64)
    guard case .problem(let problem) = fixed else {
      Issue.record("\(fixed)")
      return
    }
    #expect(problem.message == "cannot read: no such file or directory")
  }

  /// Only plain text over the threshold is streamed: markup is read whole by its reader.
  @Test func onlyLargePlainTextIsStreamed() throws {
    let linter = try makeLinter()
    let dir = try TemporaryDirectory()
    let text = String(repeating: "the 88th Strategy\n\n", count: 10)
    let plain = try dir.write("a.txt", text)
    let markup = try dir.write("a.html", "<p>" + text + "</p>")
    let small = Sectioning(threshold: 100, size: 64)
    #expect(StreamedFixer.applies(to: plain, linter: linter, sectioning: small))
    #expect(!StreamedFixer.applies(to: markup, linter: linter, sectioning: small))
    #expect(!StreamedFixer.applies(to: plain, linter: linter, sectioning: .standard))
    #expect(!StreamedFixer.applies(to: dir.path + "/none.txt", linter: linter, sectioning: small))
    // Linted, too: the HTML file is one report read by its reader (the markup is not prose),
    // the text file is cut.
    var reports: [String: Int] = [:]
    _ = Runner.stream(
      [.file(plain), .file(markup)], linter: linter, jobs: 1, sectioning: small,
      render: { ($0.path, $0.diagnostics.count) }, emit: { reports[$0.0, default: 0] += 1 })
    #expect(reports[markup] == 1)
    #expect((reports[plain] ?? 0) > 1)
  }

  /// `termlint fix` with small sections (the hidden `--section-size`): the same file, the
  /// same report and the same exit status as the whole-file fix.
  @Test func theCLIStreamsAndAgreesWithTheWholeFileFix() throws {
    let text = Self.paragraphs(40)
    let whole = try TemporaryDirectory()
    let streamed = try TemporaryDirectory()
    try whole.write("big.txt", text)
    try streamed.write("big.txt", text)
    let arguments = ["fix", "--no-config", "big.txt"]
    let first = try CLI.run(arguments, in: whole.path)
    let second = try CLI.run(arguments + ["--section-size", "256"], in: streamed.path)
    #expect(first.status == second.status)
    #expect(first.stdout == second.stdout)
    #expect(first.stderr == second.stderr)
    #expect(first.stderr.contains("fixed 70 findings in 1 file"))
    let a = try #require(FileManager.default.contents(atPath: whole.path + "/big.txt"))
    let b = try #require(FileManager.default.contents(atPath: streamed.path + "/big.txt"))
    #expect(a == b && a != Data(text.utf8))
  }

  /// One line with no line break (the shape of a 1 GB single-line file, on a few MB): cut at
  /// spaces, or between characters where there is none; every finding is on line 1 at the
  /// column of the whole-file lint.
  @Test(arguments: [true, false]) func oneLongLineInSectionsKeepsLineOneAndItsColumns(
    spaces: Bool
  ) throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let filler =
      spaces
      ? String(repeating: "word é ", count: 300_000)
      : String(
        repeating: "é", count: 1_000_000)
    let text =
      "the 88th Strategy " + filler + " the 88th Strategy " + filler
      + " the 88th Strategy"
    let dir = try TemporaryDirectory()
    let path = try dir.write("line.txt", text)
    func run(_ sectioning: Sectioning) -> ([Diagnostic], Int) {
      var found: [Diagnostic] = []
      var sections = 0
      _ = Runner.stream(
        [.file(path)], linter: linter, jobs: 1, sectioning: sectioning, render: { $0 },
        emit: {
          found += $0.diagnostics
          sections += 1
        })
      return (found, sections)
    }
    let (whole, _) = run(.standard)
    let (sectioned, count) = run(Sectioning(threshold: 0, size: 256 << 10))
    #expect(count > 10)
    #expect(whole.map(\.start.line) == [1, 1, 1])
    #expect(sectioned.map(\.start) == whole.map(\.start))
    #expect(sectioned.map(\.range) == whole.map(\.range))
    let fillerColumns = filler.unicodeScalars.count
    #expect(whole.map(\.start.column) == [5, 18 + fillerColumns + 6, 36 + 2 * fillerColumns + 7])
  }

  /// With no line break, a cut falls after a sentence end before any other space: a term
  /// can hold a space ("the 88th Strategy") but not ". ".
  @Test func aCutWithoutLineBreaksFallsAfterASentenceEnd() {
    #expect(SectionReader.cut(Array("One. the 88th Strategy".utf8)) == 5)
    #expect(SectionReader.cut(Array("Is it? Yes; the 88th Strategy".utf8)) == 12)
    #expect(SectionReader.cut(Array("嘉兴。the 88th".utf8)) == 9)
    #expect(SectionReader.cut(Array("嘉兴！the 88th".utf8)) == 9)
    // A full stop with no space after it (a number, a name) is no sentence end.
    #expect(SectionReader.cut(Array("3.5 the 88th".utf8)) == 8)
    // A line break still comes first.
    #expect(SectionReader.cut(Array("a. b\nthe 88th Strategy".utf8)) == 5)
  }
}
