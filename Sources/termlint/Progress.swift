import Foundation
import Synchronization

/// A progress line on standard error while many files are linted: shown only on a
/// terminal, never with --quiet or in CI (the CI environment variable), redrawn at most ten
/// times a second and erased when done, so it never mixes with the report on stdout.
final class Progress: Sendable {
  private let total: Int
  private let enabled: Bool
  private let done = Atomic<Int>(0)
  private let lastDraw = Atomic<UInt64>(0)
  private let drawing = Mutex<Bool>(false)

  /// Files below this count finish too fast for a progress line to help.
  static let minimumFiles = 50

  init(total: Int, quiet: Bool) {
    self.total = total
    let environment = ProcessInfo.processInfo.environment
    let inCI = environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false
    enabled =
      total >= Self.minimumFiles && !quiet && !inCI && isatty(STDERR_FILENO) != 0
      && environment["TERM"] != "dumb"
  }

  /// Records one finished file; redraws when 100 ms have passed since the last draw.
  func advance() {
    guard enabled else { return }
    let count = done.add(1, ordering: .relaxed).newValue
    let now = DispatchTime.now().uptimeNanoseconds
    let last = lastDraw.load(ordering: .relaxed)
    guard now &- last >= 100_000_000 || count == total else { return }
    guard lastDraw.compareExchange(expected: last, desired: now, ordering: .relaxed).exchanged
    else { return }
    drawing.withLock { _ in
      let percent = total > 0 ? count * 100 / total : 100
      FileHandle.standardError.write(
        Data("\r\u{1B}[Ktermlint: \(count)/\(total) files (\(percent)%)".utf8))
    }
  }

  /// Runs `body`, which writes to standard output, with the progress line erased when both
  /// go to the same terminal; the next redraw brings the line back.
  func erased(_ body: () -> Void) {
    guard enabled && isatty(STDOUT_FILENO) != 0 else { return body() }
    drawing.withLock { _ in
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
      body()
    }
  }

  /// Erases the progress line.
  func finish() {
    guard enabled else { return }
    drawing.withLock { _ in FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
