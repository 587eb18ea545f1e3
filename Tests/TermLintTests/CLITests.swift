import Foundation
import Testing

/// Runs the built `termlint` binary, as users and CI do.
struct CLI {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var binary: String {
    // The test bundle is built next to the executable.
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return executable.deletingLastPathComponent().appendingPathComponent("termlint").path
  }

  /// The compiled-glossary cache of the binaries the tests run: one folder per test run, so
  /// tests never write into the user's own cache (`~/.cache/termlint`).
  static let cacheFolder: String = {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("termlint-tests-cache-\(ProcessInfo.processInfo.processIdentifier)")
    return folder.path
  }()

  static func run(
    _ arguments: [String], in directory: String? = nil, stdin: [UInt8]? = nil,
    environment: [String: String] = [:], executable: String? = nil
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable ?? binary)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    env["XDG_CACHE_HOME"] = cacheFolder
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
    try input.fileHandleForWriting.close()
    // Read before waiting so a large output cannot fill the pipe and block the child.
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
      stderr: String(decoding: stderrData, as: UTF8.self))
  }

  static func json(_ output: Output) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
  }
}

@Suite(.serialized) struct CLITests {
  let seeds = Fixtures.packageRoot.appendingPathComponent("seeds").path

  @Test func seedsAreFlaggedWithTheCanonicalTerm() throws {
    let output = try CLI.run(["--no-config", seeds])
    #expect(output.status == 1)
    for variant in ["“88th Strategy”", "“Eighth Eighth Strategy”", "“Eight-Eight Strategy”"] {
      #expect(
        output.stdout.contains(
          "\(variant) is a non-canonical rendering of 八八战略; use “Double-Eight Strategy”"))
    }
    #expect(output.stdout.contains(":2:243: warning:"))
    #expect(output.stdout.contains(":4:174: warning:"))
    #expect(output.stdout.contains("= fix: replace with “Double-Eight Strategy”"))
  }

  @Test func cleanFileExitsZero() throws {
    let dir = try TemporaryDirectory()
    let file = try dir.write("clean.txt", "The Double-Eight Strategy was proposed in 2003.\n")
    let output = try CLI.run(["--no-config", file])
    #expect(output.status == 0)
    #expect(output.stdout == "No findings in 1 file.\n")
    #expect(output.stderr.isEmpty)
  }

  @Test func defaultCommandAndLintSubcommandAgree() throws {
    let a = try CLI.run(["--no-config", seeds])
    let b = try CLI.run(["lint", "--no-config", seeds])
    #expect(a.stdout == b.stdout && a.status == b.status)
  }

  @Test func exitCodes() throws {
    let dir = try TemporaryDirectory()
    let file = try dir.write("a.txt", "the 88th Strategy\n")
    #expect(try CLI.run(["--no-config", file]).status == 1)
    #expect(try CLI.run(["--no-config", "--fail-on", "error", file]).status == 0)
    #expect(try CLI.run(["--no-config", "--fail-on", "never", file]).status == 0)
    #expect(try CLI.run(["--no-config", "--fail-on", "info", file]).status == 1)
    let usage = try CLI.run(["--no-config", "--frobnicate", file])
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("--frobnicate"))
    #expect(try CLI.run(["--no-config", "--format", "xml", file]).status == 64)
    #expect(try CLI.run(["--no-config", "--no-builtin", file]).status == 2)
  }

  @Test func missingPathIsAnErrorButOthersAreLinted() throws {
    let dir = try TemporaryDirectory()
    let file = try dir.write("a.txt", "the 88th Strategy\n")
    let output = try CLI.run(["--no-config", dir.path + "/missing.txt", file])
    #expect(output.status == 2)
    #expect(output.stderr.contains("missing.txt: no such file or directory"))
    #expect(output.stdout.contains("88th Strategy"))
  }

  @Test func invalidUTF8IsReportedWithOffsetAndOthersGoOn() throws {
    let dir = try TemporaryDirectory()
    try dir.write(
      "bad.txt", bytes: Array("ok\nthe ".utf8) + [0xFF] + Array(" 88th Strategy\n".utf8))
    try dir.write("good.txt", "the 88th Strategy\n")
    let output = try CLI.run(["--no-config", "--format", "json", dir.path])
    #expect(output.status == 2)
    #expect(output.stderr.contains("bad.txt: not valid UTF-8: byte 0xFF at offset 7 (line 2)"))
    let json = try CLI.json(output)
    let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 1)
    #expect((diagnostics.first?["path"] as? String)?.hasSuffix("good.txt") == true)
    let errors = try #require(json["errors"] as? [[String: Any]])
    #expect(errors.count == 1)
  }

  @Test func binaryFilesAreSkippedAndSaidOnce() throws {
    let dir = try TemporaryDirectory()
    try dir.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
    try dir.write("a.txt", "fine\n")
    let output = try CLI.run(["--no-config", dir.path])
    #expect(output.status == 0)
    #expect(output.stderr.components(separatedBy: "image.png: skipped: binary file").count == 2)
    #expect(output.stdout.contains("1 binary file skipped"))
  }

  @Test func emptyFileBOMAndCRLF() throws {
    let dir = try TemporaryDirectory()
    let empty = try dir.write("empty.txt", "")
    #expect(try CLI.run(["--no-config", empty]).status == 0)
    let crlf = try dir.write(
      "crlf.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("line one\r\n“八八”, the 88th Strategy\r\n".utf8))
    let output = try CLI.run(["--no-config", "--format", "json", crlf])
    // (“八八” before it is an `untranslated` finding of its own.)
    let diagnostic = try #require(
      (try CLI.json(output)["diagnostics"] as? [[String: Any]])?.first {
        $0["rule"] as? String == "variant"
      })
    #expect(diagnostic["line"] as? Int == 2)
    #expect(diagnostic["column"] as? Int == 11)
    #expect(diagnostic["end_column"] as? Int == 24)
    #expect(diagnostic["offset"] as? Int == 3 + 10 + 18)
    #expect(diagnostic["length"] as? Int == 13)
  }

  @Test func stdinIsLinted() throws {
    let output = try CLI.run(
      ["--no-config", "--stdin-filename", "news.txt", "-"], stdin: Array("the 88th Strategy".utf8))
    #expect(output.status == 1)
    #expect(output.stdout.hasPrefix("news.txt:1:5: warning:"))
  }

  @Test func directoryLoopIsNotedAndWalkEnds() throws {
    let dir = try TemporaryDirectory()
    try dir.write("sub/a.txt", "the 88th Strategy\n")
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/sub/loop", withDestinationPath: dir.path + "/sub")
    let output = try CLI.run(["--no-config", dir.path])
    #expect(output.status == 1)
    #expect(output.stderr.contains("directory loop"))
    #expect(output.stdout.contains("1 warning in 1 of 1 file."))
  }

  @Test func hugeSingleLineFile() throws {
    // 50 MB on one line with findings at the start and the end.
    let dir = try TemporaryDirectory()
    let filler = [UInt8](repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024)
    let file = try dir.write(
      "big.txt", bytes: Array("the 88th Strategy ".utf8) + filler + Array(" the 88th Strategy".utf8)
    )
    let output = try CLI.run(["--no-config", "--format", "json", file])
    #expect(output.status == 1)
    let diagnostics = try #require(try CLI.json(output)["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.map { $0["column"] as? Int } == [5, 18 + 50 * 1024 * 1024 + 6])
    // The text report shows a window of the line, not 50 MB of it.
    let text = try CLI.run(["--no-config", file])
    let lines = text.stdout.split(separator: "\n")
    #expect(lines.allSatisfy { $0.utf8.count < 400 })
    #expect(text.stdout.contains("1 | …aaaaaaaa"))
  }

  @Test func configurationIsDiscoveredAndStrict() throws {
    let dir = try TemporaryDirectory()
    try dir.write("docs/a.txt", "the 88th Strategy\n")
    try dir.write("docs/b.md", "the 88th Strategy\n")
    try dir.write("drafts/c.txt", "the 88th Strategy\n")
    try dir.write(
      ".lint.yml", "include: ['**/*.txt']\nexclude: [drafts/]\nrules:\n  variant: error\n")
    let output = try CLI.run(["."], in: dir.path + "/docs")
    #expect(output.status == 1)
    #expect(output.stdout.contains("a.txt:1:5: error:"))
    #expect(!output.stdout.contains("b.md"))
    let all = try CLI.run(["."], in: dir.path)
    #expect(all.stdout.contains("1 error in 1 of 1 file."))

    try dir.write(".lint.yml", "rules:\n  variant: error\n  frm: off\n")
    let bad = try CLI.run(["."], in: dir.path)
    #expect(bad.status == 2)
    #expect(
      bad.stderr.contains(".lint.yml:3:3: unknown key 'frm' in 'rules'; did you mean 'form'?"))
  }

  @Test func houseGlossaryOverridesBundledTerm() throws {
    let dir = try TemporaryDirectory()
    let house = try dir.write(
      "house.yml",
      """
      terms:
        - id: double-eight-strategy
          source: 八八战略
          preferred: Eight-Eight Strategy
          variants: [Double-Eight Strategy]
      """)
    let file = try dir.write("a.txt", "the Eight-Eight Strategy and the Double-Eight Strategy\n")
    let output = try CLI.run(["--no-config", "--glossary", house, file])
    #expect(output.status == 1)
    #expect(
      output.stdout.contains(
        "“Double-Eight Strategy” is a non-canonical rendering of 八八战略; use “Eight-Eight Strategy”"))
    // The house form is kept by `inconsistent` too (a note of the one finding).
    #expect(
      output.stdout.contains(
        "= note: 八八战略 is written 2 ways in this file; keep “Eight-Eight Strategy”, the preferred form [inconsistent]"
      ))
    #expect(output.stdout.contains("1 warning in 1 of 1 file."))
  }

  @Test func malformedGlossaryIsAnErrorWithLocation() throws {
    let dir = try TemporaryDirectory()
    let glossary = try dir.write("g.yml", "terms:\n  - preferred: X\n    variantz: [Y]\n")
    let file = try dir.write("a.txt", "text\n")
    let output = try CLI.run(["--no-config", "--glossary", glossary, file])
    #expect(output.status == 2)
    #expect(
      output.stderr.contains(
        "g.yml:3:5: unknown key 'variantz' in a term; did you mean 'variants'?"))
    let binary = try dir.write("bin.yml", bytes: [0x00, 0x01])
    #expect(
      try CLI.run(["--no-config", "--glossary", binary, file]).stderr.contains("binary file"))
    #expect(try CLI.run(["--no-config", "--glossary", dir.path + "/nope.yml", file]).status == 2)
  }

  @Test func colourOnlyWhenAskedOrOnATerminal() throws {
    let plain = try CLI.run(["--no-config", seeds])
    #expect(!plain.stdout.contains("\u{1B}["))
    let colored = try CLI.run(["--no-config", "--color", "always", seeds])
    #expect(colored.stdout.contains("\u{1B}[1;33mwarning"))
  }

  @Test func outputIsDeterministic() throws {
    let dir = try TemporaryDirectory()
    for index in 0..<40 { try dir.write("f\(index).txt", "x the 88th Strategy \(index)\n") }
    let first = try CLI.run(["--no-config", "--format", "json", dir.path])
    for _ in 0..<3 {
      #expect(try CLI.run(["--no-config", "--format", "json", dir.path]).stdout == first.stdout)
    }
  }

  @Test func aCopiedBinaryCarriesTheBundledDictionaries() throws {
    let dir = try TemporaryDirectory()
    let copy = dir.path + "/termlint"
    try FileManager.default.copyItem(atPath: CLI.binary, toPath: copy)
    let file = try dir.write("a.txt", "the 88th Strategy\n")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: copy)
    process.arguments = ["--no-config", file]
    process.currentDirectoryURL = dir.url
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
  }

  @Test func rulesAndVersion() throws {
    let rules = try CLI.run(["rules"])
    #expect(rules.status == 0)
    #expect(rules.stdout.contains("variant"))
    #expect(rules.stdout.contains("form"))
    let version = try CLI.run(["--version"])
    #expect(version.stdout.contains("ICU 72"))
  }
}

