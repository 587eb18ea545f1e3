// Markdown: the byte classes CommonMark's inline syntax is defined by (ASCII only).

enum MarkdownBytes {
  /// CommonMark's ASCII punctuation: what a backslash can escape and what flanks emphasis.
  @inline(__always) static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40)
      || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
  }

  @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
  }

  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// Space, tab or line feed.
  @inline(__always) static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A
  }
}
