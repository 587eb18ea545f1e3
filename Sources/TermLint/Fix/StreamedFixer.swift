/// Fixes a large plain-text file section by section, in bounded memory: each section (see
/// `Sectioning`; it ends after a blank line, else a line break, else a space) is read,
/// fixed until stable by `Fixer.fix` as a file of its own, and its fixed bytes are appended
/// to the temporary file that replaces the file at the end (`PendingReplacement`). Memory
/// is about one section and its fixes, whatever the file's size.
///
/// The output is the whole-file fix's whenever no finding runs across a cut, which is what
/// sections are cut for: the rules that look at one place see the same text either way.
/// `inconsistent` (and so its unsafe fixes) compares renderings within a section, and a
/// `termlint-disable` region ends with its section, as when the file is linted.
///
/// Nothing is written until a fix applies: the unchanged sections before the first fix are
/// copied from the open file then. Before the rename the file must still be the one read:
/// same device, inode, size, modification and status-change times (`FileStamp`), and the
/// same bytes, read again and hashed section by section (times alone have the file
/// system's granularity). A file that changed is left as it is, and so is a file with bad
/// bytes in any section.
public enum StreamedFixer {
  public struct Outcome: Sendable {
    /// Fixes applied, over every section and pass.
    public var applied: Int
    /// Fixes not applied because another overlapped them.
    public var skipped: Int
    /// What is left, in the fixed file's coordinates, with excerpts from the fixed text.
    public var remaining: FileReport
    /// The most passes a section took.
    public var passes: Int

    public var changed: Bool { applied > 0 }

    public init(applied: Int, skipped: Int, remaining: FileReport, passes: Int) {
      self.applied = applied
      self.skipped = skipped
      self.remaining = remaining
      self.passes = passes
    }
  }

  public enum Result: Sendable {
    case fixed(Outcome)
    case binary(String)
    case problem(TermLintError)
  }

  /// Whether `fix` streams `path`: a regular file larger than `sectioning.threshold` whose
  /// format has no reader (markup and bilingual files are read whole by their readers).
  public static func applies(to path: String, linter: Linter, sectioning: Sectioning) -> Bool {
    sectioning.cuts(path, linter: linter)
  }

  /// Fixes `path` in sections of at most `sectionSize` bytes and replaces it when a fix
  /// applied. `beforeCheck` runs just before the file is checked for changes (a test hook).
  public static func fix(
    _ path: String, linter: Linter, unsafe: Bool, sectionSize: Int,
    beforeCheck: (() -> Void)? = nil
  ) -> Result {
    func problem(_ message: String) -> Result { .problem(TermLintError(.io, message, path: path)) }
    var reader: SectionReader
    do {
      reader = try SectionReader(path: path, size: sectionSize)
    } catch {
      return problem("cannot read: \(error.message)")
    }
    guard let stamp = reader.stamp else { return problem("cannot read: cannot stat the file") }
    var digest = Hasher()
    var replacement: PendingReplacement?
    // Where the next fixed section goes in the fixed file.
    var output = TextPosition()
    var applied = 0
    var skipped = 0
    var passes = 0
    var diagnostics: [Diagnostic] = []
    var excerpts: [Int: SourceExcerpt] = [:]
    var number = 0
    while true {
      let section: SectionReader.Section?
      do {
        section = try reader.next()
      } catch {
        return problem("cannot read: \(error.message)")
      }
      guard let section else { break }
      section.bytes.withUnsafeBytes { digest.combine(bytes: $0) }
      let file: SourceFile
      do {
        file = try SourceFile(
          path: path, bytes: section.bytes, firstLine: output.line, firstColumn: output.column)
      } catch {
        switch error {
        case .binary where number == 0: return .binary(path)
        case .binary:
          return problem(
            "not text: a NUL byte after offset \(section.offset) (line \(section.line)); "
              + "not fixed")
        case .invalidUTF8(let offset):
          let lines = LineIndex(
            bytes: section.bytes, firstLine: section.line, firstColumn: section.column)
          return .problem(
            Runner.notUTF8(
              path: path, byte: section.bytes[offset], offset: section.offset + offset,
              line: lines.position(of: offset, in: section.bytes).line))
        }
      }
      let fixed: Fixer.Outcome
      do {
        fixed = try Fixer.fix(file, linter: linter, unsafe: unsafe)
      } catch {
        return .problem(error.problem(in: file))
      }
      applied += fixed.applied.count
      skipped += fixed.skipped.count
      passes = max(passes, fixed.passes)
      do {
        if fixed.changed && replacement == nil {
          let started = try PendingReplacement(replacing: path)
          // The sections before this one are unchanged: copied from the open file.
          try reader.copy(upTo: section.offset) { (bytes) throws(FileError) in
            try started.write(bytes)
          }
          replacement = started
        }
        try replacement?.write(fixed.bytes[...])
      } catch {
        return problem("not fixed: \(error.message)")
      }
      if !fixed.remaining.isEmpty {
        let source =
          fixed.changed
          ? (try? SourceFile(
            path: path, bytes: fixed.bytes, firstLine: output.line, firstColumn: output.column))
          : file
        let report = FileReport(path: path, diagnostics: fixed.remaining, source: source)
          .shifted(by: output.offset)
        diagnostics += report.diagnostics
        excerpts.merge(report.excerpts) { first, _ in first }
      }
      output.advance(over: fixed.bytes)
      number += 1
      if section.isLast { break }
    }
    if let replacement {
      let expected = digest.finalize()
      do {
        try replacement.commit { () throws(FileError) in
          beforeCheck?()
          guard FileStamp(path: path) == stamp,
            try Self.digest(of: path, sectionSize: sectionSize) == expected
          else { throw FileError.changed }
        }
      } catch {
        return problem("not fixed: \(error.message)")
      }
    }
    return .fixed(
      Outcome(
        applied: applied, skipped: skipped,
        remaining: FileReport(path: path, diagnostics: diagnostics, excerpts: excerpts),
        passes: passes))
  }

  /// The hash of the file's sections as `fix` read them (the same cuts for the same bytes).
  static func digest(of path: String, sectionSize: Int) throws(FileError) -> Int {
    var reader = try SectionReader(path: path, size: sectionSize)
    var digest = Hasher()
    while let section = try reader.next() {
      section.bytes.withUnsafeBytes { digest.combine(bytes: $0) }
    }
    return digest.finalize()
  }
}
