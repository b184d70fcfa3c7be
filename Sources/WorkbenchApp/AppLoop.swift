import ChatModel
import Foundation
import Providers
import Sessions
import Store
import TerminalUI
import Workbench

/// The app loop: actions in, `reduce`, effects out, and at most one frame per interval, only when dirty.
///
/// Turns run through a `SessionController`, which writes them to the store as they stream when there is one.
final class AppLoop: Sendable {
    private let configuration: AppConfiguration
    private let terminal: any TerminalDevice
    private let queue: ActionQueue
    private let runs: RunRegistry
    private let reads: StoreReads
    private let controller: SessionController
    private let controllers: ControllerSet
    private let listEffects: ListEffects
    private let debugger: DebuggerReads
    private let replays: ReplayDriver
    /// Closed while the user's editor runs, so its Ctrl-C does not quit the workbench.
    private let interrupts = InterruptGate()

    init(configuration: AppConfiguration, terminal: any TerminalDevice) {
        self.configuration = configuration
        self.terminal = terminal
        let queue = ActionQueue()
        self.queue = queue
        let runs = RunRegistry()
        self.runs = runs
        let reads = StoreReads()
        self.reads = reads
        controller = Self.makeController(
            runner: configuration.runner, kind: configuration.providerKind, profile: configuration.profile,
            store: configuration.store, queue: queue, runs: runs)
        controllers = ControllerSet(first: controller, profile: configuration.profile)
        replays = ReplayDriver(clock: configuration.clock, queue: queue)
        listEffects = ListEffects(store: configuration.store, runner: configuration.runner, profile: configuration.profile, queue: queue, reads: reads)
        debugger = DebuggerReads(store: configuration.store, queue: queue)
    }

    /// A controller whose journal stores turns with this provider kind and profile, and whose updates go
    /// straight onto the action queue from the controller's own task: a listening task would cost a task
    /// wake-up per chunk, most of what a paced chunk costs the workbench.
    private static func makeController(
        runner: RunStarter, kind: String, profile: String?, store: SQLiteStore?, queue: ActionQueue, runs: RunRegistry
    ) -> SessionController {
        let journal = store.map {
            StoreJournal(store: $0, provider: kind, profile: profile, onProblem: {
                queue.post(.event(.storeProblem($0.map { "\($0)" })))
            })
        }
        return SessionController(runner: runner, journal: journal, observer: { post($0, runs: runs, to: queue) })
    }

    /// Runs until the user quits or a signal asks to; returns the exit status (0, or 128 + the signal).
    func run() async throws -> Int32 {
        let firstPage = configuration.store.flatMap {
            try? ConversationListReads.page($0, first: 0, limit: configuration.storedConversationLimit, excluding: [])
        }
        let size = try terminal.start()
        defer { terminal.stop() }
        var state = AppState(
            endpoint: configuration.endpointLabel, messages: configuration.initialMessages, size: size,
            recordWindow: recordWindow, profile: configuration.profile)
        state.bindings = Keymap.customized(configuration.keyBindings)
        if configuration.switchProfile != nil { state.profileChoices = configuration.profileChoices }
        state.keyVariable = configuration.keyVariable
        state.mouseEnabled = configuration.mouse ?? true
        state.providerKind = configuration.providerKind
        if let firstPage {
            _ = reduce(&state, .event(.conversationPage(first: 0, rows: firstPage.rows, total: firstPage.total, generation: 0)))
        }
        if let tape = configuration.replay {
            for effect in reduce(&state, .event(.replayLoaded(tape))) { perform(effect) }
        }
        let keys = terminal.keys
        let queue = self.queue
        let keyTask = Task {
            for await key in keys { queue.post(.key(key)) }
            queue.post(.intent(.quit))
        }
        let watchTask = configuration.store.map { store in
            Task.detached { [runs, configuration] in
                await StoreWatch(store: store, limit: configuration.storedConversationLimit, interval: configuration.storeWatchInterval)
                    .run { stored in
                        queue.post(.event(.storeChanged(stored.filter { !runs.hasRunsIn(storeID: $0.id) })))
                    }
            }
        }
        let terminal = self.terminal
        let signals = configuration.handlesSignals
            ? SignalWatch(interrupts: interrupts, onFirst: { queue.post(.event(.terminated(signal: $0))) }, onSecond: {
                terminal.stop()
                exit(128 + $0)
            })
            : nil
        defer {
            signals?.stop()
            keyTask.cancel()
            watchTask?.cancel()
            replays.stop()
        }
        let clock = configuration.clock
        var lastFrame = clock.now()
        terminal.present(Screen.render(state, size: state.size, theme: configuration.theme))
        while !state.quitRequested {
            var actions = await queue.next()
            apply(actions, to: &state)
            var due = lastFrame + (ActionQueue.hasKey(actions) ? configuration.frameInterval : configuration.streamFrameInterval)
            while !state.quitRequested, clock.now() < due {
                await queue.sleep(until: due, on: clock)
                actions = queue.takeAll()
                apply(actions, to: &state)
                if ActionQueue.hasKey(actions) { due = min(due, lastFrame + configuration.frameInterval) }
            }
            guard !state.quitRequested else { break }
            terminal.present(Screen.render(state, size: state.size, theme: configuration.theme))
            lastFrame = clock.now()
        }
        await stopReplies(showing: &state)
        return state.exitStatus
    }

