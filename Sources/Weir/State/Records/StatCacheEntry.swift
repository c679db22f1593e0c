/// What content hashing remembers about a file: if device, inode, size and modification time are
/// unchanged, the file's SHA-256 is too, and the file is not read again.
public struct StatCacheEntry: Sendable, Hashable, Codable {
    /// Project-relative path.
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var mtimeNanoseconds: Int64
    /// Lowercase hex SHA-256 of the content.
    public var sha256: String

    public init(path: String, device: UInt64, inode: UInt64, size: Int64, mtimeNanoseconds: Int64, sha256: String) {
        self.path = path
        self.device = device
        self.inode = inode
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.sha256 = sha256
    }
}
