import ChatModel
import Foundation
import Providers
import Sessions
import TerminalUI
import Workbench

/// The app loop: actions in, `reduce`, effects out, and at most one frame per interval, only when dirty.
final class AppLoop: @unchecked Sendable {
    private let configuration: AppConfiguration
    private let terminal: any TerminalDevice
    private let queue = ActionQueue()
    private let runs = RunRegistry()

    init(configuration: AppConfiguration, terminal: any TerminalDevice) {
        self.configuration = configuration
        self.terminal = terminal
    }

    func run() async throws {
        let size = try terminal.start()
        defer { terminal.stop() }
        var state = AppState(endpoint: configuration.endpointLabel, messages: configuration.initialMessages, size: size)
        let keys = terminal.keys
        let queue = self.queue
        let keyTask = Task {
            for await key in keys { queue.post(.key(key)) }
            queue.post(.quit)
        }
        defer {
            keyTask.cancel()
            runs.cancelAll()
        }
        let clock = ContinuousClock()
        var lastFrame = clock.now
        terminal.present(Screen.render(state, size: state.size, theme: configuration.theme))
        while !state.quitRequested {
            apply(await queue.next(), to: &state)
            let due = lastFrame.advanced(by: configuration.frameInterval)
            if !state.quitRequested, clock.now < due {
                try? await clock.sleep(until: due)
                apply(queue.takeAll(), to: &state)
            }
            guard !state.quitRequested else { break }
            terminal.present(Screen.render(state, size: state.size, theme: configuration.theme))
            lastFrame = clock.now
        }
    }

    private func apply(_ actions: [Action], to state: inout AppState) {
        for action in actions {
            for effect in reduce(&state, action) { perform(effect) }
        }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .startTurn(let id, let messages):
            let run = configuration.runner.start(TurnRequest(messages: messages))
            runs.add(id, run)
            queue.post(.turnStarted(turnID: id))
            let queue = self.queue
            let runs = self.runs
            Task {
                for await update in run.updates {
                    switch update {
                    case .head(let head, let at): queue.post(.turnHead(turnID: id, status: head.status, at: at))
                    case .records(let records): queue.post(.turnRecords(turnID: id, records))
                    case .request: break
                    }
                }
                runs.remove(id)
                queue.post(.turnEnded(turnID: id))
            }
        case .cancelTurn(let id):
            runs.cancel(id)
        case .quit:
            break
        }
    }
}

/// The turns in flight, by id, so that a cancel effect reaches its run.
final class RunRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [String: TurnRun] = [:]

    func add(_ id: String, _ run: TurnRun) { lock.withLock { runs[id] = run } }
    func remove(_ id: String) { _ = lock.withLock { runs.removeValue(forKey: id) } }
    func cancel(_ id: String) { lock.withLock { runs[id] }?.cancel() }
    func cancelAll() { lock.withLock { Array(runs.values) }.forEach { $0.cancel() } }
}
