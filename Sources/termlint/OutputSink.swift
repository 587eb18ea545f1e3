import ArgumentParser
import Foundation

/// Standard output for a streamed report: buffered (flushed at 64 KB, or after every
/// write on a terminal), written with `write(2)` so a short write or an interrupted call
/// loses nothing, and kept clear of the progress line. A failed write (a closed pipe, a full
/// disk) stops the output and is reported by `close`.
final class OutputSink {
  private var buffer: [UInt8] = []
  private let progress: Progress
  private let interactive = isatty(STDOUT_FILENO) != 0
  private var failure: Int32?

  static let capacity = 64 * 1024

  init(progress: Progress) {
    self.progress = progress
    buffer.reserveCapacity(Self.capacity)
  }

  /// Buffers `text`, writing out every full 64 KB: a large piece is never copied whole.
  func write(_ text: String) {
    guard failure == nil else { return }
    var text = text
    text.withUTF8 { append($0) }
    if interactive { flush() }
  }

  /// Buffers `bytes` as `write` buffers text.
  func writeBytes(_ bytes: [UInt8]) {
    guard failure == nil else { return }
    bytes.withUnsafeBufferPointer { append($0) }
    if interactive { flush() }
  }

  private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    var start = 0
    while start < bytes.count && failure == nil {
      let end = min(bytes.count, start + max(Self.capacity - buffer.count, 1))
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
      start = end
      if buffer.count >= Self.capacity { flush() }
    }
  }

  /// Writes what is buffered.
  func flush() {
    guard !buffer.isEmpty, failure == nil else { return }
    progress.erased {
      buffer.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let written = Foundation.write(
            STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
          if written < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          offset += written
        }
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes; throws exit status 2 when the output could not be written.
  func close() throws {
    flush()
    if let failure {
      printError("termlint: error: cannot write the report: \(String(cString: strerror(failure)))")
      throw ExitCode(Status.error)
    }
  }
}
