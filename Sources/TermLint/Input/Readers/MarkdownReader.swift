// Markdown (CommonMark with GFM tables, strikethrough and bare URLs): the prose of
// headings, paragraphs, list items, block quotes, table cells, link text and image alt text.
//
// Skipped: code (fenced, indented, spans), HTML blocks and inline tags, link destinations,
// titles and reference definitions, autolinks and bare URLs, and front matter. Emphasis
// markers are left out, escapes and character references are decoded. One segment per
// paragraph, heading and table cell. MarkdownBlocks.swift and MarkdownBlockLeaves.swift
// find the blocks, MarkdownInline.swift masks their inline markup (with MarkdownLinks.swift
// and MarkdownHTML.swift), MarkdownContent.swift maps a block's content to the original.

/// Reads Markdown files.
public enum MarkdownReader: FormatReader {
  public static var format: FileFormat { .markdown }

  public static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText {
    extract(file, frontMatter: false)
  }

  /// With `.lint.yml`'s options: `front_matter: check` checks it.
  public static func extract(_ file: SourceFile, options: ReaderOptions) throws(FormatError)
    -> ExtractedText
  {
    extract(file, frontMatter: options.checkFrontMatter)
  }

  /// The text of `file`. With `frontMatter`, the lines of YAML (`---`) or TOML (`+++`)
  /// front matter are checked as one segment, as they stand; by default they are skipped.
  /// Markdown has no syntax errors: every file can be read.
  public static func extract(_ file: SourceFile, frontMatter: Bool) -> ExtractedText {
    file.bytes.withUnsafeBufferPointer { bytes in
      var builder = ExtractionBuilder(capacity: bytes.count)
      var start = file.textStart
      if let matter = Self.frontMatter(bytes, from: start) {
        if frontMatter, !matter.content.isEmpty {
          builder.copy(bytes, matter.content)
          builder.closeSegment(
            originalRange: TextRange(
              start: matter.content.lowerBound, end: matter.content.upperBound))
        }
        start = matter.end
      }
      let blocks = MarkdownBlockParser.parse(bytes, from: start)
      for leaf in blocks.leaves {
        MarkdownInlineParser.emit(
          leaf, original: bytes, references: blocks.references, into: &builder)
      }
      return builder.finish(escaping: .markdown)
    }
  }

  /// Front matter at `start`: a `---` (YAML) or `+++` (TOML) line, the content, and the
  /// same line again (`...` also closes YAML). Its content and the offset after it.
  static func frontMatter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    content: Range<Int>, end: Int
  )? {
    func line(at index: Int) -> (end: Int, next: Int) {
      var end = index
      while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
      var next = end
      if next < bytes.count {
        next += bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A ? 2 : 1
      }
      return (end, next)
    }
    func isFence(_ range: Range<Int>, _ fence: UInt8) -> Bool {
      var end = range.upperBound
      while end > range.lowerBound && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) {
        end -= 1
      }
      return end - range.lowerBound == 3 && bytes[range.lowerBound..<end].allSatisfy { $0 == fence }
    }
    guard start < bytes.count else { return nil }
    let fence = bytes[start]
    guard fence == UInt8(ascii: "-") || fence == UInt8(ascii: "+") else { return nil }
    let first = line(at: start)
    guard isFence(start..<first.end, fence) else { return nil }
    var index = first.next
    while index < bytes.count {
      let current = line(at: index)
      if isFence(index..<current.end, fence)
        || (fence == UInt8(ascii: "-") && isFence(index..<current.end, UInt8(ascii: ".")))
      {
        var contentEnd = index
        if contentEnd > first.next && bytes[contentEnd - 1] == 0x0A { contentEnd -= 1 }
        if contentEnd > first.next && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return (first.next..<max(first.next, contentEnd), current.next)
      }
      index = current.next
    }
    return nil
  }
}
