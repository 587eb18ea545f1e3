import Synchronization

// Match stage: objects made on first use, one per index, shared by every thread.
//
// Takes: a count. Gives: for each index, the object the first caller made, published with
// an atomic compare-and-swap: a read of a made slot is one atomic load, with no lock (a
// lock on every term read was shared by every worker thread at every match).

/// Slots of objects made on first use; two threads that make the same slot at once both
/// get the first one stored.
final class LazySlots<Value: AnyObject & Sendable>: @unchecked Sendable {
  // Sendable: each slot is an atomic pointer, written once from nil. A slot holds a
  // retained reference to its object (released with the slots). Not `AtomicLazyReference`:
  // its `load` was not inlined, so every read looked up the slot type's metadata.
  private let slots: UnsafeMutablePointer<Atomic<UnsafeRawPointer?>>
  let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: max(count, 1))
    for index in 0..<count { (slots + index).initialize(to: Atomic(nil)) }
  }

  deinit {
    for index in 0..<count {
      if let made = slots[index].load(ordering: .acquiring) {
        Unmanaged<Value>.fromOpaque(made).release()
      }
    }
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  /// The object at `index`, made by `make` (outside any lock) unless a caller made it.
  @inline(__always)
  func value(_ index: Int, make: () -> Value) -> Value {
    precondition(index >= 0 && index < count, "slot index out of range")
    if let made = slots[index].load(ordering: .acquiring) {
      return Unmanaged<Value>.fromOpaque(made).takeUnretainedValue()
    }
    let made = Unmanaged.passRetained(make())
    let (stored, first) = slots[index].compareExchange(
      expected: nil, desired: UnsafeRawPointer(made.toOpaque()), ordering: .acquiringAndReleasing)
    if stored { return made.takeUnretainedValue() }
    made.release()
    guard let first else { preconditionFailure("a slot's compare-and-swap lost to nothing") }
    return Unmanaged<Value>.fromOpaque(first).takeUnretainedValue()
  }
}
