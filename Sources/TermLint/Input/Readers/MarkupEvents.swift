// Input stage: libxml2's event stream (through the CXML2 shim) with exact original byte
// ranges, shared by the XLIFF, TMX and HTML readers.
//
// libxml2 reports no ranges, only where its parser stands when it calls back. The timing
// was checked (see XMLReaderTests): a start tag is reported with the parser at its `>` (or
// `/>`), an end tag just after its `>`, character data just after the bytes it came from,
// and each entity or character reference as an event of its own just after its `;`. So
// inside an element every byte belongs to exactly one event, and a text event's original
// bytes run from where the previous event ended to where the parser stands.

import CXML2

/// One markup event: what libxml2 decoded and where it stands in the original bytes.
struct MarkupEvent {
  enum Kind {
    case start, end, text, cdata, comment, instruction
  }

  var kind: Kind
  /// The element's qualified name (`xml:lang`, `sdl:seg`); for HTML, lowercase. Empty for
  /// other kinds.
  var name: String
  /// XML start and end tags: the namespace URI the element is in, as the document binds
  /// it (nil when none; always nil for HTML).
  var namespace: String? = nil
  /// The attributes as libxml2 decoded them, in document order.
  var attributes: [(name: String, value: String)]
  /// Decoded text of text, CDATA, comment and instruction events; valid during the call.
  var text: UnsafeBufferPointer<UInt8>
  /// The whole construct in the original bytes (a start tag from `<` to `>`, an end tag,
  /// a text run, a reference, a CDATA section). Empty for an empty element's end and for
  /// elements the HTML parser opened or closed by itself.
  var range: Range<Int>
  /// Text and CDATA: the original bytes the decoded text came from (CDATA: inside the
  /// markers). Start tags: the point just after the tag, where its content starts.
  var contentRange: Range<Int>

  func attribute(_ name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }

  /// The name without its prefix when the element is in one of `namespaces`: a document
  /// may bind a format's namespace to any prefix (`<x:trans-unit>`) or to none. Elements
  /// of other namespaces keep their qualified name.
  func name(resolvingTo namespaces: Set<String>) -> String {
    guard let namespace, namespaces.contains(namespace),
      let colon = name.utf8.firstIndex(of: UInt8(ascii: ":"))
    else { return name }
    return String(name[name.index(after: colon)...])
  }
}

/// Decoded text pieces, each with the original bytes it came from: one for one where the
/// text equals the original bytes, else mapped to the whole original piece.
struct TextPieces {
  private struct Piece {
    /// The decoded bytes; empty for a verbatim piece, whose bytes are `original`'s.
    var bytes: [UInt8]
    var original: Range<Int>
    var verbatim: Bool
  }

  private var pieces: [Piece] = []
  private(set) var byteCount = 0

  var isEmpty: Bool { byteCount == 0 }

