import Foundation
import Glibc
import SegmentSupport
import Testing

@Suite("FileSHA256")
struct FileSHA256Tests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "a file's digest and size match the standard SHA-256 vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ])
    func vectors(text: String, hex: String) throws {
        let path = try Self.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try FileSHA256.digest(path: path) == .init(sha256: hex, size: Int64(text.utf8.count)))
    }

    @Test("a file longer than one read chunk is hashed whole (one million 'a')")
    func manyChunks() throws {
        let path = try Self.temporaryFile([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let digest = try FileSHA256.digest(path: path)
        #expect(digest.sha256 == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(digest.size == 1_000_000)
    }

    @Test("a descriptor is hashed from its current offset and left open")
    func fromOffset() throws {
        let path = try Self.temporaryFile(Array("xyabc".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        #expect(lseek(descriptor, 2, SEEK_SET) == 2)
        let digest = try FileSHA256.digest(reading: descriptor, path: path)
        #expect(digest.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.size == 3)
        #expect(lseek(descriptor, 0, SEEK_CUR) == 5)
    }

    @Test("a missing file fails with the open call, its path and errno")
    func missing() {
        let path = "/nonexistent-\(UUID().uuidString)"
        #expect(throws: Errno.self) { try FileSHA256.digest(path: path) }
        do {
            _ = try FileSHA256.digest(path: path)
        } catch {
            #expect(error.operation == "open" && error.path == path && error.code == ENOENT)
            #expect(error.description.contains("No such file or directory"))
        }
    }

    @Test("hex is two lowercase digits per byte")
    func hex() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
