import ChatModel
import Dispatch
import Store
import StreamTools
import Workbench

/// Lints and compares runs for the workbench on a thread of its own, never the screen's, nor the store reads'
/// (a lint of a long run takes a second; opening a conversation must not wait for it).
///
/// The linter is handed only the records the screen has not sent before; this keeps the run's body (its
/// records' bytes and times) and lints it whole again, reading from the store the records the screen no
/// longer keeps and the response head and request the rules need. State is touched only on its own queue,
/// one job after another.
final class DebuggerReads: @unchecked Sendable {
    private let store: SQLiteStore?
    private let work = DispatchQueue(label: "parley.lint-compare", qos: .utility)
    private let queue: ActionQueue
    private var runID: String?
    private var pieces: [LintInput.Piece] = []
    private var count = 0
    /// Records at the start that could not be read (no store): findings are numbered after them.
    private var missing = 0
    private var missingBytes = 0
    private var head: LintInput.Head?
    private var requestBody: [UInt8]?

    init(store: SQLiteStore?, queue: ActionQueue) {
        self.store = store
        self.queue = queue
    }

    /// Lints the run with `request`'s records added, then posts the findings.
    func lint(_ request: LintRequest) {
        work.async { [self] in
            let result = lintNow(request)
            queue.post(.event(.lintFinished(result)))
        }
    }

    /// Compares two runs, each read whole from the store where it is stored, then posts the comparison.
    func compare(_ request: CompareRequest) {
        work.async { [store, queue] in
            let comparison = RunComparison(Self.whole(request.a, store), Self.whole(request.b, store))
            queue.post(.event(.comparisonLoaded(generation: request.generation, comparison)))
        }
    }

    private func lintNow(_ request: LintRequest) -> LintResult {
        if request.runID != runID || request.first != count { start(request) }
        if head == nil, let run = try? store?.runHead(id: request.runID) {
            head = run.response.map { LintInput.Head(status: $0.status, headers: $0.headers) }
            requestBody = run.request.body
        }
        pieces += request.records.map(Self.piece)
        count = request.total
        var report = Linter.lint(LintInput(
            provider: request.provider, head: head, pieces: pieces, timed: true, requestBody: requestBody))
        if missing > 0 {
            for i in report.findings.indices {
                report.findings[i].record = report.findings[i].record.map { $0 + missing }
                report.findings[i].offset = report.findings[i].offset.map { $0 + missingBytes }
            }
        }
        return LintResult(runID: request.runID, records: count, ended: request.ended, report: report)
    }

    /// Starts on another run, or on this one afresh: the records before the request's are read from the store.
    private func start(_ request: LintRequest) {
        runID = request.runID
        pieces = []
        count = 0
        missing = 0
        missingBytes = 0
        head = nil
        requestBody = nil
        guard request.first > 0 else { return }
        let older = (try? store?.records(ofRun: request.runID, in: 0..<request.first)) ?? []
        if older.count == request.first {
            pieces = older.map(Self.piece)
        } else {
            missing = request.first
            missingBytes = request.records.first?.offset ?? 0
        }
        count = request.first
    }

    private static func piece(_ record: RawRecord) -> LintInput.Piece {
        LintInput.Piece(time: record.receivedAt, bytes: record.bytes)
    }

    /// A side with the stored run's figures, status and model, when it is stored.
    private static func whole(_ side: CompareSide, _ store: SQLiteStore?) -> ComparedRun {
        var run = side.run
        guard let id = side.storeRunID, let stored = try? store?.runHead(id: id) else { return run }
        run.metrics = stored.metrics
        run.httpStatus = stored.response?.status ?? run.httpStatus
        if let model = (try? JSONReader.parse(stored.request.body))?["model"]?.stringValue, !model.isEmpty {
            run.model = model
        }
        return run
    }
}
