import Foundation
import Testing

@testable import TermLint

/// Properties over random text, from a seeded generator (no property-testing package: it
/// would be built by every CI run). Each case is reproducible from its seed, which failures
/// name.
@Suite struct PropertyTests {
  /// The bundled dictionaries and the test glossary, compiled once.
  static let linter: Linter = {
    var glossaries = (try? GlossarySet.bundled()) ?? []
    if let extra = try? GlossaryLoader.load(yaml: Fixtures.doubleEight, path: "test.yml") {
      glossaries.append(extra)
    }
    return Linter(
      glossary: CompiledGlossary(glossaries: glossaries), configuration: Configuration(root: "."))
  }()

  static let cases = 250

  /// (a) Every diagnostic's `matched` is the file's bytes at its range.
  @Test func matchedIsTheOriginalBytes() throws {
    var findings = 0
    for seed in 0..<UInt64(Self.cases) {
      var generator = TextGenerator(seed: seed)
      let (bytes, name) = generator.file()
      let file = try SourceFile(path: name, bytes: bytes)
      guard let diagnostics = try? Self.linter.lint(file) else { continue }
      for diagnostic in diagnostics {
        #expect(diagnostic.range.end <= bytes.count, "seed \(seed)")
        guard diagnostic.range.end <= bytes.count else { continue }
        let original = String(
          decoding: bytes[diagnostic.range.start..<diagnostic.range.end], as: UTF8.self)
        #expect(diagnostic.matched == original, "seed \(seed): \(diagnostic.rule)")
        findings += 1
      }
    }
    #expect(findings > Self.cases, "the planted variants are found")
  }

  /// (b) `fix` is idempotent, and one pass changes only the bytes under the fixed spans.
  @Test func fixIsIdempotentAndTouchesOnlyTheFixedSpans() throws {
    var fixedCases = 0
    for seed in 0..<UInt64(Self.cases) {
      var generator = TextGenerator(seed: seed &+ 10_000)
      let (bytes, name) = generator.file()
      let file = try SourceFile(path: name, bytes: bytes)
      guard let diagnostics = try? Self.linter.lint(file) else { continue }
      // One pass: outside the edits, the bytes are the original's, in order; every edit
      // lies inside the span of the finding it fixes.
      let pass = Fixer.apply(diagnostics, to: bytes, unsafe: false)
      var edits: [Edit] = []
      for diagnostic in pass.applied {
        for edit in diagnostic.fix?.edits ?? [] {
          #expect(
            edit.range.start >= diagnostic.range.start && edit.range.end <= diagnostic.range.end,
            "seed \(seed): edit outside its finding")
          edits.append(edit)
        }
      }
      edits.sort { $0.range < $1.range }
      var expected: [UInt8] = []
      var position = 0
      for edit in edits {
        #expect(edit.range.start >= position, "seed \(seed): overlapping edits")
        guard edit.range.start >= position else { break }
        expected += bytes[position..<edit.range.start]
        expected += Array(edit.replacement.utf8)
        position = edit.range.end
      }
      expected += bytes[position...]
      #expect(pass.bytes == expected, "seed \(seed)")
      // The whole fix, then again: nothing more to do.
      let outcome = try Fixer.fix(file, linter: Self.linter, unsafe: false)
      if outcome.changed { fixedCases += 1 }
      let again = try Fixer.fix(
        try SourceFile(path: name, bytes: outcome.bytes), linter: Self.linter, unsafe: false)
      #expect(again.applied.isEmpty, "seed \(seed): a second fix applied \(again.applied.count)")
      #expect(again.bytes == outcome.bytes, "seed \(seed)")
    }
    #expect(fixedCases > Self.cases / 2)
  }

  /// (c) The original range of each folded token is exactly the original token.
  @Test func foldedTokensMapBackToTheirOriginalTokens() throws {
    for seed in 0..<UInt64(Self.cases) {
      var generator = TextGenerator(seed: seed &+ 20_000)
      let (bytes, pieces) = generator.tokens()
      var folder = Folder()
      let folded = bytes.withUnsafeBufferPointer { folder.fold($0, range: 0..<$0.count) }
      let tokens = Tokenizer.tokens(of: folded.bytes)
      #expect(
        tokens.count == pieces.count, "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
      for (token, piece) in zip(tokens, pieces) {
        let original = folded.map.originalRange(ofFolded: token.start..<token.end)
        #expect(
          original == piece,
          "seed \(seed): token \(String(decoding: folded.bytes[token.start..<token.end], as: UTF8.self)) maps to \(original.start)..<\(original.end), not \(piece.start)..<\(piece.end)"
        )
      }
    }
  }

  /// (d) A baseline made from a file's findings, written and read back, leaves nothing new.
  @Test func baselineOfAFileLeavesNothingNew() throws {
    let dir = try TemporaryDirectory()
    for seed in 0..<UInt64(Self.cases) {
      var generator = TextGenerator(seed: seed &+ 30_000)
      let (bytes, name) = generator.file()
      let file = try SourceFile(path: name, bytes: bytes)
      guard let diagnostics = try? Self.linter.lint(file) else { continue }
      let path = try dir.write("base.json", Baseline(diagnostics).render())
      let baseline = try Baseline.load(path: path)
      let again = try Self.linter.lint(file)
      let (kept, unused) = baseline.filter(again)
      #expect(kept.isEmpty, "seed \(seed): \(kept.map(\.matched))")
      #expect(unused == 0, "seed \(seed)")
    }
  }
}

