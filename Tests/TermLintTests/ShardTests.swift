import Foundation
import Testing

@testable import TermLint

/// `--shard i/n` and `termlint merge`: a matrix of shards gives what one run gives.
@Suite(.serialized) struct ShardTests {
  /// ~30 files with the renderings of a glossary concept and of a name spread across them
  /// (a name anchored in one file only, written otherwise in others), a suppression.
  static func corpus(in directory: TemporaryDirectory) throws {
    let forms = [
      "Double-Eight Strategy", "Eight-Eight Strategy", "88th Strategy", "Eighth Eighth Strategy",
      "Double-Eight Strategies",
    ]
    var generator = SplitMix(seed: 16)
    for index in 0..<30 {
      var paragraphs: [String] = []
      for number in 0..<3 {
        let form = forms[Int(generator.next() % UInt64(forms.count))]
        paragraphs.append("Paragraph \(number): officials praised the \(form) in county \(index).")
      }
      if index == 4 { paragraphs.append("They carried out the Ten Special Actions with care.") }
      if [9, 17, 25].contains(index) {
        paragraphs.append("Later the 10 special actions were reviewed.")
      }
      if index == 12 {
        paragraphs.append("The “Green Water Pledge” was signed; the green water pledge held.")
      }
      if index % 7 == 3 {
        paragraphs.append(
          "<!-- termlint-disable-next-line inconsistent -->\nThe Eight-Eight Strategy again.")
      }
      try directory.write(
        "docs/f\(index < 10 ? "0" : "")\(index).md", paragraphs.joined(separator: "\n\n") + "\n")
    }
  }

