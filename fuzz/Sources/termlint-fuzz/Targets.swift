// Fuzz targets for libFuzzer (fuzz/run.sh builds and runs them; README in fuzz/README.md).
//
// One executable, one entry point: the target is chosen by TERMLINT_FUZZ_TARGET (read once).
// Each target feeds arbitrary bytes to one component and checks its invariants; a broken
// invariant traps (`fail`), so libFuzzer records the input as a crash. Errors thrown for
// bad input are expected and ignored; crashes, hangs and broken maps are findings.

@testable import TermLint

#if canImport(Glibc)
  import Glibc
#endif

enum Target: String, CaseIterable {
  case fold, tokenize, numerals, glossary, config
  case markdown, html, xliff, po, tmx, srt, vtt
  case lint, cache
}

let selected: Target = {
  guard let raw = getenv("TERMLINT_FUZZ_TARGET"),
    let target = Target(rawValue: String(cString: raw))
  else {
    let names = Target.allCases.map(\.rawValue).joined(separator: " ")
    printError("set TERMLINT_FUZZ_TARGET to one of: \(names)")
    exit(2)
  }
  return target
}()

func printError(_ message: String) {
  let bytes = Array((message + "\n").utf8)
  _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
  printError("invariant broken: \(message)")
  abort()
}

/// A linter over the bundled dictionaries and a small glossary, built once.
let linter: Linter = {
  var glossaries = (try? GlossarySet.bundled()) ?? []
  let yaml = """
    terms:
      - id: double-eight-strategy
        source: 八八战略
        preferred: Double-Eight Strategy
        variants: [Eight-Eight Strategy, 88th Strategy, Eighth Eighth Strategy]
    """
  if let extra = try? GlossaryLoader.load(yaml: yaml, path: "fuzz.yml") { glossaries.append(extra) }
  return Linter(
    glossary: CompiledGlossary(glossaries: glossaries), configuration: Configuration(root: "."))
}()

/// Folds `file`'s text and checks the map: every folded byte maps inside the text, and the
/// original ranges never go backwards.
func checkFold(_ file: SourceFile) -> FoldedText {
  var folder = Folder()
  let range = file.textStart..<file.bytes.count
  let folded = file.bytes.withUnsafeBufferPointer { folder.fold($0, range: range) }
  if folded.map.foldedCount != folded.bytes.count {
    fail("map covers \(folded.map.foldedCount) of \(folded.bytes.count) bytes")
  }
  if (try? SourceFile(path: "folded", bytes: folded.bytes)) == nil && !folded.bytes.isEmpty {
    // Folded text must stay valid UTF-8 (NUL is the only rejection allowed through).
    if !folded.bytes.contains(0) { fail("folded text is not UTF-8") }
  }
  var lastStart = range.lowerBound
  var lastEnd = range.lowerBound
  for index in folded.bytes.indices {
    let original = folded.map.originalRange(ofFoldedByte: index)
    if original.start < range.lowerBound || original.end > range.upperBound || original.isEmpty {
      fail("folded byte \(index) maps to \(original.start)..<\(original.end) outside \(range)")
    }
    if original.start < lastStart || original.end < lastEnd {
      fail("folded byte \(index) maps backwards")
    }
    if folded.map.isCopied(foldedByte: index) {
      let byte = file.bytes[original.start]
      if byte >= 0x80 || Folder.asciiTable[Int(byte)] != folded.bytes[index] {
        fail("copied folded byte \(index) is not the folded original byte")
      }
    }
    lastStart = original.start
    lastEnd = original.end
  }
  return folded
}

func checkTokens(_ folded: FoldedText) {
  let tokens = Tokenizer.tokens(of: folded.bytes)
  var last = 0
  for token in tokens {
    if token.start < last || token.end <= token.start || token.end > folded.bytes.count {
      fail("token \(token.start)..<\(token.end) after \(last) in \(folded.bytes.count) bytes")
    }
    last = token.end
    _ = folded.map.originalRange(ofFolded: token.start..<token.end)
  }
}

func checkNumerals(_ folded: FoldedText) {
  var reader = NumberReader()
  folded.bytes.withUnsafeBufferPointer { text in
    var position = 0
    var steps = 0
    while let token = reader.next(in: text, from: position) {
      if token.start < position || token.end > text.count || token.start >= token.end
        || token.next <= position || token.next > text.count
      {
        fail("numeral token \(token.start)..<\(token.end) next \(token.next) at \(position)")
      }
      position = token.next
      steps += 1
      if steps > text.count + 1 { fail("numeral reader does not advance") }
    }
  }
}