/// Random Unicode text with glossary variants planted in it, reproducible from a seed.
struct TextGenerator {
  var random: SeededRandom

  init(seed: UInt64) { random = SeededRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 1) }

  mutating func pick<T>(_ items: [T]) -> T { items[random.next(below: items.count)] }

  static let words = [
    "the", "policy", "Strategy", "plan", "road", "Eight", "belt", "of", "and", "Zhejiang",
    "ﬁve", "café", "cafe\u{301}", "ｗｉｄｅ", "naïve", "Ⅻ", "x\u{0323}\u{0307}",
  ]
  static let marks = [
    "“", "”", "‘", "’", "\"", "'", "—", "–", "-", "‐", ",", ".", "!", "?", "(", ")", "：", "、",
  ]
  static let spaces = [" ", " ", " ", "\u{00A0}", "\r\n", "\n", "\t", "\u{3000}", "\u{2009}"]
  static let cjk = ["八", "八", "战", "略", "中", "国", "一", "带", "路", "の", "カ"]
  static let emoji = ["😀", "👍🏽", "🇨🇳", "👩‍💻", "❤️"]
  static let variants = [
    "Eight-Eight Strategy", "Eight–Eight Strategy", "88th Strategy", "Eighth Eighth Strategy",
    "ｅｉｇｈｔ-ｅｉｇｈｔ strategy", "eight\u{00A0}eight Strategy", "One Belt One Road",
    "“One Belt, One Road”", "double-eight\r\nstrategy", "Double Eight Strategy",
    "the 88th Strategy’s", "EIGHT-EIGHT STRATEGY", "Eight-\u{00AD}Eight Strategy",
  ]

  /// A file: plain text, or Markdown now and then, with one to four planted variants.
  mutating func file() -> ([UInt8], String) {
    var text = random.next(below: 8) == 0 ? "\u{FEFF}" : ""
    let planted = 1 + random.next(below: 4)
    var plantedSoFar = 0
    let length = 10 + random.next(below: 50)
    for step in 0..<length {
      if plantedSoFar < planted && random.next(below: length) < planted + 1
        || step == length - 1 && plantedSoFar == 0
      {
        text += pick(Self.variants)
        plantedSoFar += 1
      } else {
        switch random.next(below: 10) {
        case 0...4: text += pick(Self.words)
        case 5, 6: text += pick(Self.marks)
        case 7: text += pick(Self.cjk)
        case 8: text += pick(Self.emoji)
        default: text += "\u{0301}"  // a combining mark after whatever came before
        }
      }
      text += pick(Self.spaces)
    }
    let name = random.next(below: 4) == 0 ? "t.md" : "t.txt"
    return (Array(text.utf8), name)
  }

  /// Text of tokens with known original ranges: words (ASCII, accented, decomposed,
  /// fullwidth, a soft hyphen inside), single marks, CJK characters and emoji, between
  /// separators.
  mutating func tokens() -> ([UInt8], [TextRange]) {
    let wordParts = [
      "a", "Z", "q", "7", "é", "e\u{301}", "ｗ", "Ｑ", "ß", "ǅ", "ø", "n\u{303}\u{323}", "İ", "ﬁ",
    ]
    let singles = ["“", "”", "’", "—", "–", "-", ",", "!", "(", "＂", "＇", "＆", "$"]
    var bytes: [UInt8] = []
    var pieces: [TextRange] = []
    let count = 1 + random.next(below: 30)
    for _ in 0..<count {
      var piece = ""
      switch random.next(below: 4) {
      case 0, 1:
        let letters = 1 + random.next(below: 6)
        for index in 0..<letters {
          piece += pick(wordParts)
          if index < letters - 1 && random.next(below: 6) == 0 { piece += "\u{00AD}" }
        }
      case 2: piece = pick(singles)
      default: piece = pick(Self.cjk)
      }
      let start = bytes.count
      bytes += Array(piece.utf8)
      pieces.append(TextRange(start: start, end: bytes.count))
      bytes += Array(pick(Self.spaces).utf8)
    }
    return (bytes, pieces)
  }
}

