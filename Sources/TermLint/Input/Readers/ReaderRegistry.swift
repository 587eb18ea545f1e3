// Input stage: which reader takes the text out of which format.

/// The format readers, by format. Plain text has none: a plain file is its own extraction.
public enum ReaderRegistry {
  // Markup and bilingual XML (libxml2): XLIFF, TMX, HTML.
  static var xmlReaders: [any FormatReader.Type] {
    [XLIFFReader.self, TMXReader.self, HTMLReader.self]
  }

  // Readers of their own: Markdown, PO, SRT, WebVTT.
  static var textReaders: [any FormatReader.Type] {
    [MarkdownReader.self, POReader.self, SRTReader.self, VTTReader.self]
  }

  /// The reader of `format`, or nil for plain text.
  public static func reader(for format: FileFormat) -> (any FormatReader.Type)? {
    (xmlReaders + textReaders).first { $0.format == format }
  }
}
