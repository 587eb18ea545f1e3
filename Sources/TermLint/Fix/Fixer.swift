/// Applies fixes to a file's bytes: only the matched bytes change (byte-order mark, line
/// endings and everything else stay as they were). Overlapping fixes: the first (by offset)
/// wins and the rest are reported as skipped. After applying, the text is linted again and
/// fixed again until nothing changes, at most `maxPasses` times, so a second `fix` run
/// changes nothing; a replacement that contains its own match cannot grow the text on later
/// runs because the preferred form is itself a form, and leftmost-longest matches it whole.
public enum Fixer {
  public static let maxPasses = 8

  public struct Outcome: Sendable {
    /// The fixed bytes (equal to the input when nothing applied).
    public var bytes: [UInt8]
    /// Fixes applied, from every pass, in the coordinates of the text they were found in.
    public var applied: [Diagnostic]
    /// Fixable findings not applied because an earlier fix overlapped them.
    public var skipped: [Diagnostic]
    /// Findings of the final text (what is left after fixing).
    public var remaining: [Diagnostic]
    public var passes: Int

    public var changed: Bool { !applied.isEmpty }
  }

  /// Whether `fix` is applied: safe fixes always, unsafe ones only when asked.
  public static func applies(_ fix: Fix, unsafe: Bool) -> Bool {
    switch fix.applicability {
    case .safe: true
    case .unsafe: unsafe
    case .displayOnly: false
    }
  }

  /// Applies the applicable fixes of `diagnostics` to `bytes` in one pass.
  public static func apply(
    _ diagnostics: [Diagnostic], to bytes: [UInt8], unsafe: Bool
  ) -> (bytes: [UInt8], applied: [Diagnostic], skipped: [Diagnostic]) {
    let candidates = diagnostics.filter { $0.fix.map { applies($0, unsafe: unsafe) } ?? false }
      .sorted(by: Diagnostic.ordered)
    var applied: [Diagnostic] = []
    var skipped: [Diagnostic] = []
    var edits: [Edit] = []
    // Candidates come in offset order, so a fix overlaps an accepted one exactly when one
    // of its edits starts before the furthest end accepted so far (conservative for a fix
    // whose edits lie before its own span: it is skipped, never applied wrongly).
    var acceptedEnd = -1
    var lastStart = -1
    for diagnostic in candidates {
      guard let fix = diagnostic.fix, !fix.edits.isEmpty else { continue }
      let overlaps = fix.edits.contains { edit in
        edit.range.start < acceptedEnd || (edit.range.isEmpty && edit.range.start == lastStart)
      }
      if overlaps {
        skipped.append(diagnostic)
      } else {
        edits += fix.edits
        applied.append(diagnostic)
        for edit in fix.edits {
          acceptedEnd = max(acceptedEnd, edit.range.end)
          lastStart = edit.range.start
        }
      }
    }
    guard !edits.isEmpty else { return (bytes, [], skipped) }
    edits.sort { $0.range < $1.range }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
    var position = 0
    for edit in edits {
      output += bytes[position..<edit.range.start]
      output += Array(edit.replacement.utf8)
      position = edit.range.end
    }
    output += bytes[position...]
    return (output, applied, skipped)
  }

  /// Lints and fixes `file` until stable. Throws when the file's format reader cannot read
  /// it, or cannot read it after a fix (the fix is then not kept: nothing is written).
  public static func fix(_ file: SourceFile, linter: Linter, unsafe: Bool) throws(FormatError)
    -> Outcome
  {
    var current = file
    var diagnostics = try linter.lint(current)
    var applied: [Diagnostic] = []
    var skipped: [Diagnostic] = []
    var passes = 0
    while passes < maxPasses {
      let pass = apply(diagnostics, to: current.bytes, unsafe: unsafe)
      passes += 1
      if pass.applied.isEmpty {
        skipped = pass.skipped
        break
      }
      applied += pass.applied
      skipped = pass.skipped
      // The edits keep the text valid UTF-8 (replacements are Swift strings spliced at
      // character boundaries), so this cannot fail; if it ever did, stop with what we have.
      // A section of a larger file (see `StreamedFixer`) keeps its place in the file.
      guard
        let next = try? SourceFile(
          path: file.path, bytes: pass.bytes, firstLine: file.lineIndex.firstLine,
          firstColumn: file.lineIndex.firstColumn)
      else { break }
      do {
        diagnostics = try linter.lint(next)
      } catch {
        throw FormatError(
          "a fix would leave the file unreadable (\(error.message)); nothing was changed",
          offset: 0)
      }
      current = next
    }
    return Outcome(
      bytes: current.bytes, applied: applied, skipped: skipped, remaining: diagnostics,
      passes: passes)
  }
}