/// Inputs the fuzz targets (fuzz/run.sh) found, minimized: each file of
/// `Fixtures/fuzz/TARGET/` goes through that target's component and its invariants.
@Suite struct FuzzRegressionTests {
  static func inputs() -> [(target: String, name: String, bytes: [UInt8])] {
    let root = Fixtures.directory.appendingPathComponent("fuzz")
    let manager = FileManager.default
    var found: [(String, String, [UInt8])] = []
    for target in (try? manager.contentsOfDirectory(atPath: root.path).sorted()) ?? [] {
      let folder = root.appendingPathComponent(target)
      for name in (try? manager.contentsOfDirectory(atPath: folder.path).sorted()) ?? [] {
        if let data = manager.contents(atPath: folder.appendingPathComponent(name).path) {
          found.append((target, name, Array(data)))
        }
      }
    }
    return found
  }

  @Test func fuzzInputsStayFixed() throws {
    let inputs = Self.inputs()
    #expect(!inputs.isEmpty)
    for (target, name, bytes) in inputs {
      let label = "\(target)/\(name)"
      if let format = FileFormat(rawValue: target), let reader = ReaderRegistry.reader(for: format)
      {
        guard let file = try? SourceFile(path: "f.\(format.extensions[0])", bytes: bytes),
          let extracted = try? reader.extract(file)
        else { continue }
        #expect(extracted.map.foldedCount == extracted.bytes.count, "\(label)")
        for index in extracted.bytes.indices {
          let original = extracted.map.originalRange(ofFoldedByte: index)
          #expect(original.end <= bytes.count, "\(label): byte \(index)")
          if extracted.map.isCopied(foldedByte: index), original.end <= bytes.count {
            #expect(bytes[original.start] == extracted.bytes[index], "\(label): byte \(index)")
          }
        }
        _ = try? Document(file, format: format, extraction: extracted)
      } else if target == "lint", let first = bytes.first {
        let formats = FileFormat.allCases
        let format = formats[Int(first) % formats.count]
        guard
          let file = try? SourceFile(
            path: "f.\(format.extensions[0])", bytes: Array(bytes.dropFirst())),
          let diagnostics = try? PropertyTests.linter.lint(file)
        else { continue }
        for diagnostic in diagnostics {
          #expect(diagnostic.range.end <= file.bytes.count, "\(label)")
          if diagnostic.range.end <= file.bytes.count {
            #expect(diagnostic.matched == file.text(diagnostic.range), "\(label)")
          }
        }
        _ = try? Fixer.fix(file, linter: PropertyTests.linter, unsafe: true)
      } else if target == "cache" {
        // As the fuzz target: the exercise cache file with the input's payload edits.
        let file = try #require(GlossaryCache.exerciseFile(edited: bytes), "\(label)")
        if let compiled = GlossaryCache.decode(file, key: GlossaryCache.exerciseKey) {
          let linter = Linter(glossary: compiled, configuration: Configuration(root: "."))
          _ = try? lint(GlossaryCache.exerciseText, with: linter)
          GlossaryCache.exerciseReads(compiled)
        }
      } else if target == "glossary" {
        _ = try? GlossaryLoader.load(yaml: String(decoding: bytes, as: UTF8.self), path: "g.yml")
      } else if target == "config" {
        _ = try? Configuration.parse(
          yaml: String(decoding: bytes, as: UTF8.self), path: ".lint.yml")
      } else if let file = try? SourceFile(path: "f.txt", bytes: bytes) {
        var folder = Folder()
        let folded = bytes.withUnsafeBufferPointer {
          folder.fold($0, range: file.textStart..<$0.count)
        }
        var last = file.textStart
        for index in folded.bytes.indices {
          let original = folded.map.originalRange(ofFoldedByte: index)
          #expect(original.start >= last && original.end <= bytes.count, "\(label): \(index)")
          last = original.start
        }
        for token in Tokenizer.tokens(of: folded.bytes) {
          #expect(token.start < token.end && token.end <= folded.bytes.count, "\(label)")
        }
      }
    }
  }
}
