/// Maps positions in folded text back to byte ranges of the original text.
///
/// Folded text is built from runs. An identity run copies original bytes one for one
/// (the ASCII fast path), so a folded byte maps to exactly one original byte. A chunk run
/// is the folded form of one normalization chunk (a base character and its combining
/// marks, a fullwidth letter, a curly quote): every folded byte in it maps to the whole
/// chunk, so a match never splits a character. Removed characters (soft hyphens,
/// zero-width spaces) produce no folded bytes and belong to no run; a match that spans
/// them covers them because its range runs from its first run to its last.
public struct OffsetMap: Sendable, Equatable {
  private var foldedStarts: [Int] = []
  private var originalStarts: [Int] = []
  /// For identity runs, -1; for chunk runs, the chunk's original length.
  private var chunkLengths: [Int] = []
  public private(set) var foldedCount = 0

  public init() {}

  var runCount: Int { foldedStarts.count }

  /// Records `count` folded bytes copied one for one from original offset `original`.
  mutating func appendIdentity(original: Int, count: Int) {
    if let last = foldedStarts.indices.last, chunkLengths[last] < 0,
      originalStarts[last] + (foldedCount - foldedStarts[last]) == original
    {
      foldedCount += count
      return
    }
    foldedStarts.append(foldedCount)
    originalStarts.append(original)
    chunkLengths.append(-1)
    foldedCount += count
  }

  /// Records `foldedLength` folded bytes produced from the original chunk
  /// `original..<original + originalLength`.
  mutating func appendChunk(original: Int, originalLength: Int, foldedLength: Int) {
    guard foldedLength > 0 else { return }
    foldedStarts.append(foldedCount)
    originalStarts.append(original)
    chunkLengths.append(originalLength)
    foldedCount += foldedLength
  }

  private func run(containing folded: Int) -> Int {
    var low = 0
    var high = foldedStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if foldedStarts[mid] <= folded { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// The original byte range that folded byte `folded` came from.
  public func originalRange(ofFoldedByte folded: Int) -> TextRange {
    precondition(folded >= 0 && folded < foldedCount, "folded offset out of range")
    let index = run(containing: folded)
    if chunkLengths[index] < 0 {
      let start = originalStarts[index] + (folded - foldedStarts[index])
      return TextRange(start: start, end: start + 1)
    }
    return TextRange(start: originalStarts[index], end: originalStarts[index] + chunkLengths[index])
  }

  /// The original byte range covering folded bytes `range` (which must not be empty).
  public func originalRange(ofFolded range: Range<Int>) -> TextRange {
    precondition(!range.isEmpty, "empty folded range")
    let first = originalRange(ofFoldedByte: range.lowerBound)
    let last = originalRange(ofFoldedByte: range.upperBound - 1)
    return TextRange(start: first.start, end: last.end)
  }

  /// Whether folded bytes `range` come from one stretch of original bytes: every run that
  /// covers it starts where the previous one ended, so nothing was left out between them.
  public func isContiguous(_ range: Range<Int>) -> Bool {
    guard !range.isEmpty else { return true }
    var index = run(containing: range.lowerBound)
    let last = run(containing: range.upperBound - 1)
    var end = runEnd(index)
    while index < last {
      index += 1
      if originalStarts[index] != end {
        // Zero-length chunks (separators a reader added) never stand inside text.
        return false
      }
      end = runEnd(index)
    }
    return true
  }

  /// Whether folded byte `folded` was copied one for one from the original (an identity
  /// run), not produced from a chunk, an escape or a separator. For tests and fuzzing.
  func isCopied(foldedByte folded: Int) -> Bool {
    guard folded >= 0 && folded < foldedCount else { return false }
    return chunkLengths[run(containing: folded)] < 0
  }

  /// The original end of run `index`.
  private func runEnd(_ index: Int) -> Int {
    if chunkLengths[index] >= 0 { return originalStarts[index] + chunkLengths[index] }
    let next = index + 1 < foldedStarts.count ? foldedStarts[index + 1] : foldedCount
    return originalStarts[index] + (next - foldedStarts[index])
  }
}
