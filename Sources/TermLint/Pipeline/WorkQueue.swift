// Pipeline: running work on several threads with output in input order.

import Dispatch
import Foundation
import GlossaryModel
import Synchronization

extension Runner {
  /// Every core the machine has.
  public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Runs `work` for 0..<count on at most `jobs` threads; each takes the next index when
  /// it is free, so a slow file does not hold up the others. Results go to slots by index,
  /// so the order of completion never shows in the output.
  public static func perform(_ count: Int, jobs: Int, _ work: @Sendable (Int) -> Void) {
    let workers = min(max(jobs, 1), count)
    guard workers > 1 else {
      for index in 0..<count { work(index) }
      return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        if index >= count { return }
        work(index)
      }
    }
  }
}

/// Result slots written by parallel iterations, each index by exactly one of them. Writes
/// take a lock: even writes to distinct indices must not race on the array's storage.
final class Slots<Value: Sendable>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  subscript(index: Int) -> Value? {
    get { lock.withLock { storage[index] } }
    set { lock.withLock { storage[index] = newValue } }
  }

  var values: [Value?] { lock.withLock { storage } }
}

/// Results of parallel workers put back in index order: `deliver` stores a result and emits
/// every result from the next expected index on; a file linted in sections delivers several,
/// the last one `final`. Emitting happens under the lock, one result at a time.
/// `waitForRoom` keeps workers from running more than `window` files ahead of the oldest
/// one not yet emitted.
final class OrderedQueue<Piece: Sendable>: @unchecked Sendable {
  enum Result {
    case piece(Piece)
    case binary(String)
    case problem(TermLintError)
  }

  private let condition = NSCondition()
  private let room: DispatchSemaphore
  private var pending: [Int: [Result]] = [:]
  private var finished: Set<Int> = []
  private var nextIndex = 0
  private let emit: (Piece) -> Void
  private var collected = Runner.StreamOutcome()

  init(window: Int, emit: @escaping (Piece) -> Void) {
    room = DispatchSemaphore(value: max(window, 1))
    self.emit = emit
  }

  func waitForRoom() { room.wait() }
  func giveBackRoom() { room.signal() }

  /// Stores `result` (if any) for `index`; `final` says the file has no more to deliver.
  func deliver(_ index: Int, _ result: Result?, final: Bool = true) {
    condition.lock()
    defer { condition.unlock() }
    if let result { pending[index, default: []].append(result) }
    if final { finished.insert(index) }
    var advanced = false
    while true {
      for ready in pending.removeValue(forKey: nextIndex) ?? [] {
        switch ready {
        case .piece(let piece): emit(piece)
        case .binary(let path): collected.skippedBinary.append(path)
        case .problem(let problem): collected.problems.append(problem)
        }
      }
      guard finished.remove(nextIndex) != nil else { break }
      nextIndex += 1
      advanced = true
      room.signal()
    }
    if advanced { condition.broadcast() }
  }

  /// Waits until every file before `index` has been emitted.
  func waitUntilHead(_ index: Int) {
    condition.lock()
    while nextIndex < index { condition.wait() }
    condition.unlock()
  }

  var outcome: Runner.StreamOutcome {
    condition.lock()
    defer { condition.unlock() }
    return collected
  }
}
