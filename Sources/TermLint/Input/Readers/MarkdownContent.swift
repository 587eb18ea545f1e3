// A Markdown leaf block's content as one byte string, mapped back to the original bytes.

/// A leaf's content lines joined by "\n", and where each byte is in the original.
struct MarkdownContent {
  private(set) var text: [UInt8] = []
  /// Where each line starts in `text` and in the original bytes.
  private var lineTextStarts: [Int] = []
  private var lineOriginalStarts: [Int] = []
  /// Where each joining "\n" is in `text`, in order, and its line break's original range.
  private(set) var breakPositions: [Int] = []
  private(set) var breakRanges: [Range<Int>] = []

  init(bytes: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], breaks: [Range<Int>]) {
    var total = 0
    for line in lines { total += line.count + 1 }
    text.reserveCapacity(total)
    for (number, line) in lines.enumerated() {
      if number > 0 {
        let lineBreak =
          number - 1 < breaks.count ? breaks[number - 1] : line.lowerBound..<line.lowerBound
        breakPositions.append(text.count)
        breakRanges.append(lineBreak)
        text.append(0x0A)
      }
      lineTextStarts.append(text.count)
      lineOriginalStarts.append(line.lowerBound)
      text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
    }
  }

  var count: Int { text.count }

  subscript(index: Int) -> UInt8 { text[index] }

  /// The original offset of byte `index` of `text`; for a joining "\n", its line break's start.
  func origin(_ index: Int) -> Int {
    if let lineBreak = breakRange(at: index) { return lineBreak.lowerBound }
    var low = 0
    var high = lineTextStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineTextStarts[mid] <= index { low = mid } else { high = mid - 1 }
    }
    guard !lineTextStarts.isEmpty else { return index }
    return lineOriginalStarts[low] + (index - lineTextStarts[low])
  }

  /// The number of joining line breaks before `index`.
  func breaks(before index: Int) -> Int {
    var low = 0
    var high = breakPositions.count
    while low < high {
      let mid = (low + high) / 2
      if breakPositions[mid] < index { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The original range of the line break joined at `index`, if one is there.
  func breakRange(at index: Int) -> Range<Int>? {
    let found = breaks(before: index)
    guard found < breakPositions.count, breakPositions[found] == index else { return nil }
    return breakRanges[found]
  }
}