  /// Whether every byte is a space, tab, line feed or carriage return.
  func isBlank(in original: [UInt8]) -> Bool {
    func blank(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
    return pieces.allSatisfy { piece in
      piece.verbatim ? original[piece.original].allSatisfy(blank) : piece.bytes.allSatisfy(blank)
    }
  }

  /// The decoded text.
  func string(in original: [UInt8]) -> String {
    var all: [UInt8] = []
    all.reserveCapacity(byteCount)
    for piece in pieces {
      if piece.verbatim { all += original[piece.original] } else { all += piece.bytes }
    }
    return String(decoding: all, as: UTF8.self)
  }

  mutating func removeAll() {
    pieces.removeAll(keepingCapacity: true)
    byteCount = 0
  }

  /// Adds `decoded`, which libxml2 made from original bytes `range`: aligned byte by byte
  /// where it can (line ends that XML normalised map to their CR LF), else as one piece.
  mutating func append(
    decoded: UnsafeBufferPointer<UInt8>, from range: Range<Int>, in original: [UInt8]
  ) {
    guard !decoded.isEmpty else { return }
    byteCount += decoded.count
    let o = range.clamped(to: 0..<original.count)
    if o.count == decoded.count && decoded.elementsEqual(original[o]) {
      add([], o, verbatim: true)
      return
    }
    // A reference (`&amp;`, `&#8217;`) is one event: all of it maps to the reference.
    if o.isEmpty || original[o.lowerBound] == UInt8(ascii: "&") {
      add(Array(decoded), o, verbatim: false)
      return
    }
    var i = o.lowerBound
    var j = 0
    var runStart = i
    func flushRun(_ pieces: inout TextPieces) {
      if runStart < i { pieces.add([], runStart..<i, verbatim: true) }
    }
    while i < o.upperBound && j < decoded.count {
      if original[i] == UInt8(ascii: "&"), let semicolon = referenceEnd(original, from: i, limit: o)
      {
        let reference = original[i...semicolon]
        if decoded.count - j >= reference.count
          && decoded[j..<(j + reference.count)].elementsEqual(reference)
        {
          // An unknown entity that HTML kept as it stands.
          i = semicolon + 1
          j += reference.count
          continue
        }
        // A reference inside an attribute value: it decoded to one character.
        flushRun(&self)
        let length = min(decoded.count - j, utf8Length(decoded[j]))
        add(Array(decoded[j..<(j + length)]), i..<(semicolon + 1), verbatim: false)
        i = semicolon + 1
        j += length
        runStart = i
        continue
      }
      if original[i] == decoded[j] {
        i += 1
        j += 1
        continue
      }
      if original[i] == 0x0D && decoded[j] == 0x0A {
        flushRun(&self)
        let crlf = i + 1 < o.upperBound && original[i + 1] == 0x0A
        let end = crlf ? i + 2 : i + 1
        add([0x0A], i..<end, verbatim: false)
        i = end
        j += 1
        runStart = i
        continue
      }
      break
    }
    flushRun(&self)
    guard j < decoded.count else { return }
    // What is left does not align: markup the parser skipped in front of it (HTML tag
    // soup), or a transformation of its own. A verbatim tail is copied, else one piece.
    let rest = decoded[j...]
    if rest.count <= o.upperBound - i
      && rest.elementsEqual(original[(o.upperBound - rest.count)..<o.upperBound])
    {
      let start = o.upperBound - rest.count
      add([], start..<o.upperBound, verbatim: true)
    } else {
      add(Array(rest), i..<o.upperBound, verbatim: false)
    }
  }

  private func referenceEnd(_ original: [UInt8], from start: Int, limit: Range<Int>) -> Int? {
    var index = start + 1
    while index < limit.upperBound && index < start + 40 {
      let byte = original[index]
      if byte == UInt8(ascii: ";") { return index > start + 1 ? index : nil }
      let isNameByte =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "#")
      if !isNameByte { return nil }
      index += 1
    }
    return nil
  }

  private func utf8Length(_ lead: UInt8) -> Int {
    if lead < 0xC0 { return 1 }
    if lead < 0xE0 { return 2 }
    if lead < 0xF0 { return 3 }
    return 4
  }

  /// Adds the pieces of `other`.
  mutating func append(_ other: TextPieces) {
    pieces += other.pieces
    byteCount += other.byteCount
  }

  /// Writes the pieces into `builder`.
  func write(into builder: inout ExtractionBuilder, original: [UInt8]) {
    for piece in pieces {
      if piece.verbatim {
        builder.copy(original, piece.original)
      } else {
        builder.decoded(piece.bytes, from: piece.original)
      }
    }
  }

  private mutating func add(_ bytes: [UInt8], _ original: Range<Int>, verbatim: Bool) {
    if verbatim, let last = pieces.last, last.verbatim,
      last.original.upperBound == original.lowerBound
    {
      pieces[pieces.count - 1].original = last.original.lowerBound..<original.upperBound
      return
    }
    pieces.append(Piece(bytes: bytes, original: original, verbatim: verbatim))
  }
}

/// Runs libxml2 over a file and hands each event, with its original range, to a handler.
enum MarkupParser {
  enum Dialect {
    /// XML, strict: malformed input, entity declarations and deep nesting are errors.
    case xml
    /// HTML through libxml2's forgiving HTML parser.
    case html
  }

  /// Parses `file` and calls `body` for each event in document order.
  static func parse(
    _ file: SourceFile, as dialect: Dialect,
    _ body: (borrowing MarkupEvent) throws(FormatError) -> Void
  ) throws(FormatError) {
    try withoutActuallyEscaping(body) { (escapable) throws(FormatError) -> Void in
      let state = ParseState(file: file, dialect: dialect, body: escapable)
      let context = Unmanaged.passUnretained(state).toOpaque()
      var error = cxml2_error()
      let base = file.textStart
      let count = file.bytes.count - base
      let status = file.bytes.withUnsafeBufferPointer { all -> Int32 in
        let start = all.baseAddress.map { $0 + base }
        switch dialect {
        case .xml:
          return cxml2_parse_xml(start, Int64(count), markupCallback, context, &error)
        case .html:
          return cxml2_parse_html(start, Int64(count), markupCallback, context, &error)
        }
      }
      withExtendedLifetime(state) {}
      if let thrown = state.thrown { throw thrown }
      if status == 1 {
        let message = withUnsafeBytes(of: error.message) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let offset = min(file.bytes.count, base + Int(clamping: error.offset))
        throw FormatError(message.isEmpty ? "malformed markup" : message, offset: offset)
      }
    }
  }
}

