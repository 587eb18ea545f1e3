// Markdown link syntax: labels, destinations, titles and reference definitions
// (CommonMark), autolinks `<…>`, and bare URLs (http://, https://, www.).

private let backslash: UInt8 = 0x5C
private let newline: UInt8 = 0x0A

extension MarkdownInlineParser {
  static func normalize(_ label: String) -> String {
    label.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
      .lowercased()
  }

  static func label(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
    guard start < text.count, text[start] == UInt8(ascii: "[") else { return nil }
    var index = start + 1
    while index < text.count && index - start <= 1000 {
      let byte = text[index]
      if byte == backslash && index + 1 < text.count
        && MarkdownBytes.isASCIIPunctuation(text[index + 1])
      {
        index += 2
        continue
      }
      if byte == UInt8(ascii: "[") { return nil }
      if byte == UInt8(ascii: "]") {
        let raw = String(
          decoding: UnsafeBufferPointer(rebasing: text[start + 1..<index]), as: UTF8.self)
        return (normalize(raw), index + 1)
      }
      index += 1
    }
    return nil
  }

  static func skipBlanks(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
    var lineBreaks = 0
    while index < text.count && MarkdownBytes.isBlank(text[index]) {
      if text[index] == newline {
        lineBreaks += 1
        if lineBreaks > 1 { return }
      }
      index += 1
    }
  }