    /// Cancels every streaming reply and waits, a few seconds at most, until each is stored as cancelled, so
    /// quitting or a signal never leaves a reply half-written (only a crash or SIGKILL leaves one interrupted).
    private func stopReplies(showing state: inout AppState) async {
        guard !runs.all.isEmpty else { return }
        state.notice = "Stopping the streaming reply and storing what arrived…"
        terminal.present(Screen.render(state, size: state.size, theme: configuration.theme))
        for controller in controllers.all { _ = await controller.stopAll(within: 5) }
    }

    private func apply(_ actions: [Action], to state: inout AppState) {
        for action in actions {
            for effect in reduce(&state, action) { perform(effect) }
        }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .startTurn(let runID, let conversation, let messages):
            start(runID, in: conversation, messages: messages, regenerate: false)
        case .regenerateTurn(let runID, let conversation, let messages):
            start(runID, in: conversation, messages: messages, regenerate: true)
        case .cancelRun(let runID):
            guard let run = runs.run(for: runID) else { return }
            let controller = controllers.owner(of: run) ?? self.controller
            Task { await controller.cancel(run) }
        case .loadConversation(let id):
            load(id)
        case .loadRecords(let runID, let range):
            loadRecords(runID, range)
        case .switchProfile(let name):
            switchProfile(to: name)
        case .loadRequest(let runID):
            loadRequest(runID)
        case .copy(let bytes):
            terminal.copy(bytes)
        case .editComposer(let text):
            edit(text)
        case .quit:
            break
        case .loadConversationPage, .searchConversations, .changeConversation, .pullHistory:
            listEffects.perform(effect)
        case .lint(let request):
            debugger.lint(request)
        case .compareRuns(let request):
            debugger.compare(request)
        case .loadReplay(let runID, let messageID):
            replays.load(runID: runID, messageID: messageID, from: configuration.store, reads: reads)
        case .replayWait(let seconds, let generation):
            replays.wait(seconds: seconds, generation: generation)
        case .renderReply(let message, let width):
            let queue = self.queue
            Thread.detachNewThread {
                TranscriptLayout.shared.prepareComplete(message, width: width)
                queue.post(.event(.replyRendered(messageID: message.id)))
            }
        }
    }

    /// Opens the text in the user's editor outside the screen, off the loop (streams go on meanwhile), then
    /// posts what it saved or why it could not.
    private func edit(_ text: String) {
        let queue = self.queue
        let terminal = self.terminal
        let interrupts = self.interrupts
        let environment = ProcessInfo.processInfo.environment
        Task {
            let outcome = await interrupts.closed {
                await terminal.suspend { ExternalEditor.edit(text, environment: environment) }
            }
            switch outcome {
            case .saved(let saved): queue.post(.event(.composerEdited(text: saved)))
            case .failed(let reason): queue.post(.event(.editorFailed(reason)))
            }
        }
    }

    /// Reads a stored run's request and response head off the loop, then posts them for the Request tab.
    private func loadRequest(_ runID: String) {
        guard let store = configuration.store else {
            queue.post(.event(.requestLoaded(runID: runID, nil)))
            return
        }
        let queue = self.queue
        reads.run {
            let run = try? store.runHead(id: runID)
            let request = run.map { run in
                InspectedRequest(
                    runID: runID, method: run.request.method, url: run.request.url, headers: run.request.headers,
                    body: run.request.body, responseStatus: run.response?.status,
                    responseHeaders: run.response?.headers ?? [], responseAt: run.response?.receivedAt)
            }
            queue.post(.event(.requestLoaded(runID: runID, request)))
        }
    }

    /// Starts a turn, or a new reply to the last prompt; the first turn of a conversation in this session also
    /// hands the controller its history.
    private func start(_ runID: String, in conversation: Conversation, messages: [ChatMessage], regenerate: Bool) {
        guard let prompt = messages.last?.content else { return }
        let storeID = runs.storeID(for: conversation.id)
        let storeRunID = RunID(UUID().uuidString.lowercased())
        let isFirstTurn = runs.register(runID, run: storeRunID, conversation: storeID)
        let controller = controllers.controller(for: conversation.profile)
        controllers.noteOwner(controller, of: storeRunID)
        Task {
            if isFirstTurn {
                let known = regenerate ? messages[...] : messages.dropLast()
                let history = known.enumerated().map { index, message in
                    Message(id: "\(storeID)-h\(index)", role: message.role, text: message.content)
                }
                await controller.restore(conversationID: storeID, history: history, remoteID: conversation.remoteID)
            }
            if regenerate {
                await controller.regenerate(in: storeID, runID: storeRunID)
            } else {
                await controller.send(prompt, in: storeID, runID: storeRunID)
            }
        }
        if isFirstTurn, storeID != conversation.id, configuration.store != nil {
            queue.post(.event(.conversationStored(id: conversation.id, storeID: storeID)))
        }
        queue.post(.event(.runStarted(runID: runID)))
        if configuration.store != nil { queue.post(.event(.runStored(runID: runID, storeRunID: storeRunID.value))) }
    }

    /// Makes `name` take new turns: builds its runner off the loop (a key command may run), gives it its own
    /// controller the first time, and reports the switch or why it failed.
    private func switchProfile(to name: String) {
        guard let make = configuration.switchProfile else { return }
        let queue = self.queue
        let controllers = self.controllers
        let runs = self.runs
        let store = configuration.store
        Task {
            do {
                let target = try await make(name)
                if !controllers.has(name) {
                    let controller = Self.makeController(
                        runner: target.runner, kind: target.providerKind, profile: name, store: store, queue: queue,
                        runs: runs)
                    controllers.add(controller, for: name)
                }
                queue.post(.event(.profileSwitched(name: name, endpoint: target.endpointLabel)))
            } catch {
                queue.post(.event(.profileSwitchFailed(name: name, reason: "\(error)")))
            }
        }
    }

    /// Raw records kept in memory per reply: with a store the rest are paged back from it.
    private var recordWindow: Int? { configuration.store == nil ? nil : 1_000 }

    /// Reads records of a stored run off the loop, then posts them for the Raw tab.
    private func loadRecords(_ runID: String, _ range: Range<Int>) {
        guard let store = configuration.store else { return }
        let queue = self.queue
        reads.run {
            let records = (try? store.records(ofRun: runID, in: range)) ?? []
            queue.post(.event(.recordsLoaded(runID: runID, first: range.lowerBound, records: records)))
        }
    }

    /// Reads a stored conversation and its raw logs off the loop, then posts them.
    private func load(_ id: String) {
        guard let store = configuration.store else { return }
        let queue = self.queue
        let window = recordWindow
        runs.markStored(id)
        reads.run {
            do {
                guard let (_, messages) = try store.transcript(id: id) else {
                    queue.post(.event(.conversationLoadFailed(id: id, reason: "it is no longer in the store")))
                    return
                }
                var logs: [String: RunLog] = [:]
                for message in messages where message.role == .assistant {
                    logs[message.id] = try store.latestRunLog(of: message, in: id, recordLimit: window)
                }
                queue.post(.event(.conversationLoaded(id: id, messages: messages, logs: logs)))
            } catch {
                queue.post(.event(.conversationLoadFailed(id: id, reason: "\(error)")))
            }
        }
    }

    private static func post(_ update: SessionController.Update, runs: RunRegistry, to queue: ActionQueue) {
        switch update {
        case .started:
            break
        case .receivedHead(let run, let status, let time):
            if let screenRun = runs.screenRun(for: run.id) { queue.post(.event(.runHead(runID: screenRun, status: status, at: time))) }
        case .progressed(let run, let records):
            if let screenRun = runs.screenRun(for: run.id) { queue.post(.event(.runRecords(runID: screenRun, records))) }
        case .ended(let run):
            if let screenRun = runs.finish(run.id) { queue.post(.event(.runEnded(runID: screenRun))) }
        }
    }
}
