import Crypto

extension FileSHA256 {
    /// SHA-256 of bytes already in memory (settings texts, configuration fingerprints), in lowercase hex: the one
    /// such helper for the daemon and the scoring host.
    package static func hex(of bytes: some Sequence<UInt8>) -> String {
        Hex.lowercase(SHA256.hash(data: Array(bytes)))
    }
}
