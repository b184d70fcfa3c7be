import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A SwiftNIO HTTP/1.1 listener: binds, hands each connection to `serve` on a task of its own, and on `stop`
/// closes the listener and every open connection, stalled ones included, and waits until all have ended.
///
/// The fixture server and `parley proxy` differ only in what they do with a connection; this is the part they
/// share.
public final class HTTPListener: Sendable {
    public typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private struct State {
        var group: MultiThreadedEventLoopGroup?
        var serverChannel: (any Channel)?
        var acceptTask: Task<Void, Never>?
        var connections: [ObjectIdentifier: any Channel] = [:]
        var stopping = false
    }

    private let serve: @Sendable (Connection) async -> Void
    private let state = Mutex(State())

    public init(serve: @escaping @Sendable (Connection) async -> Void) {
        self.serve = serve
    }

    /// Connections currently open.
    public var openConnectionCount: Int { state.withLock { $0.connections.count } }

    /// True once `stop` began: connections closing now are the listener's doing, not their clients'.
    public var isStopping: Bool { state.withLock(\.stopping) }

    /// Binds and starts accepting; port 0 picks a free port. Returns the bound port.
    public func start(host: String, port: Int) async throws -> Int {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server: NIOAsyncChannel<Connection, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let bound = server.channel.localAddress?.port ?? port
        let task = Task<Void, Never> { [self] in
            _ = try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { tasks in
                    do {
                        for try await connection in connections {
                            tasks.addTask { await self.track(connection) }
                        }
                    } catch {}
                }
            }
        }
        state.withLock {
            $0.group = group
            $0.serverChannel = server.channel
            $0.acceptTask = task
        }
        return bound
    }

    /// Closes the listener and every open connection, and waits until all ended.
    public func stop() async {
        let (group, listener, task) = state.withLock { state in
            defer {
                state.stopping = true
                state.group = nil
                state.serverChannel = nil
                state.acceptTask = nil
            }
            return (state.group, state.serverChannel, state.acceptTask)
        }
        try? await listener?.close().get()
        task?.cancel()
        for connection in state.withLock({ Array($0.connections.values) }) {
            try? await connection.close().get()
        }
        await task?.value
        try? await group?.shutdownGracefully()
    }

    private func track(_ connection: Connection) async {
        let key = ObjectIdentifier(connection.channel)
        state.withLock { $0.connections[key] = connection.channel }
        defer { state.withLock { $0.connections[key] = nil } }
        await serve(connection)
    }
}
