import Foundation
import Glibc
import SegmentSupport
import Testing

@Suite("the one system-call layer")
struct SyscallTests {
    @Test("a failed call throws an Errno naming the call, the path and the code")
    func failureCarriesTheCall() {
        let path = "/nonexistent-\(UUID().uuidString)/x"
        do {
            _ = try Syscall.lstat(path)
            Issue.record("lstat of a missing path succeeded")
        } catch {
            #expect(error.code == ENOENT && error.operation == "lstat" && error.path == path)
            #expect(error.description == "lstat of '\(path)' failed: No such file or directory (errno 2)")
        }
    }

    @Test("out of space means a full filesystem or an exhausted quota, nothing else")
    func outOfSpace() {
        #expect(Errno(ENOSPC).isOutOfSpace && Errno(EDQUOT).isOutOfSpace)
        #expect(!Errno(EIO).isOutOfSpace && !Errno(EROFS).isOutOfSpace)
        #expect(Errno(EROFS).isNotWritable && !Errno(ENOSPC).isNotWritable)
    }

    @Test("a fault rule fails the named call on matching paths only, and only while it is in force")
    func faultInjection() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("syscall-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/f"
        let rule = SyscallFaults.Rule(operation: "open", pathContaining: directory, code: EDQUOT)
        SyscallFaults.with(rule) {
            #expect(throws: Errno(EDQUOT, operation: "open", path: path)) {
                try Syscall.open(path, O_WRONLY | O_CREAT)
            }
            #expect((try? Syscall.lstatIfPresent(path)) == .some(nil), "another call on the path is not touched")
            #expect((try? Syscall.open("/dev/null", O_RDONLY)).map(Syscall.close) != nil, "nor another path")
        }
        #expect((try? Syscall.open(path, O_WRONLY | O_CREAT)).map(Syscall.close) != nil, "the rule is gone after it")
    }

    @Test("O_DIRECT and F_SETLEASE come from the system headers through the C shim")
    func constantsFromTheShim() {
        #expect(Syscall.setLeaseCommand == 1024)  // F_LINUX_SPECIFIC_BASE + 0 on every architecture
        #if arch(x86_64)
            #expect(Syscall.directIOFlag == 0o40000)
        #elseif arch(arm64)
            #expect(Syscall.directIOFlag == 0o200000)
        #endif
    }
}