  /// Deterministic numbers for the corpus.
  struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// The diagnostics of a JSON report, each as sorted-key JSON, sorted.
  static func diagnostics(_ output: CLI.Output) throws -> [String] {
    let json = try CLI.json(output)
    let list = try #require(json["diagnostics"] as? [Any])
    return try list.map {
      String(
        decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]),
        as: UTF8.self)
    }.sorted()
  }

  /// Lints the corpus in `shards` shards, merges their JSON reports and compares with one run.
  func expectShardsMatchOneRun(scope: String, shards: Int, format: String = "json") throws {
    let directory = try TemporaryDirectory()
    try Self.corpus(in: directory)
    let lint = ["--no-config", "--scope", scope]
    let one = try CLI.run(lint + ["--format", "json", "docs"], in: directory.path)
    #expect(one.status == 1)
    var reports: [String] = []
    for index in 1...shards {
      let shard = try CLI.run(
        lint + ["--shard", "\(index)/\(shards)", "--format", "json", "docs"], in: directory.path)
      #expect(shard.status <= 1, "\(shard.stderr)")
      let name = "report-\(index).json"
      try directory.write(name, shard.stdout)
      reports.append(name)
    }
    let merged = try CLI.run(
      ["merge", "--no-config"] + reports + ["--format", "json"], in: directory.path)
    #expect(merged.status == 1, "\(merged.stderr)")
    let expected = try Self.diagnostics(one)
    #expect(expected.contains { $0.contains(#""rule":"inconsistent""#) })
    #expect(try Self.diagnostics(merged) == expected)
    let summary = try CLI.json(one)["summary"] as? [String: Int]
    #expect(try CLI.json(merged)["summary"] as? [String: Int] == summary)
    if format != "json" {
      let oneOther = try CLI.run(lint + ["--format", format, "docs"], in: directory.path)
      let mergedOther = try CLI.run(
        ["merge", "--no-config"] + reports + ["--format", format], in: directory.path)
      #expect(mergedOther.stdout == oneOther.stdout)
      #expect(mergedOther.status == oneOther.status)
    }
  }

  @Test func threeShardsOfARunScopedLintMergeToOneRun() throws {
    try expectShardsMatchOneRun(scope: "run", shards: 3)
  }

  @Test func oneShardOfARunScopedLintMergesToOneRun() throws {
    try expectShardsMatchOneRun(scope: "run", shards: 1)
  }

  @Test func threeShardsOfAFileScopedLintMergeToOneRun() throws {
    try expectShardsMatchOneRun(scope: "file", shards: 3)
  }

  @Test(arguments: ["text", "sarif", "github", "junit", "checkstyle", "gitlab", "html", "jsonl"])
  func mergedReportIsWhatOneRunPrints(format: String) throws {
    try expectShardsMatchOneRun(scope: "run", shards: 3, format: format)
  }

  @Test func aNameAnchoredInAnotherShardIsFoundInEveryShard() throws {
    let directory = try TemporaryDirectory()
    try Self.corpus(in: directory)
    // The shards of the files that anchor "Ten Special Actions" and that write it otherwise.
    let shards = [4, 9, 17, 25].map { index in
      (1...3).first {
        Shard(index: $0, count: 3).contains(
          relativePath: "docs/f\(index < 10 ? "0" : "")\(index).md")
      }
    }
    #expect(Set(shards).count > 1, "the corpus must spread the name over shards")
    var reports: [String] = []
    for index in 1...3 {
      let shard = try CLI.run(
        ["--no-config", "--scope", "run", "--shard", "\(index)/3", "--format", "json", "docs"],
        in: directory.path)
      try directory.write("r\(index).json", shard.stdout)
      reports.append("r\(index).json")
    }
    let merged = try CLI.run(
      ["merge", "--no-config"] + reports + ["--format", "json"], in: directory.path)
    // As in one run: the name is found in every shard's files, and the capitalised anchor
    // is kept over the three lower-case places (never a lower-case form over a capitalised
    // one), wherever they are.
    let found = try Self.diagnostics(merged).filter {
      $0.contains(#""rule":"inconsistent""#) && $0.contains("special actions")
    }
    #expect(found.count == 3)
    #expect(found.allSatisfy { $0.contains("“10 special actions” ×3") })
    #expect(found.allSatisfy { $0.contains("in 4 files of this run") })
    #expect(found.allSatisfy { $0.contains("keep “Ten Special Actions”") })
  }

  @Test func shardsPartitionTheFilesByAStableHash() {
    // 64-bit FNV-1a, as published: the same on every machine.
    #expect(Shard.hash("") == 0xcbf2_9ce4_8422_2325)
    #expect(Shard.hash("a") == 0xaf63_dc4c_8601_ec8c)
    let paths = (0..<500).map { "docs/part \($0 % 7)/file-\($0).md" }
    for count in 1...5 {
      var seen: [String: Int] = [:]
      for index in 1...count {
        for path in paths where Shard(index: index, count: count).contains(relativePath: path) {
          seen[path, default: 0] += 1
        }
      }
      #expect(seen.count == paths.count)
      #expect(seen.values.allSatisfy { $0 == 1 })
    }
    // Shards are of similar size.
    let first = paths.filter { Shard(index: 1, count: 3).contains(relativePath: $0) }.count
    #expect(first > 120 && first < 210)
  }

  @Test func shardSpecificationsAreParsed() {
    #expect(Shard(parsing: "2/3") == Shard(index: 2, count: 3))
    #expect(Shard(parsing: "1/1") == Shard(index: 1, count: 1))
    for bad in ["0/3", "4/3", "a/b", "1/0", "3", "1/2/3", "/3", "-1/3", "+1/3", "１/3", ""] {
      #expect(Shard(parsing: bad) == nil, "\(bad)")
    }
  }

  @Test(arguments: ["0/3", "4/3", "a/b", "2"])
  func aBadShardIsAUsageError(shard: String) throws {
    let directory = try TemporaryDirectory()
    try directory.write("a.txt", "the 88th Strategy\n")
    let output = try CLI.run(["--no-config", "--shard", shard, "a.txt"], in: directory.path)
    #expect(output.status == 64)
    #expect(output.stderr.contains("--shard must be i/n"))
  }

  @Test func theShardIsRelativeToTheConfigurationRoot() throws {
    let directory = try TemporaryDirectory()
    try Self.corpus(in: directory)
    // From the root or from docs/ with the root's .lint.yml: the same files.
    try directory.write(".lint.yml", "rules: {}\n")
    let fromRoot = try CLI.run(["--shard", "2/3", "--format", "json", "docs"], in: directory.path)
    let fromDocs = try CLI.run(
      ["--shard", "2/3", "--format", "json", "."],
      in: directory.url.appendingPathComponent("docs").path)
    let rootFiles = try #require(try CLI.json(fromRoot)["summary"] as? [String: Int])["files"]
    let docsFiles = try #require(try CLI.json(fromDocs)["summary"] as? [String: Int])["files"]
    #expect(rootFiles == docsFiles)
    #expect((rootFiles ?? 0) > 0 && (rootFiles ?? 0) < 30)
  }

  @Test func mergeRefusesAMalformedReportNamingIt() throws {
    let directory = try TemporaryDirectory()
    try directory.write("a.txt", "the 88th Strategy and the Double-Eight Strategy\n")
    let report = try CLI.run(
      ["--no-config", "--scope", "run", "--shard", "1/1", "--format", "json", "a.txt"],
      in: directory.path)
    let whole = report.stdout
    try directory.write("good.json", whole)
    try directory.write("truncated.json", String(whole.prefix(whole.count / 2)))
    try directory.write(
      "future.json", whole.replacingOccurrences(of: #"{"version":1,"#, with: #"{"version":2,"#))
    try directory.write(
      "odd.json",
      whole.replacingOccurrences(of: #""severity":"warning""#, with: #""severity":"loud""#))
    try directory.write("array.json", "[]")
    for (name, words) in [
      ("truncated.json", "not valid JSON"), ("future.json", "version 2"), ("odd.json", "loud"),
      ("array.json", "not an object"),
    ] {
      let output = try CLI.run(["merge", "--no-config", "good.json", name], in: directory.path)
      #expect(output.status == 2, "\(name)")
      #expect(output.stderr.contains(name) && output.stderr.contains(words), "\(output.stderr)")
      #expect(output.stdout.isEmpty)
    }
    let missing = try CLI.run(["merge", "--no-config", "none.json"], in: directory.path)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("none.json"))
  }

  @Test func mergeDecidesTheExitStatusAsLintDoes() throws {
    let directory = try TemporaryDirectory()
    try directory.write("a.txt", "the 88th Strategy and the Double-Eight Strategy\n")
    try directory.write("b.txt", "nothing to say\n")
    var reports: [String] = []
    for index in 1...2 {
      let shard = try CLI.run(
        ["--no-config", "--shard", "\(index)/2", "--format", "json", "a.txt", "b.txt"],
        in: directory.path)
      try directory.write("r\(index).json", shard.stdout)
      reports.append("r\(index).json")
    }
    let merge = ["merge", "--no-config"] + reports
    #expect(try CLI.run(merge, in: directory.path).status == 1)
    #expect(try CLI.run(merge + ["--fail-on", "never"], in: directory.path).status == 0)
    #expect(try CLI.run(merge + ["--fail-on", "error"], in: directory.path).status == 0)
    #expect(try CLI.run(merge + ["--max-warnings", "5"], in: directory.path).status == 0)
    #expect(try CLI.run(merge + ["--max-warnings", "0"], in: directory.path).status == 1)
    let json = try CLI.json(try CLI.run(merge + ["--format", "json"], in: directory.path))
    let summary = try #require(json["summary"] as? [String: Int])
    #expect(summary["files"] == 2)
    #expect(summary["files_with_findings"] == 1)
  }

  @Test func mergeRefusesTheSameShardTwice() throws {
    let directory = try TemporaryDirectory()
    try directory.write("a.txt", "the 88th Strategy\n")
    let shard = try CLI.run(
      ["--no-config", "--scope", "run", "--shard", "1/1", "--format", "json", "a.txt"],
      in: directory.path)
    try directory.write("r.json", shard.stdout)
    try directory.write("s.json", shard.stdout)
    let output = try CLI.run(["merge", "--no-config", "r.json", "s.json"], in: directory.path)
    #expect(output.status == 2)
    #expect(output.stderr.contains("same shard twice"))
  }

  @Test func aReportReadsBackAsTheDiagnosticsItWasMadeFrom() throws {
    let linter = try makeLinter()
    let file = try SourceFile(
      path: "x.md", bytes: Array("The “Eight-Eight Strategy” and the 88th Strategy.\n".utf8))
    let diagnostics = try linter.lint(file)
    #expect(!diagnostics.isEmpty)
    var result = RunResult()
    result.files = [FileReport(path: "x.md", diagnostics: diagnostics)]
    let text = JSONReporter().render(result)
    let report = try JSONReport.parse(Array(text.utf8), name: "x.json")
    #expect(report.diagnostics == diagnostics)
    #expect(report.filesChecked == 1)
  }
}