/// What the C callback needs: the file, the handler and where the last event ended.
private final class ParseState {
  let file: SourceFile
  let dialect: MarkupParser.Dialect
  let body: (borrowing MarkupEvent) throws(FormatError) -> Void
  var thrown: FormatError?
  /// Where the last event's original bytes end.
  var consumed: Int
  /// The end of the last start tag when it was an empty-element tag (`<x/>`).
  var emptyElementEnd: Int?

  init(
    file: SourceFile, dialect: MarkupParser.Dialect,
    body: @escaping (borrowing MarkupEvent) throws(FormatError) -> Void
  ) {
    self.file = file
    self.dialect = dialect
    self.body = body
    self.consumed = file.textStart
  }

  func handle(_ raw: UnsafePointer<cxml2_event>) -> Int32 {
    let event = raw.pointee
    let bytes = file.bytes
    let position = min(bytes.count, max(consumed, file.textStart + Int(clamping: event.position)))
    let name = event.name.map { String(cString: $0) } ?? ""
    let text =
      event.text.map { UnsafeBufferPointer(start: $0, count: Int(max(0, event.text_length))) }
      ?? UnsafeBufferPointer(start: nil, count: 0)
    var out = MarkupEvent(
      kind: .text, name: name, attributes: [], text: text, range: position..<position,
      contentRange: position..<position)
    if let uri = event.namespace_uri { out.namespace = String(cString: uri) }
    switch event.kind {
    case Int32(CXML2_START):
      out.kind = .start
      var attributes: [(name: String, value: String)] = []
      attributes.reserveCapacity(Int(event.attribute_count))
      for index in 0..<Int(max(0, event.attribute_count)) {
        guard let namePointer = event.attribute_names?[index] else { continue }
        let length = Int(event.attribute_value_lengths?[index] ?? 0)
        var value =
          event.attribute_values?[index].map {
            String(decoding: UnsafeBufferPointer(start: $0, count: max(0, length)), as: UTF8.self)
          } ?? ""
        // Without entity substitution libxml2 keeps an escaped `&` as `&#38;` in values;
        // a raw `&` cannot stand in XML, so every `&#38;` is one.
        if dialect == .xml && value.utf8.contains(UInt8(ascii: "&")) {
          value = value.replacing("&#38;", with: "&")
        }
        attributes.append((String(cString: namePointer), value))
      }
      out.attributes = attributes
      var end = position
      emptyElementEnd = nil
      if position < bytes.count && bytes[position] == UInt8(ascii: ">") {
        end = position + 1
      } else if position + 1 < bytes.count && bytes[position] == UInt8(ascii: "/")
        && bytes[position + 1] == UInt8(ascii: ">")
      {
        end = position + 2
        emptyElementEnd = end
      }
      let start = tagStart(before: position, name: name) ?? position
      out.range = start..<end
      out.contentRange = end..<end
      consumed = max(consumed, end)
    case Int32(CXML2_END):
      out.kind = .end
      if let empty = emptyElementEnd, empty == position {
        out.range = position..<position
      } else if position >= 1 && bytes[position - 1] == UInt8(ascii: ">"),
        let start = endTagStart(before: position)
      {
        out.range = start..<position
      }
      emptyElementEnd = nil
      consumed = max(consumed, position)
    case Int32(CXML2_TEXT), Int32(CXML2_CDATA):
      out.kind = event.kind == Int32(CXML2_TEXT) ? .text : .cdata
      if event.text_offset >= 0 {
        var start = min(bytes.count, file.textStart + Int(clamping: event.text_offset))
        let end = min(bytes.count, start + text.count)
        // A CR that XML dropped from a CR LF belongs to this text (its LF maps to both).
        if start > consumed && bytes[consumed..<start].allSatisfy({ $0 == 0x0D }) {
          start = consumed
        }
        out.range = start..<end
        out.contentRange = out.range
        consumed = max(consumed, end)
        break
      }
      out.range = consumed..<position
      out.contentRange = out.range
      if out.kind == .cdata, let open = cdataStart(in: consumed..<position),
        position - 3 >= open + 9
      {
        out.range = open..<position
        out.contentRange = (open + 9)..<(position - 3)
      }
      emptyElementEnd = nil
      consumed = position
    default:
      out.kind = event.kind == Int32(CXML2_COMMENT) ? .comment : .instruction
      out.range = consumed..<position
      emptyElementEnd = nil
      consumed = position
    }
    do throws(FormatError) {
      try body(out)
    } catch {
      thrown = error
      return 1
    }
    return 0
  }