/// A reader's extraction: every byte maps inside the file, copied bytes are the original
/// bytes, segments lie inside the text and the file.
func checkExtraction(_ extracted: ExtractedText, of file: SourceFile) {
  let count = file.bytes.count
  if extracted.map.foldedCount != extracted.bytes.count {
    fail("map covers \(extracted.map.foldedCount) of \(extracted.bytes.count) bytes")
  }
  for index in extracted.bytes.indices {
    let original = extracted.map.originalRange(ofFoldedByte: index)
    if original.start < 0 || original.end > count {
      fail(
        "extracted byte \(index) maps to \(original.start)..<\(original.end) outside 0..<\(count)")
    }
    if extracted.map.isCopied(foldedByte: index)
      && file.bytes[original.start] != extracted.bytes[index]
    {
      fail("copied byte \(index) differs from original byte \(original.start)")
    }
  }
  for segment in extracted.segments {
    if segment.range.lowerBound < 0 || segment.range.upperBound > extracted.bytes.count {
      fail("segment \(segment.range) outside the extracted text")
    }
    if segment.originalRange.end > count { fail("segment original range past the file") }
    if let source = segment.source, source.range.end > count { fail("source range past the file") }
    if !segment.range.isEmpty { _ = extracted.originalRange(of: segment.range) }
  }
}

func read(_ format: FileFormat, _ file: SourceFile) {
  guard let reader = ReaderRegistry.reader(for: format) else { return }
  guard let extracted = try? reader.extract(file) else { return }
  checkExtraction(extracted, of: file)
  _ = try? Document(file, format: format, extraction: extracted)
}

func checkLint(_ file: SourceFile) {
  guard let diagnostics = try? linter.lint(file) else { return }
  for diagnostic in diagnostics {
    let range = diagnostic.range
    if range.end > file.bytes.count {
      fail("diagnostic \(range.start)..<\(range.end) past the file")
    }
    if diagnostic.matched != file.text(range) { fail("matched text is not the original bytes") }
  }
  if diagnostics.contains(where: { $0.fix != nil }),
    let outcome = try? Fixer.fix(file, linter: linter, unsafe: true)
  {
    if let again = try? SourceFile(path: file.path, bytes: outcome.bytes) {
      _ = try? linter.lint(again)
    } else {
      fail("fixed bytes are not a readable file")
    }
  }
}

/// The text the `cache` target lints with what it decodes.
let exerciseText = try? SourceFile(path: "t.txt", bytes: Array(GlossaryCache.exerciseText.utf8))

func run(_ bytes: [UInt8]) {
  switch selected {
  case .fold, .tokenize, .numerals:
    guard let file = try? SourceFile(path: "f.txt", bytes: bytes) else { return }
    let folded = checkFold(file)
    if selected == .tokenize { checkTokens(folded) }
    if selected == .numerals { checkNumerals(folded) }
  case .glossary:
    let text = String(decoding: bytes, as: UTF8.self)
    if let glossary = try? GlossaryLoader.load(yaml: text, path: "g.yml") {
      let compiled = CompiledGlossary(glossaries: [glossary])
      let linter = Linter(glossary: compiled, configuration: Configuration(root: "."))
      if let file = try? SourceFile(path: "t.txt", bytes: bytes) { _ = try? linter.lint(file) }
    }
  case .config:
    _ = try? Configuration.parse(yaml: String(decoding: bytes, as: UTF8.self), path: ".lint.yml")
  case .markdown, .html, .xliff, .po, .tmx, .srt, .vtt:
    guard let format = FileFormat(rawValue: selected.rawValue),
      let file = try? SourceFile(path: "f.\(format.extensions.first ?? "txt")", bytes: bytes)
    else { return }
    read(format, file)
  case .lint:
    // The first byte picks the format, the rest is the file.
    guard let first = bytes.first else { return }
    let formats = FileFormat.allCases
    let format = formats[Int(first) % formats.count]
    let name = "f.\(format.extensions.first ?? "txt")"
    guard let file = try? SourceFile(path: name, bytes: Array(bytes.dropFirst())) else { return }
    checkLint(file)
  case .cache:
    // Decoding refuses the edited file, or gives a glossary the matcher and every rule
    // can use without a trap (GlossaryCache+Exercise.swift).
    guard let file = GlossaryCache.exerciseFile(edited: bytes),
      let compiled = GlossaryCache.decode(file, key: GlossaryCache.exerciseKey),
      let text = exerciseText
    else { return }
    let linter = Linter(glossary: compiled, configuration: Configuration(root: "."))
    _ = try? linter.lint(text)
    GlossaryCache.exerciseReads(compiled)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  run(Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}

// SwiftPM links an executable with its own entry point (`termlint_fuzz_main`), so libFuzzer's
// `main` is not used: the entry point hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@main
enum FuzzMain {
  static func main() {
    _ = selected
    if selected == .lint { _ = linter }
    if selected == .cache && GlossaryCache.exerciseFile == nil {
      fail("the exercise glossary does not compile to a cache file")
    }
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = runDriver(&argc, &argv) { data, size in fuzz(data, size) }
    exit(status)
  }
}
