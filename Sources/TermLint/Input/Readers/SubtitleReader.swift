// Subtitles: SubRip (.srt) and WebVTT (.vtt). The cue text is checked, one segment per cue
// with its line breaks kept; cue numbers, identifiers, timing lines, the WEBVTT header and
// NOTE, STYLE and REGION blocks are not text, inline tags are left out and (WebVTT)
// character references decoded.

/// A line of a subtitle file: content `start..<end`, the next line at `next`.
private struct SubtitleLine {
  var start: Int
  var end: Int
  var next: Int
}

private func subtitleLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [SubtitleLine] {
  var lines: [SubtitleLine] = []
  var lineStart = start
  while lineStart < bytes.count {
    var end = lineStart
    while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
    var next = end
    if next < bytes.count {
      next += bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A ? 2 : 1
    }
    lines.append(SubtitleLine(start: lineStart, end: end, next: next))
    lineStart = next
  }
  return lines
}

/// Whether a line separates blocks: in SRT a line of spaces too (common in real files); in
/// WebVTT only an empty line, as its parser says.
private func isBlankLine(
  _ bytes: UnsafeBufferPointer<UInt8>, _ line: SubtitleLine, strict: Bool = false
) -> Bool {
  strict
    ? line.start == line.end : bytes[line.start..<line.end].allSatisfy { $0 == 0x20 || $0 == 0x09 }
}

private func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ line: SubtitleLine, _ needle: String)
  -> Bool
{
  let pattern = Array(needle.utf8)
  var index = line.start
  while index + pattern.count <= line.end {
    if bytes[index..<index + pattern.count].elementsEqual(pattern) { return true }
    index += 1
  }
  return false
}

/// Parses a timestamp at `index`: `[H...:]MM:SS(,|.)mmm`; returns the end, or nil.
private func timestampEnd(
  _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, separators: [UInt8],
  hoursRequired: Bool
) -> Int? {
  var index = start
  var fields: [Int] = []
  while true {
    let fieldStart = index
    while index < end && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
    guard index > fieldStart else { return nil }
    fields.append(index - fieldStart)
    if index < end && bytes[index] == UInt8(ascii: ":") && fields.count < 3 {
      index += 1
      continue
    }
    break
  }
  guard fields.count == 3 || (!hoursRequired && fields.count == 2) else { return nil }
  // Minutes and seconds have two digits.
  guard fields[fields.count - 1] == 2, fields[fields.count - 2] == 2 else { return nil }
  guard index < end, separators.contains(bytes[index]) else { return nil }
  index += 1
  let fraction = index
  while index < end && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
  guard index - fraction >= 1 && index - fraction <= 3 else { return nil }
  return index
}

/// Whether `line` is a timing line `start --> end` (anything may follow after a blank).
private func isTimingLine(
  _ bytes: UnsafeBufferPointer<UInt8>, _ line: SubtitleLine, separators: [UInt8],
  hoursRequired: Bool
) -> Bool {
  var index = line.start
  while index < line.end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
  guard
    let first = timestampEnd(
      bytes, at: index, end: line.end, separators: separators, hoursRequired: hoursRequired)
  else { return false }
  index = first
  while index < line.end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
  guard index + 3 <= line.end, bytes[index..<index + 3].elementsEqual("-->".utf8) else {
    return false
  }
  index += 3
  while index < line.end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
  guard
    let second = timestampEnd(
      bytes, at: index, end: line.end, separators: separators, hoursRequired: hoursRequired)
  else { return false }
  return second == line.end || bytes[second] == 0x20 || bytes[second] == 0x09
}

private func isTagStart(_ byte: UInt8) -> Bool {
  ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    || byte == UInt8(ascii: "/")
}

/// Writes one cue's text lines: tags (`<...>`, and `{\...}` in SRT) left out, line breaks kept,
/// character references decoded when `entities`.
private func writeCue(
  _ bytes: UnsafeBufferPointer<UInt8>, _ lines: ArraySlice<SubtitleLine>, entities: Bool,
  assTags: Bool, unit: String?, into builder: inout ExtractionBuilder
) {
  guard let firstLine = lines.first, let lastLine = lines.last else { return }
  var previous: SubtitleLine?
  for line in lines {
    if let previous {
      let lineBreak = previous.end..<previous.next
      if lineBreak.count == 1 && bytes[lineBreak.lowerBound] == 0x0A {
        builder.copy(bytes, lineBreak)
      } else {
        builder.decoded([0x0A], from: lineBreak)
      }
    }
    previous = line
    var index = line.start
    var runStart = index
    while index < line.end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<"), index + 1 < line.end,
        isTagStart(bytes[index + 1])
      {
        var close = index + 1
        while close < line.end && bytes[close] != UInt8(ascii: ">") { close += 1 }
        if close < line.end && close > index + 1 {
          builder.copy(bytes, runStart..<index)
          index = close + 1
          runStart = index
          continue
        }
      } else if assTags && byte == UInt8(ascii: "{") && index + 1 < line.end
        && bytes[index + 1] == UInt8(ascii: "\\")
      {
        var close = index + 2
        while close < line.end && bytes[close] != UInt8(ascii: "}") { close += 1 }
        if close < line.end {
          builder.copy(bytes, runStart..<index)
          index = close + 1
          runStart = index
          continue
        }
      } else if entities && byte == UInt8(ascii: "&"),
        let (decoded, end) = HTMLEntities.decode(bytes, at: index, end: line.end)
      {
        builder.copy(bytes, runStart..<index)
        builder.decoded(decoded, from: index..<end)
        index = end
        runStart = index
        continue
      }
      index += 1
    }
    builder.copy(bytes, runStart..<line.end)
  }
  builder.closeSegment(
    unit: unit, originalRange: TextRange(start: firstLine.start, end: lastLine.end))
}

