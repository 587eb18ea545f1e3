import Foundation
import Testing

@Suite(.serialized) struct FixCLITests {
  @Test func fixWritesOnlyTheMatchedBytes() throws {
    let dir = try TemporaryDirectory()
    let original: [UInt8] =
      [0xEF, 0xBB, 0xBF]
      + Array("Title\r\nthe 88th Strategy and\r\nthe double-eight\r\n  strategy\r\n".utf8)
    let path = try dir.write("a.txt", bytes: original)
    chmod(path, 0o604)
    let output = try CLI.run(["fix", "--no-config", path])
    #expect(output.status == 0)
    #expect(output.stderr.contains("fixed 2 findings in 1 file"))
    let fixed = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(
      fixed == [0xEF, 0xBB, 0xBF]
        + Array("Title\r\nthe Double-Eight Strategy and\r\nthe Double-Eight\r\n  Strategy\r\n".utf8)
    )
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o604)
    // A second run changes nothing.
    let again = try CLI.run(["fix", "--no-config", path])
    #expect(again.stderr.contains("fixed 0 findings in 0 files"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == fixed)
  }

  @Test func seedCopyFixedTwiceIsIdentical() throws {
    let dir = try TemporaryDirectory()
    let seed = Fixtures.packageRoot.appendingPathComponent("seeds/000_76698df1679eb6cb.txt")
    let path = dir.path + "/seed.txt"
    try FileManager.default.copyItem(atPath: seed.path, toPath: path)
    _ = try CLI.run(["fix", "--no-config", path])
    let once = try Data(contentsOf: URL(fileURLWithPath: path))
    _ = try CLI.run(["fix", "--no-config", path])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == once)
    #expect(String(decoding: once, as: UTF8.self).contains("“Double-Eight Strategy”"))
    #expect(!String(decoding: once, as: UTF8.self).contains("88th Strategy"))
  }

  @Test func diffWritesNothingAndFails() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", "one\nthe 88th Strategy\nthree\n")
    let output = try CLI.run(["lint", "--no-config", "--diff", path])
    #expect(output.status == 1)
    #expect(output.stdout.contains("-the 88th Strategy\n+the Double-Eight Strategy\n"))
    #expect(output.stdout.hasPrefix("--- a/\(path)\n+++ b/\(path)\n@@ -1,3 +1,3 @@\n"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\nthe 88th Strategy\nthree\n")
  }

  @Test func lintFixAndStdin() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", "the 88th Strategy\n")
    #expect(try CLI.run(["--no-config", "--fix", path]).status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "the Double-Eight Strategy\n")
    let stdin = try CLI.run(["fix", "--no-config", "-"], stdin: Array("The 88th Strategy.".utf8))
    #expect(stdin.stdout == "The Double-Eight Strategy.")
  }

  @Test func baselineReportsOnlyNewFindings() throws {
    let dir = try TemporaryDirectory()
    try dir.write("a.txt", "intro\nthe 88th Strategy\n")
    let create = try CLI.run(
      ["baseline", "create", "--no-config", "-o", "base.json", "a.txt"], in: dir.path)
    #expect(create.status == 0)
    #expect(create.stderr.contains("recorded 1 finding in base.json"))
    // Editing elsewhere keeps the entry valid; a new occurrence is reported.
    try dir.write(
      "a.txt", "new first line\nintro\nthe 88th Strategy\nand the Eighth Eighth Strategy\n")
    let output = try CLI.run(
      ["--no-config", "--baseline", "base.json", "--format", "json", "a.txt"], in: dir.path)
    #expect(output.status == 1)
    let diagnostics = try #require(try CLI.json(output)["diagnostics"] as? [[String: Any]])
    // New: the variant, one finding with the inconsistency it makes with the recorded
    // rendering folded in as a note.
    #expect(
      diagnostics.map { "\($0["rule"] ?? "") \($0["matched"] ?? "")" } == [
        "variant Eighth Eighth Strategy"
      ])
    let notes = diagnostics.first?["notes"] as? [[String: Any]]
    #expect(notes?.first?["rule"] as? String == "inconsistent")
    let missing = try CLI.run(["--no-config", "--baseline", "nope.json", "a.txt"], in: dir.path)
    #expect(missing.status == 2)
    // Entries of a file fixed since (2 in a.txt) and of a file not linted (1 in b.txt) are
    // reported unused.
    try dir.write("b.txt", "the 88th Strategy\n")
    _ = try CLI.run(
      ["baseline", "create", "--no-config", "-o", "two.json", "a.txt", "b.txt"], in: dir.path)
    try dir.write("a.txt", "clean now\n")
    let fixed = try CLI.run(["--no-config", "--baseline", "two.json", "a.txt"], in: dir.path)
    #expect(fixed.status == 0)
    #expect(fixed.stderr.contains("the baseline records 3 findings that no longer occur"))
    let kept = try CLI.run(["--no-config", "--baseline", "two.json", "b.txt"], in: dir.path)
    #expect(kept.status == 0)
    #expect(kept.stderr.contains("the baseline records 2 findings that no longer occur"))
  }

  @Test func maxWarnings() throws {
    let dir = try TemporaryDirectory()
    // Two warnings: two variants (`inconsistent` at both places is folded into them).
    let path = try dir.write("a.txt", "the 88th Strategy and the Eighth Eighth Strategy\n")
    #expect(try CLI.run(["--no-config", "--max-warnings", "2", path]).status == 0)
    #expect(try CLI.run(["--no-config", "--max-warnings", "1", path]).status == 1)
    #expect(try CLI.run(["--no-config", "--max-warnings", "-1", path]).status == 64)
  }

  @Test func aChangedFileIsNotOverwritten() throws {
    // AtomicWriter compares the bytes on disk with those read; covered in AtomicWriterTests.
    // Here: a read-only folder makes the temporary file impossible, and the file stays whole.
    let dir = try TemporaryDirectory()
    let path = try dir.write("sub/a.txt", "the 88th Strategy\n")
    chmod(dir.path + "/sub", 0o500)
    defer { chmod(dir.path + "/sub", 0o755) }
    let output = try CLI.run(["fix", "--no-config", path])
    if getuid() != 0 {
      #expect(output.status == 2)
      #expect(output.stderr.contains("cannot create a temporary file"))
    }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == "the 88th Strategy\n" || text == "the Double-Eight Strategy\n")
  }

  @Test func killedDuringAFixLeavesEveryFileOldOrNew() throws {
    let dir = try TemporaryDirectory()
    let old = String(repeating: "the 88th Strategy and more text. ", count: 500) + "\n"
    let new = String(repeating: "the Double-Eight Strategy and more text. ", count: 500) + "\n"
    for index in 0..<200 { try dir.write("f\(index).txt", old) }
    func startFix() throws -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CLI.binary)
      process.arguments = ["fix", "--no-config", "--quiet", dir.path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    let process = try startFix()
    usleep(150_000)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    var changed = 0
    for index in 0..<200 {
      let text = try String(contentsOfFile: dir.path + "/f\(index).txt", encoding: .utf8)
      #expect(text == old || text == new, "f\(index).txt is neither old nor new")
      if text == new { changed += 1 }
    }
    // Interrupted politely (SIGTERM), it finishes the files it started and stops.
    let polite = try startFix()
    usleep(100_000)
    kill(polite.processIdentifier, SIGTERM)
    polite.waitUntilExit()
    for index in 0..<200 {
      let text = try String(contentsOfFile: dir.path + "/f\(index).txt", encoding: .utf8)
      #expect(text == old || text == new)
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.contains(".termlint-")
    }
    // SIGKILL may leave a temporary file behind (never a damaged original); SIGTERM must not.
    #expect(leftovers.count <= 2, "\(leftovers)")
    _ = changed
  }
}