  /// The `<` that opens the start tag whose attributes end at `position`. XML attribute
  /// values cannot hold `<`, so it is the last one; HTML ones can, so the name must follow.
  private func tagStart(before position: Int, name: String) -> Int? {
    let bytes = file.bytes
    let nameBytes = Array(name.utf8)
    var index = min(position, bytes.count) - 1
    let floor = file.textStart
    while index >= floor {
      if bytes[index] == UInt8(ascii: "<") {
        if dialect == .xml { return index }
        if matchesName(nameBytes, at: index + 1) { return index }
      }
      index -= 1
    }
    return nil
  }

  private func matchesName(_ name: [UInt8], at index: Int) -> Bool {
    let bytes = file.bytes
    guard index + name.count <= bytes.count else { return false }
    for (offset, byte) in name.enumerated() {
      let b = bytes[index + offset]
      let lower = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
      if lower != byte && b != byte { return false }
    }
    let after = index + name.count
    guard after < bytes.count else { return true }
    let next = bytes[after]
    return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x0C
      || next == UInt8(ascii: "/") || next == UInt8(ascii: ">")
  }

  private func endTagStart(before position: Int) -> Int? {
    let bytes = file.bytes
    var index = position - 2
    while index > file.textStart {
      if bytes[index] == UInt8(ascii: "<") {
        return bytes[index + 1] == UInt8(ascii: "/") ? index : nil
      }
      index -= 1
    }
    return nil
  }

  private func cdataStart(in range: Range<Int>) -> Int? {
    let marker = Array("<![CDATA[".utf8)
    let bytes = file.bytes
    guard range.count >= marker.count + 3 else { return nil }
    if bytes[range.lowerBound..<(range.lowerBound + marker.count)].elementsEqual(marker) {
      return range.lowerBound
    }
    return nil
  }
}

private let markupCallback: cxml2_callback = { context, event in
  guard let context, let event else { return 1 }
  return Unmanaged<ParseState>.fromOpaque(context).takeUnretainedValue().handle(event)
}

extension MarkupParser {
  /// The original byte range of each attribute value in a start tag (`range`), by name,
  /// lowercased, the quotes excluded; the first of a repeated name wins, as in libxml2.
  static func attributeValueRanges(in bytes: [UInt8], tag range: Range<Int>) -> [String: Range<Int>]
  {
    var result: [String: Range<Int>] = [:]
    var index = range.lowerBound + 1
    let end = range.upperBound
    func isSpace(_ b: UInt8) -> Bool {
      b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
    }
    // Skip the element name.
    while index < end && !isSpace(bytes[index]) && bytes[index] != UInt8(ascii: ">")
      && bytes[index] != UInt8(ascii: "/")
    {
      index += 1
    }
    while index < end {
      while index < end && (isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/")) {
        index += 1
      }
      guard index < end, bytes[index] != UInt8(ascii: ">") else { break }
      let nameStart = index
      while index < end && !isSpace(bytes[index]) && bytes[index] != UInt8(ascii: "=")
        && bytes[index] != UInt8(ascii: ">")
      {
        index += 1
      }
      let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
      while index < end && isSpace(bytes[index]) { index += 1 }
      guard index < end, bytes[index] == UInt8(ascii: "=") else {
        if result[name] == nil { result[name] = index..<index }
        continue
      }
      index += 1
      while index < end && isSpace(bytes[index]) { index += 1 }
      guard index < end else { break }
      let quote = bytes[index]
      var valueRange: Range<Int>
      if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        let valueStart = index + 1
        index = valueStart
        while index < end && bytes[index] != quote { index += 1 }
        valueRange = valueStart..<index
        index += 1
      } else {
        let valueStart = index
        while index < end && !isSpace(bytes[index]) && bytes[index] != UInt8(ascii: ">") {
          index += 1
        }
        valueRange = valueStart..<index
      }
      if result[name] == nil { result[name] = valueRange }
    }
    return result
  }
}