/// Reads SubRip (.srt) subtitles.
public enum SRTReader: FormatReader {
  public static var format: FileFormat { .srt }

  public static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText {
    try file.bytes.withUnsafeBufferPointer { bytes throws(FormatError) in
      var builder = ExtractionBuilder(capacity: bytes.count / 2)
      let lines = subtitleLines(bytes, from: file.textStart)
      let separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ".")]
      var index = 0
      while index < lines.count {
        if isBlankLine(bytes, lines[index]) {
          index += 1
          continue
        }
        // A cue: its number, its timing line, its text up to a blank line.
        var line = lines[index]
        var unit: String?
        if !isTimingLine(bytes, line, separators: separators, hoursRequired: true) {
          let text = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]), as: UTF8.self)
          let number = text.trimmingBlanks
          guard !number.isEmpty, number.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            if contains(bytes, line, "-->") {
              throw FormatError("bad timecode", offset: line.start)
            }
            throw FormatError("expected a cue number or a timecode", offset: line.start)
          }
          unit = number
          index += 1
          guard index < lines.count, !isBlankLine(bytes, lines[index]) else {
            throw FormatError("cue \(number) has no timecode", offset: line.end)
          }
          line = lines[index]
          guard isTimingLine(bytes, line, separators: separators, hoursRequired: true) else {
            throw FormatError(
              contains(bytes, line, "-->") ? "bad timecode" : "cue \(number) has no timecode",
              offset: line.start)
          }
        }
        index += 1
        let textStart = index
        while index < lines.count && !isBlankLine(bytes, lines[index]) { index += 1 }
        writeCue(
          bytes, lines[textStart..<index], entities: false, assTags: true, unit: unit,
          into: &builder)
      }
      return builder.finish(escaping: .none)
    }
  }
}

/// Reads WebVTT (.vtt) subtitles.
public enum VTTReader: FormatReader {
  public static var format: FileFormat { .vtt }

  public static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText {
    try file.bytes.withUnsafeBufferPointer { bytes throws(FormatError) in
      var builder = ExtractionBuilder(capacity: bytes.count / 2)
      let lines = subtitleLines(bytes, from: file.textStart)
      guard let header = lines.first,
        header.end - header.start >= 6,
        bytes[header.start..<header.start + 6].elementsEqual("WEBVTT".utf8),
        header.end == header.start + 6 || bytes[header.start + 6] == 0x20
          || bytes[header.start + 6] == 0x09
      else {
        throw FormatError("missing WEBVTT header", offset: file.textStart)
      }
      let separators: [UInt8] = [UInt8(ascii: ".")]
      func startsBlock(_ line: SubtitleLine, _ word: String) -> Bool {
        let count = word.utf8.count
        guard line.end - line.start >= count,
          bytes[line.start..<line.start + count].elementsEqual(word.utf8)
        else { return false }
        return line.end == line.start + count || bytes[line.start + count] == 0x20
          || bytes[line.start + count] == 0x09
      }
      // The header block runs to the first blank line.
      var index = 0
      while index < lines.count && !isBlankLine(bytes, lines[index], strict: true) { index += 1 }
      while index < lines.count {
        let line = lines[index]
        if isBlankLine(bytes, line, strict: true) {
          index += 1
          continue
        }
        if startsBlock(line, "NOTE") || startsBlock(line, "STYLE") || startsBlock(line, "REGION") {
          while index < lines.count && !isBlankLine(bytes, lines[index], strict: true) {
            index += 1
          }
          continue
        }
        var unit: String?
        if !contains(bytes, line, "-->") {
          unit = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]), as: UTF8.self)
          index += 1
          guard index < lines.count, !isBlankLine(bytes, lines[index], strict: true),
            contains(bytes, lines[index], "-->")
          else {
            throw FormatError("cue '\(unit ?? "")' has no timing line", offset: line.end)
          }
        }
        let timing = lines[index]
        guard isTimingLine(bytes, timing, separators: separators, hoursRequired: false) else {
          throw FormatError("bad timestamp", offset: timing.start)
        }
        index += 1
        let textStart = index
        while index < lines.count && !isBlankLine(bytes, lines[index], strict: true) { index += 1 }
        writeCue(
          bytes, lines[textStart..<index], entities: true, assTags: false, unit: unit,
          into: &builder)
      }
      return builder.finish(escaping: .html)
    }
  }
}

extension String {
  fileprivate var trimmingBlanks: String {
    String(
      drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
