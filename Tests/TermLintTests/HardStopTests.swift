import Foundation
import Testing

@testable import TermLint

/// `termlint fix` stopped hard (SIGKILL) at random moments: every file is always its old or
/// its new version, and the temporary files a killed run leaves are removed by the next.
@Suite(.serialized) struct HardStopTests {
  @Test func temporaryFileNamePattern() {
    #expect(TemporaryFiles.isTemporary(".a.txt.termlint-Ab12cZ", of: "a.txt"))
    #expect(!TemporaryFiles.isTemporary(".a.txt.termlint-Ab12c", of: "a.txt"))
    #expect(!TemporaryFiles.isTemporary(".a.txt.termlint-Ab12cZ7", of: "a.txt"))
    #expect(!TemporaryFiles.isTemporary(".a.txt.termlint-Ab-2cZ", of: "a.txt"))
    #expect(!TemporaryFiles.isTemporary(".b.txt.termlint-Ab12cZ", of: "a.txt"))
    #expect(!TemporaryFiles.isTemporary("a.txt.termlint-Ab12cZ", of: "a.txt"))
    #expect(!TemporaryFiles.isTemporary(".a.txt.termlint-Ab12cZ", of: "txt"))
  }

  @Test func onlyStaleTemporaryFilesOfTheFixedFileAreRemoved() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", "the 88th Strategy\n")
    try dir.write("b.txt", "the 88th Strategy\n")
    let stale = try dir.write(".a.txt.termlint-Q1w2E3", "half a file")
    let locked = try dir.write(".a.txt.termlint-Zz9Yy8", "being written")
    let others = [
      ".a.txt.termlint-Q1w2E", ".a.txt.termlint-Q1w2E3x", ".b.txt.termlint-Q1w2E3",
      "a.txt.termlint-Q1w2E3", ".a.txt.termlint-Q1w2-3",
    ]
    for name in others { try dir.write(name, "not ours to remove") }
    // A link with the pattern is not a regular file: left alone.
    symlink(dir.path + "/b.txt", dir.path + "/.a.txt.termlint-Link00")
    // A live writer holds its lock.
    let holder = open(locked, O_RDONLY)
    #expect(holder >= 0)
    #expect(flock(holder, LOCK_EX) == 0)
    defer { close(holder) }
    try AtomicWriter.replace(
      path, expecting: Array("the 88th Strategy\n".utf8),
      with: Array("the Double-Eight Strategy\n".utf8))
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
    #expect(!left.contains(".a.txt.termlint-Q1w2E3"), "the stale one is removed")
    #expect(access(stale, F_OK) != 0)
    #expect(left.contains(".a.txt.termlint-Zz9Yy8"), "a locked one stays")
    #expect(left.contains(".a.txt.termlint-Link00"))
    for name in others { #expect(left.contains(name), "\(name) must stay") }
    #expect(left.filter { $0.contains(".termlint-") }.count == others.count + 2)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "the Double-Eight Strategy\n")
  }

  @Test func killedAtRandomMomentsEveryFileIsOldOrNewAndNoTemporaryFileStays() throws {
    let dir = try TemporaryDirectory()
    let count = 200
    // Files of different sizes, so kills land at different places of a write.
    var old: [String] = []
    var new: [String] = []
    for index in 0..<count {
      let repeats = 5 + (index * 37) % 80
      old.append(String(repeating: "the 88th Strategy and more text \(index). ", count: repeats))
      new.append(
        String(repeating: "the Double-Eight Strategy and more text \(index). ", count: repeats))
    }
    // One large file, fixed section by section (`--section-size`): it is being written at
    // most of the kills.
    let bigOld = (0..<4000).map { "Paragraph \($0): the 88th Strategy, in a sentence.\n\n" }
      .joined()
    let bigNew = bigOld.replacingOccurrences(of: "88th Strategy", with: "Double-Eight Strategy")
    func reset() throws {
      for index in 0..<count { try dir.write("f\(index).txt", old[index]) }
      try dir.write("big.txt", bigOld)
    }
    func startFix() throws -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CLI.binary)
      process.arguments = ["fix", "--no-config", "--quiet", "--section-size", "8192", dir.path]
      var environment = ProcessInfo.processInfo.environment
      environment["XDG_CACHE_HOME"] = CLI.cacheFolder
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    func temporaries() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
        $0.contains(".termlint-")
      }
    }
    try reset()
    var random = SeededRandom(seed: 0x5EED_F1C5)
    let started = Date()
    var kills = 0
    var leftBehind = 0
    var resets = 0
    var whileWriting = 0
    while kills < 30 && Date().timeIntervalSince(started) < 12 {
      let process = try startFix()
      // Start-up (glossary, dictionaries) takes longer than the kill window: wait until the
      // run writes (a temporary file appears), then kill at a random moment soon after.
      let waited = Date()
      while try temporaries().isEmpty && process.isRunning
        && Date().timeIntervalSince(waited) < 5
      {
        usleep(300)
      }
      usleep(UInt32(random.next(below: 200_000)))
      if try !temporaries().isEmpty { whileWriting += 1 }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      kills += 1
      var changed = 0
      for index in 0..<count {
        let text = try String(contentsOfFile: dir.path + "/f\(index).txt", encoding: .utf8)
        #expect(text == old[index] || text == new[index], "f\(index).txt after kill \(kills)")
        if text == new[index] { changed += 1 }
      }
      let big = try String(contentsOfFile: dir.path + "/big.txt", encoding: .utf8)
      #expect(big == bigOld || big == bigNew, "big.txt after kill \(kills)")
      leftBehind = max(leftBehind, try temporaries().count)
      // All fixed: start again from the old files, so later kills land in a fix again.
      if changed == count && big == bigNew {
        try reset()
        resets += 1
      }
    }
    // What a kill between creating and renaming leaves (unlocked, as after SIGKILL), planted
    // for certain beside a few files still to fix, next to whatever the kills left.
    for index in [0, 99, 199] {
      try dir.write("f\(index).txt", old[index])
      try dir.write(".f\(index).txt.termlint-K1ll\(index % 10)x", String(old[index].prefix(100)))
    }
    // A complete run fixes everything and removes what the killed runs left.
    let final = try startFix()
    final.waitUntilExit()
    #expect(final.terminationStatus == 0)
    for index in 0..<count {
      let text = try String(contentsOfFile: dir.path + "/f\(index).txt", encoding: .utf8)
      #expect(text == new[index], "f\(index).txt after the complete run")
    }
    #expect(try String(contentsOfFile: dir.path + "/big.txt", encoding: .utf8) == bigNew)
    #expect(try temporaries() == [])
    #expect(kills >= 10)
    // Most kills land while a file is being written (else this tests nothing).
    #expect(whileWriting * 2 >= kills)
    print(
      "HardStopTests: \(kills) kills (\(whileWriting) while a temporary file existed), "
        + "\(resets) resets, at most \(leftBehind) temporary files left")
  }
}

/// A small deterministic generator (SplitMix64), so a failing run can be repeated.
struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
