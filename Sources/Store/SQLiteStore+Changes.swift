/// Noticing what other connections wrote.
extension SQLiteStore {
    /// A number that changes whenever another connection (another process, or this process's journal) has
    /// committed to the file since this connection last looked (`PRAGMA data_version`); cheap enough to poll.
    public func changeCounter() throws -> Int {
        try locked { db in try db.scalarInt("PRAGMA data_version") }
    }
}