@Suite(.serialized) struct JobsAndProgressTests {
  /// A report that cannot be written (a full disk) is an error, not a silent success.
  @Test func anUnwritableReportIsAnError() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", "the 88th Strategy\n")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CLI.binary)
    process.arguments = ["--no-config", path]
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    let err = Pipe()
    process.standardError = err
    try process.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 2)
    #expect(stderr.contains("cannot write the report"))
  }

  @Test func outputIsTheSameWhateverTheNumberOfJobs() throws {
    let dir = try TemporaryDirectory()
    for index in 0..<60 {
      try dir.write("f\(index).txt", "x the 88th Strategy and the Eight-Eight Strategy \(index)\n")
    }
    let one = try CLI.run(["--no-config", "--format", "json", "-j", "1", dir.path])
    let two = try CLI.run(["--no-config", "--format", "json", "--jobs", "2", dir.path])
    let many = try CLI.run(["--no-config", "--format", "json", "--jobs", "7", dir.path])
    #expect(one.status == 1)
    #expect(one.stdout == two.stdout && two.stdout == many.stdout)
    let scoped1 = try CLI.run([
      "--no-config", "--scope", "run", "-j", "1", "--format", "json", dir.path,
    ])
    let scoped2 = try CLI.run([
      "--no-config", "--scope", "run", "-j", "2", "--format", "json", dir.path,
    ])
    #expect(scoped1.stdout == scoped2.stdout)
    #expect(try CLI.run(["--no-config", "-j", "0", dir.path]).status == 64)
  }

  /// The progress line appears on a terminal (run under `script`), and never in CI, with
  /// --quiet, or when stderr is not a terminal.
  @Test func progressOnlyOnATerminal() throws {
    let dir = try TemporaryDirectory()
    for index in 0..<80 { try dir.write("f\(index).txt", "clean text \(index)\n") }
    func underTerminal(_ extra: String, ci: String?) throws -> String {
      var environment: [String: String] = [:]
      environment["CI"] = ci ?? ""
      let command = "\(CLI.binary) --no-config \(extra) \(dir.path)"
      return try CLI.run(
        ["-qec", command, "/dev/null"], environment: environment, executable: "/usr/bin/script"
      ).stdout
    }
    let shown = try underTerminal("", ci: nil)
    #expect(shown.contains("termlint: 80/80 files (100%)"))
    #expect(shown.contains("No findings in 80 files."))
    #expect(try !underTerminal("--quiet", ci: nil).contains("files ("))
    #expect(try !underTerminal("", ci: "true").contains("files ("))
    #expect(try !CLI.run(["--no-config", dir.path]).stderr.contains("files ("))
  }
}