  static func destinationEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start
    guard index < text.count else { return nil }
    if text[index] == UInt8(ascii: "<") {
      index += 1
      while index < text.count {
        let byte = text[index]
        if byte == backslash && index + 1 < text.count
          && MarkdownBytes.isASCIIPunctuation(text[index + 1])
        {
          index += 2
          continue
        }
        if byte == newline || byte == UInt8(ascii: "<") { return nil }
        if byte == UInt8(ascii: ">") { return index + 1 }
        index += 1
      }
      return nil
    }
    var depth = 0
    while index < text.count {
      let byte = text[index]
      if byte == backslash && index + 1 < text.count
        && MarkdownBytes.isASCIIPunctuation(text[index + 1])
      {
        index += 2
        continue
      }
      if byte <= 0x20 || byte == 0x7F { break }
      if byte == UInt8(ascii: "(") {
        depth += 1
        if depth > 32 { return nil }
      } else if byte == UInt8(ascii: ")") {
        if depth == 0 { break }
        depth -= 1
      }
      index += 1
    }
    guard index > start, depth == 0 else { return nil }
    return index
  }

  static func titleEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard start < text.count else { return nil }
    let open = text[start]
    let close: UInt8
    switch open {
    case UInt8(ascii: "\""), UInt8(ascii: "'"): close = open
    case UInt8(ascii: "("): close = UInt8(ascii: ")")
    default: return nil
    }
    var index = start + 1
    while index < text.count {
      let byte = text[index]
      if byte == backslash && index + 1 < text.count
        && MarkdownBytes.isASCIIPunctuation(text[index + 1])
      {
        index += 2
        continue
      }
      if byte == close { return index + 1 }
      if open == UInt8(ascii: "(") && byte == UInt8(ascii: "(") { return nil }
      index += 1
    }
    return nil
  }

  /// A link reference definition at `start` of a paragraph's content: its normalized label
  /// and where it ends (at a line break or the end of the content).
  static func referenceDefinition(in content: MarkdownContent, at start: Int) -> (String, Int)? {
    content.text.withUnsafeBufferPointer { text -> (String, Int)? in
      guard let (label, afterLabel) = Self.label(text, from: start),
        !label.isEmpty, afterLabel < text.count, text[afterLabel] == UInt8(ascii: ":")
      else { return nil }
      var index = afterLabel + 1
      skipBlanks(text, &index)
      guard let destination = destinationEnd(text, from: index) else { return nil }
      var afterDestination = destination
      while afterDestination < text.count
        && (text[afterDestination] == 0x20 || text[afterDestination] == 0x09)
      {
        afterDestination += 1
      }
      let endsLine = afterDestination == text.count || text[afterDestination] == newline
      // An optional title, after a blank.
      var titleStart = destination
      skipBlanks(text, &titleStart)
      if titleStart > destination, let title = titleEnd(text, from: titleStart) {
        var after = title
        while after < text.count && (text[after] == 0x20 || text[after] == 0x09) { after += 1 }
        if after == text.count || text[after] == newline { return (label, after) }
      }
      return endsLine ? (label, afterDestination) : nil
    }
  }

  static func autolinkEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start + 1
    let end = text.count
    // A URI: scheme of 2 to 32 characters, a colon, no blank, < or >.
    if index < end && MarkdownBytes.isLetter(text[index]) {
      var scheme = index + 1
      while scheme < end && scheme - index < 33
        && (MarkdownBytes.isLetter(text[scheme]) || MarkdownBytes.isDigit(text[scheme])
          || text[scheme] == UInt8(ascii: "+")
          || text[scheme] == UInt8(ascii: ".") || text[scheme] == UInt8(ascii: "-"))
      {
        scheme += 1
      }
      let length = scheme - index
      if length >= 2 && length <= 32 && scheme < end && text[scheme] == UInt8(ascii: ":") {
        var uri = scheme + 1
        while uri < end {
          let byte = text[uri]
          if byte == UInt8(ascii: ">") { return uri + 1 }
          if byte <= 0x20 || byte == UInt8(ascii: "<") { break }
          uri += 1
        }
      }
    }
    // An email address.
    index = start + 1
    let localStart = index
    while index < end {
      let byte = text[index]
      if MarkdownBytes.isLetter(byte) || MarkdownBytes.isDigit(byte)
        || ".!#$%&'*+/=?^_`{|}~-".utf8.contains(byte)
      {
        index += 1
      } else {
        break
      }
    }
    guard index > localStart, index < end, text[index] == UInt8(ascii: "@") else { return nil }
    index += 1
    var labelLength = 0
    var labels = 0
    while index < end {
      let byte = text[index]
      if MarkdownBytes.isLetter(byte) || MarkdownBytes.isDigit(byte)
        || (byte == UInt8(ascii: "-") && labelLength > 0)
      {
        labelLength += 1
        guard labelLength <= 63 else { return nil }
      } else if byte == UInt8(ascii: ".") && labelLength > 0 {
        labels += 1
        labelLength = 0
      } else if byte == UInt8(ascii: ">") && labelLength > 0 {
        return index + 1
      } else {
        return nil
      }
      index += 1
    }
    return nil
  }

  /// A bare URL (http://, https://, www.) at `start`, or nil.
  static func bareURLEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    // Not inside a word or a longer scheme (more liberal than GFM, as markdown-it's
    // linkify: a URL after a quote or a bracket is skipped too).
    if start > 0 {
      let before = text[start - 1]
      guard
        !(MarkdownBytes.isLetter(before) || MarkdownBytes.isDigit(before)
          || before == UInt8(ascii: ".")
          || before == UInt8(ascii: "+") || before == UInt8(ascii: "-"))
      else { return nil }
    }
    func lowered(_ index: Int) -> UInt8 { index < text.count ? text[index] | 0x20 : 0 }
    func hasPrefix(_ prefix: String) -> Bool {
      var index = start
      for byte in prefix.utf8 {
        guard lowered(index) == byte else { return false }
        index += 1
      }
      return true
    }
    let domainStart: Int
    if hasPrefix("https://") {
      domainStart = start + 8
    } else if hasPrefix("http://") {
      domainStart = start + 7
    } else if hasPrefix("www.") {
      domainStart = start + 4
    } else {
      return nil
    }
    // A domain: labels of letters, digits, _ and -, separated by periods.
    var index = domainStart
    var periods = start + 4 == domainStart ? 1 : 0
    var labelLength = 0
    while index < text.count {
      let byte = text[index]
      if MarkdownBytes.isLetter(byte) || MarkdownBytes.isDigit(byte) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: "_")
        || byte >= 0x80
      {
        labelLength += 1
      } else if byte == UInt8(ascii: ".") && labelLength > 0 && index + 1 < text.count
        && !MarkdownBytes.isBlank(text[index + 1])
      {
        periods += 1
        labelLength = 0
      } else {
        break
      }
      index += 1
    }
    guard labelLength > 0 || index > domainStart, periods >= 1 || start + 4 != domainStart else {
      return nil
    }
    guard index > domainStart else { return nil }
    // The rest up to a blank or <, without trailing punctuation or an unbalanced ).
    while index < text.count && !MarkdownBytes.isBlank(text[index])
      && text[index] != UInt8(ascii: "<")
    {
      index += 1
    }
    var end = index
    while end > domainStart {
      let last = text[end - 1]
      if "?!.,:*_~'\"".utf8.contains(last) {
        end -= 1
      } else if last == UInt8(ascii: ")") {
        var open = 0
        var close = 0
        for k in start..<end {
          if text[k] == UInt8(ascii: "(") {
            open += 1
          } else if text[k] == UInt8(ascii: ")") {
            close += 1
          }
        }
        if close > open { end -= 1 } else { break }
      } else if last == UInt8(ascii: ";") {
        var k = end - 2
        while k > domainStart && (MarkdownBytes.isLetter(text[k]) || MarkdownBytes.isDigit(text[k]))
        { k -= 1 }
        if k < end - 2 && text[k] == UInt8(ascii: "&") { end = k } else { break }
      } else {
        break
      }
    }
    return end > domainStart ? end : nil
  }
}
