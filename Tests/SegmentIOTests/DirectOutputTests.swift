import Foundation
import SegmentSupport
import Synchronization
import Testing
@testable import SegmentIO

@Suite("Direct output")
struct DirectOutputTests {
    /// Deterministic bytes, so a misplaced block shows as different content.
    private func pattern(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    private func writeDirect(_ bytes: [UInt8], pieces: [Int], to path: String) throws {
        let file = try DurableOutput(path: path, durable: true, exclusive: false, inputBytes: 0)
        var offset = 0
        var next = 0
        while offset < bytes.count {
            let length = min(pieces[next % pieces.count], bytes.count - offset)
            next += 1
            try bytes[offset..<offset + length].withUnsafeBytes { try file.write($0) }
            offset += length
        }
        try file.finish()
    }

    @Test(arguments: [0, 1, 4095, DirectWriteBehind.blockBytes, 3 * DirectWriteBehind.blockBytes + 17, 7_654_321])
    func bytesWrittenInPiecesOfAnySizeReachTheFileUnchanged(size: Int) throws {
        let directory = TemporaryDirectory()
        let path = directory.path("out.csv")
        let bytes = pattern(size)
        try writeDirect(bytes, pieces: [1, 4096, 333_333, DirectWriteBehind.blockBytes + 5, 70_001], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
    }

    @Test("segmentd score's output: O_DIRECT without fsync, the same bytes; a device is written the ordinary way")
    func directOutputThatIsNotDurable() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("out.csv")
        let bytes = pattern(3 * DirectWriteBehind.blockBytes + 17)
        let file = try DurableOutput(path: path, durable: false, direct: true, exclusive: false, inputBytes: 0)
        #expect(file.mode == .directNotFlushed)
        var offset = 0
        while offset < bytes.count {
            let length = min(333_333, bytes.count - offset)
            try bytes[offset..<offset + length].withUnsafeBytes { try file.write($0) }
            offset += length
        }
        try file.finish()
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        let device = try DurableOutput(path: "/dev/null", durable: false, direct: true, exclusive: false, inputBytes: 0)
        #expect(device.mode == .ordinary)
        try device.write(Array("x".utf8))
        try device.finish()
    }

    @Test("a small input's output, durable or not, is written through the page cache: no O_DIRECT, no writer thread")
    func smallInputsAreWrittenThroughThePageCache() throws {
        let directory = TemporaryDirectory()
        let small = DurableOutput.directInputThreshold - 1
        let bytes = pattern(70_000)
        for (name, durable, expected) in [
            ("durable.csv", true, DurableOutput.Mode.buffered), ("score.csv", false, .ordinary),
        ] {
            let path = directory.path(name)
            let file = try DurableOutput(path: path, durable: durable, direct: true, exclusive: true, inputBytes: small)
            #expect(file.mode == expected)
            let flags = try Syscall.statusFlags(file.descriptor, path: path)
            #expect(flags & Syscall.directIOFlag == 0)
            try bytes.withUnsafeBytes { try file.write($0) }
            try file.finish()
            #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        }
        let large = try DurableOutput(
            path: directory.path("large.csv"), durable: true, exclusive: true,
            inputBytes: DurableOutput.directInputThreshold)
        #expect(large.mode == .direct)
    }

    @Test func bytesWrittenAfterFinishFollowTheDirectPart() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("out.csv")
        let head = pattern(DirectWriteBehind.blockBytes + DirectWriteBehind.blockBytes / 2)
        let file = try DurableOutput(path: path, durable: true, exclusive: false, inputBytes: 0)
        try head.withUnsafeBytes { try file.write($0) }
        try file.finish()
        try file.write(Array("tail\n".utf8))
        #expect(FileManager.default.contents(atPath: path) == Data(head + Array("tail\n".utf8)))
    }

    @Test func aFailedWriteOnTheWriterThreadIsThrownToTheCaller() throws {
        let descriptor = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let writer = DirectWriteBehind(descriptor: descriptor, path: "/dev/full")
        let bytes = pattern(4 * DirectWriteBehind.blockBytes)
        let error = recordError {
            try bytes.withUnsafeBytes { try writer.append($0) }
            try writer.finish()
        }
        #expect(error?.code == .ioFailure)
        #expect(error?.message.contains("/dev/full") == true)
    }

    @Test func anAbandonedWriterStopsItsThreadAndIsReleased() async throws {
        let directory = TemporaryDirectory()
        let descriptor = open(
            directory.path("abandoned.csv"), O_WRONLY | O_CREAT | O_CLOEXEC | Syscall.directIOFlag, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        weak var released: DirectWriteBehind?
        do {
            let writer = DirectWriteBehind(descriptor: descriptor, path: "abandoned.csv")
            released = writer
            try pattern(2 * DirectWriteBehind.blockBytes + 10).withUnsafeBytes { try writer.append($0) }
            writer.stopWriter()
        }
        for _ in 0..<100 where released != nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(released == nil)
        #expect(lseek(descriptor, 0, SEEK_END) == off_t(2 * DirectWriteBehind.blockBytes))
    }

    @Test func aFileThatRefusesDirectWritesIsWrittenTheOrdinaryWay() throws {
        // /dev/full refuses O_DIRECT, so the file is opened for ordinary writes, whose error names the disk.
        let file = try DurableOutput(path: "/dev/full", durable: true, exclusive: false, inputBytes: 1 << 30)
        #expect(file.mode == .buffered)
        let error = recordError { try file.write(Array("a,b\n".utf8)) }
        #expect(error?.code == .ioFailure)
        #expect(error?.message.contains("disk space") == true)
        #expect(error?.cause?.code == ENOSPC && error?.cause?.isOutOfSpace == true)
    }

    @Test func scoringWithDirectOutputGivesTheSameFile() throws {
        var text = "ID,a,b\n"
        for row in 0..<60_000 { text += "c\(row),\(row % 97),\(Double(row) / 7)\n" }
        var direct = ScoreOptions(chunkBytes: 64 << 10)
        direct.durableOutput = true
        let plain = try scoreText(text, options: ScoreOptions(chunkBytes: 64 << 10))
        let viaDirect = try scoreText(text, options: direct)
        #expect(plain.output.utf8.count > 2 * DirectWriteBehind.blockBytes)
        #expect(viaDirect.output == plain.output)
        #expect(viaDirect.summary.rowsRead == 60_000)
    }

    /// Whether the filesystem of the temporary directory takes `O_DIRECT` (ext4, xfs and tmpfs on recent kernels do).
    static let temporaryDirectoryTakesDirectIO: Bool = {
        let directory = TemporaryDirectory()
        let descriptor = open(directory.path("probe"), O_WRONLY | O_CREAT | O_CLOEXEC | Syscall.directIOFlag, 0o644)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }()

    @Test(
        "a durable output is written with O_DIRECT where the filesystem takes it, as /proc/self/fdinfo shows",
        .enabled(if: temporaryDirectoryTakesDirectIO, "the temporary directory's filesystem refuses O_DIRECT"))
    func durableOutputIsOpenedWithDirectIO() throws {
        var text = "ID,a,b\n"
        for row in 0..<60_000 { text += "c\(row),\(row % 97),\(Double(row) / 7)\n" }
        #expect(text.utf8.count > DurableOutput.directInputThreshold, "large enough for O_DIRECT")
        var durable = ScoreOptions(chunkBytes: 64 << 10, progressIntervalBytes: 1)
        durable.durableOutput = true
        #expect(try outputFlagsWhileScoring(text, options: durable).allSatisfy { $0 & Syscall.directIOFlag != 0 })
        let ordinary = try outputFlagsWhileScoring(
            text, options: ScoreOptions(chunkBytes: 64 << 10, progressIntervalBytes: 1))
        #expect(ordinary.allSatisfy { $0 & Syscall.directIOFlag == 0 })
        let directory = TemporaryDirectory()
        let output = try DurableOutput(
            path: directory.path("out.csv"), durable: true, exclusive: true, inputBytes: 1 << 30)
        #expect(output.mode == .direct)
    }

    /// Scores `text` and returns the open flags of the output's descriptor at each progress report (the output is
    /// open then), read from /proc/self/fdinfo; fails when no report found it.
    private func outputFlagsWhileScoring(_ text: String, options: ScoreOptions) throws -> [Int32] {
        let directory = TemporaryDirectory()
        let input = directory.file("input.csv", text)
        let output = URL(fileURLWithPath: directory.path("output.csv")).resolvingSymlinksInPath().path
        let seen = Mutex<[Int32]>([])
        _ = try FileScorer.score(
            input: input, output: output, rejects: directory.path("rejects.csv"), scorer: TwoPointScorer(),
            options: options,
            progress: { _ in
                if let flags = Self.openFlags(of: output) { seen.withLock { $0.append(flags) } }
            })
        let flags = seen.withLock { $0 }
        #expect(flags.count >= 2, "the output was seen open at several progress reports")
        return flags
    }

    /// The `flags:` line of /proc/self/fdinfo (octal) for the descriptor open on `path`, nil when none is.
    static func openFlags(of path: String) -> Int32? {
        let manager = FileManager.default
        guard let descriptors = try? manager.contentsOfDirectory(atPath: "/proc/self/fd") else { return nil }
        for descriptor in descriptors {
            guard (try? manager.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")) == path,
                let info = try? String(contentsOfFile: "/proc/self/fdinfo/\(descriptor)", encoding: .utf8)
            else { continue }
            for line in info.split(separator: "\n") where line.hasPrefix("flags:") {
                return Int32(line.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces), radix: 8)
            }
        }
        return nil
    }
}
