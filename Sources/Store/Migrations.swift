import ChatModel

/// The ordered schema changes; `PRAGMA user_version` records how many have been applied.
///
/// A migration is never edited once released: a change to the schema is a new entry at the end. Each runs in
/// its own transaction together with the version bump, so a crash leaves the file at one version or the next.
enum Migrations {
    /// Version 1: conversations, messages with their parts, runs and raw records, profiles.
    static let v1 = """
        CREATE TABLE profiles (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            base_url TEXT,
            first_used REAL NOT NULL,
            last_used REAL NOT NULL
        );
        CREATE TABLE conversations (
            num INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            provider TEXT NOT NULL,
            profile TEXT,
            remote_id TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            archived INTEGER NOT NULL DEFAULT 0,
            pinned INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX conversations_remote ON conversations(provider, remote_id) WHERE remote_id IS NOT NULL;
        CREATE INDEX conversations_order ON conversations(archived, pinned DESC, updated_at DESC, id);
        CREATE TABLE messages (
            num INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            reasoning TEXT NOT NULL,
            status TEXT NOT NULL,
            finish_reason TEXT,
            remote_id TEXT,
            created_at REAL NOT NULL,
            error_kind TEXT,
            error_status INTEGER,
            error_code TEXT,
            error_message TEXT,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            total_tokens INTEGER,
            total_price TEXT,
            currency TEXT,
            latency REAL
        );
        CREATE INDEX messages_conversation ON messages(conversation_id, position);
        CREATE UNIQUE INDEX messages_remote ON messages(conversation_id, remote_id) WHERE remote_id IS NOT NULL;
        CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
        CREATE TABLE steps (
            message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            input TEXT NOT NULL,
            output TEXT NOT NULL,
            status TEXT NOT NULL,
            thought TEXT NOT NULL,
            PRIMARY KEY (message_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE citations (
            message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            id TEXT,
            rank INTEGER,
            title TEXT NOT NULL,
            source TEXT,
            content TEXT NOT NULL,
            score REAL,
            url TEXT,
            PRIMARY KEY (message_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE files (
            message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            id TEXT,
            type TEXT NOT NULL,
            url TEXT,
            name TEXT,
            belongs_to TEXT,
            PRIMARY KEY (message_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            started_at REAL NOT NULL,
            method TEXT NOT NULL,
            url TEXT NOT NULL,
            request_headers TEXT NOT NULL,
            request_body BLOB NOT NULL,
            response_status INTEGER,
            response_headers TEXT,
            response_at REAL,
            ttfb REAL,
            ttft REAL,
            duration REAL,
            bytes INTEGER NOT NULL DEFAULT 0,
            record_count INTEGER NOT NULL DEFAULT 0,
            event_count INTEGER NOT NULL DEFAULT 0,
            keep_alives INTEGER NOT NULL DEFAULT 0,
            text_deltas INTEGER NOT NULL DEFAULT 0,
            largest_gap REAL NOT NULL DEFAULT 0,
            stalls INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER
        );
        CREATE INDEX runs_message ON runs(message_id);
        CREATE TABLE raw_records (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            byte_offset INTEGER NOT NULL,
            received_at REAL NOT NULL,
            event_name TEXT,
            bytes BLOB NOT NULL,
            events TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        """

    /// Version 2: full-text search over titles and message text, kept in sync by triggers.
    ///
    /// A reply is indexed once it stops streaming: re-indexing a growing reply on every batch would make a long
    /// stream cost time proportional to the square of its length.
    static let v2 = """
        CREATE VIRTUAL TABLE conversation_fts USING fts5(
            title, content='conversations', content_rowid='num', prefix='2 3',
            tokenize='unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE message_fts USING fts5(
            text, content='messages', content_rowid='num', prefix='2 3',
            tokenize='unicode61 remove_diacritics 2');
        INSERT INTO conversation_fts(conversation_fts) VALUES ('rebuild');
        INSERT INTO message_fts(rowid, text) SELECT num, text FROM messages WHERE status != 'streaming';
        CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
            INSERT INTO conversation_fts(rowid, title) VALUES (new.num, new.title);
        END;
        CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
            INSERT INTO conversation_fts(conversation_fts, rowid, title) VALUES ('delete', old.num, old.title);
        END;
        CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations
        WHEN old.title IS NOT new.title BEGIN
            INSERT INTO conversation_fts(conversation_fts, rowid, title) VALUES ('delete', old.num, old.title);
            INSERT INTO conversation_fts(rowid, title) VALUES (new.num, new.title);
        END;
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.status != 'streaming' BEGIN
            INSERT INTO message_fts(rowid, text) VALUES (new.num, new.text);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.status != 'streaming' BEGIN
            INSERT INTO message_fts(message_fts, rowid, text) VALUES ('delete', old.num, old.text);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, status ON messages BEGIN
            INSERT INTO message_fts(message_fts, rowid, text) SELECT 'delete', old.num, old.text
            WHERE old.status != 'streaming' AND (old.text IS NOT new.text OR new.status = 'streaming');
            INSERT INTO message_fts(rowid, text) SELECT new.num, new.text
            WHERE new.status != 'streaming' AND (old.text IS NOT new.text OR old.status = 'streaming');
        END;
        """

    /// Version 3: the full-text tables rebuilt with prefix indexes up to six characters, and an index for the
    /// list that includes archived conversations.
    ///
    /// With prefix indexes of 2 and 3 characters only, FTS5 answered a longer prefix such as `stream*` by merging
    /// the index entries of every word starting with it, in every statement that used the query: 10 to 25 ms each
    /// time for a common word at 100,000 conversations. The last word of a search, matched as a prefix, is usually
    /// a whole word of four to six letters; longer prefixes match few words, so merging them stays cheap. The
    /// full-text indexes about double in size. The triggers of version 2 keep working, as they name the tables,
    /// not their contents; a reply still streaming stays out of the index as before.
    static let v3 = """
        DROP TABLE conversation_fts;
        DROP TABLE message_fts;
        CREATE VIRTUAL TABLE conversation_fts USING fts5(
            title, content='conversations', content_rowid='num', prefix='2 3 4 5 6',
            tokenize='unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE message_fts USING fts5(
            text, content='messages', content_rowid='num', prefix='2 3 4 5 6',
            tokenize='unicode61 remove_diacritics 2');
        INSERT INTO conversation_fts(conversation_fts) VALUES ('rebuild');
        INSERT INTO message_fts(rowid, text) SELECT num, text FROM messages WHERE status != 'streaming';
        CREATE INDEX conversations_all_order ON conversations(pinned DESC, updated_at DESC, id);
        """

    /// Version 4: which process writes each streaming run, so opening the store recovers only runs whose writer
    /// is gone (a second Parley on the same file must not mark a live reply interrupted); and each run's largest
    /// silence (no byte at all), now apart from its largest gap between content.
    static let v4 = """
        ALTER TABLE runs ADD COLUMN largest_silence REAL NOT NULL DEFAULT 0;
        CREATE TABLE run_owners (
            run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            pid INTEGER NOT NULL,
            started TEXT NOT NULL
        ) WITHOUT ROWID;
        """

    /// Version 5: the workbench lists every conversation grouped by profile, pinned first, then newest, paged
    /// as the user scrolls; this index serves that order so a page never sorts the table.
    static let v5 = """
        CREATE INDEX conversations_profile_order ON conversations(archived, profile, pinned DESC, updated_at DESC, id);
        """

    /// Version 6: raw records in blocks of up to 512 (see `RecordBlock`) instead of a row each; the records
    /// already stored move into blocks, run by run, and the old table goes. And the search index covers the
    /// first `v6IndexedCharacters` characters of each message (see `v6Search`).
    static func v6(_ db: Database) throws {
        try db.execute(v6Search)
        try db.execute(
            """
            CREATE TABLE record_blocks (
                run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                first_seq INTEGER NOT NULL,
                count INTEGER NOT NULL,
                layout BLOB NOT NULL,
                events BLOB NOT NULL,
                bytes BLOB NOT NULL,
                PRIMARY KEY (run_id, first_seq)
            );
            """)
        let runs = try db.prepare("SELECT DISTINCT run_id FROM raw_records")
        var runIDs: [String] = []
        while try runs.step() { runIDs.append(runs.text(0)) }
        let select = try db.prepare(
            "SELECT seq, kind, byte_offset, received_at, event_name, bytes, events FROM raw_records WHERE run_id = ? ORDER BY seq")
        for runID in runIDs {
            try select.bind(.text(runID))
            var records: [RawRecord] = []
            while try select.step() { records.append(RecordMapping.record(RawRecordRow(select))) }
            _ = try RunQueries.append(records, runID: runID, firstSeq: 0, db)
        }
        try db.execute("DROP TABLE raw_records")
    }

    /// How much of a message the search index of version 6 covers.
    static let v6IndexedCharacters = 131_072

    /// The message search index of version 6 covers the first `v6IndexedCharacters` characters of each text.
    ///
    /// Indexing a finished reply runs while the user waits for `send` to return: with prefix indexes of 2 to 6
    /// letters, a 700 KB reply of distinct words took 0.2 s, and a 20 MiB one made SQLite's tokenizer hold
    /// tens of megabytes. A reply's first 128 K characters (30,000 tokens or more) hold the words people search
    /// for. A text longer than that keeps its first 128 K characters in `search_prefix` (written by
    /// `MessageQueries`; null for shorter texts), and the index and its triggers read
    /// `COALESCE(search_prefix, text)`, which never loads a long text: a trigger that reads `new.text` makes
    /// SQLite hold another copy of it (20 MB more for a 20 MiB reply). The index reads the view
    /// `message_search`, so its snippets and integrity check agree with what it indexed.
    static let v6Search = """
        DROP TRIGGER messages_fts_insert;
        DROP TRIGGER messages_fts_delete;
        DROP TRIGGER messages_fts_update;
        DROP TABLE message_fts;
        ALTER TABLE messages ADD COLUMN search_prefix TEXT;
        UPDATE messages SET search_prefix = substr(text, 1, \(v6IndexedCharacters))
            WHERE length(text) > \(v6IndexedCharacters);
        CREATE VIEW message_search AS SELECT num, COALESCE(search_prefix, text) AS text FROM messages;
        CREATE VIRTUAL TABLE message_fts USING fts5(
            text, content='message_search', content_rowid='num', prefix='2 3 4 5 6',
            tokenize='unicode61 remove_diacritics 2');
        INSERT INTO message_fts(rowid, text) SELECT num, text FROM message_search
            WHERE num IN (SELECT num FROM messages WHERE status != 'streaming');
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.status != 'streaming' BEGIN
            INSERT INTO message_fts(rowid, text) VALUES (new.num, COALESCE(new.search_prefix, new.text));
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.status != 'streaming' BEGIN
            INSERT INTO message_fts(message_fts, rowid, text)
                VALUES ('delete', old.num, COALESCE(old.search_prefix, old.text));
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, status, search_prefix ON messages BEGIN
            INSERT INTO message_fts(message_fts, rowid, text)
                SELECT 'delete', old.num, COALESCE(old.search_prefix, old.text)
                WHERE old.status != 'streaming' AND (new.status = 'streaming'
                    OR COALESCE(old.search_prefix, old.text) IS NOT COALESCE(new.search_prefix, new.text));
            INSERT INTO message_fts(rowid, text) SELECT new.num, COALESCE(new.search_prefix, new.text)
                WHERE new.status != 'streaming' AND (old.status = 'streaming'
                    OR COALESCE(old.search_prefix, old.text) IS NOT COALESCE(new.search_prefix, new.text));
        END;
        """

    /// Version 7: a streaming reply longer than the search index covers is indexed as soon as it is that long,
    /// and record blocks may be written in the compact layout (format 2, see `RecordBlock+Compact.swift`).
    ///
    /// The index covers a message's first `v6IndexedCharacters` characters; once a streaming reply has more, that
    /// part is final (only a replacement of the whole text changes it), so it is indexed then, while the reply
    /// still streams, and the end of the run has nothing left to index: tokenizing 128 K characters with the
    /// prefix indexes took the end of a 100,000-chunk reply 30-45 ms. A message is in the index when it is not
    /// streaming or has a `search_prefix`. The tables do not change, but a version-6 Parley would take a compact
    /// block for a damaged one; the version makes it say that the file is newer instead. Blocks already stored
    /// keep their layout and read as before.
    static let v7 = """
        DROP TRIGGER messages_fts_insert;
        DROP TRIGGER messages_fts_delete;
        DROP TRIGGER messages_fts_update;
        INSERT INTO message_fts(rowid, text) SELECT num, search_prefix FROM messages
            WHERE status = 'streaming' AND search_prefix IS NOT NULL;
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
            WHEN new.status != 'streaming' OR new.search_prefix IS NOT NULL BEGIN
            INSERT INTO message_fts(rowid, text) VALUES (new.num, COALESCE(new.search_prefix, new.text));
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
            WHEN old.status != 'streaming' OR old.search_prefix IS NOT NULL BEGIN
            INSERT INTO message_fts(message_fts, rowid, text)
                VALUES ('delete', old.num, COALESCE(old.search_prefix, old.text));
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, status, search_prefix ON messages BEGIN
            INSERT INTO message_fts(message_fts, rowid, text)
                SELECT 'delete', old.num, COALESCE(old.search_prefix, old.text)
                WHERE (old.status != 'streaming' OR old.search_prefix IS NOT NULL)
                    AND ((new.status = 'streaming' AND new.search_prefix IS NULL)
                        OR COALESCE(old.search_prefix, old.text) IS NOT COALESCE(new.search_prefix, new.text));
            INSERT INTO message_fts(rowid, text) SELECT new.num, COALESCE(new.search_prefix, new.text)
                WHERE (new.status != 'streaming' OR new.search_prefix IS NOT NULL)
                    AND ((old.status = 'streaming' AND old.search_prefix IS NULL)
                        OR COALESCE(old.search_prefix, old.text) IS NOT COALESCE(new.search_prefix, new.text));
        END;
        """

    /// One step of the schema: SQL, or code where rows must be rewritten.
    enum Step {
        case sql(String)
        case code(@Sendable (Database) throws -> Void)
    }

    /// Every migration in order; entry `i` takes the schema from version `i` to `i + 1`.
    static let all: [Step] = [.sql(v1), .sql(v2), .sql(v3), .sql(v4), .sql(v5), .code(v6), .sql(v7)]

    /// The version this build writes.
    static var current: Int { all.count }

    /// Refuses a file written by a newer Parley before anything touches it; returns the file's version.
    @discardableResult
    static func check(_ db: Database) throws -> Int {
        let found = try db.scalarInt("PRAGMA user_version")
        if found > current {
            throw StoreError(
                kind: .newerSchema,
                message: "The database at \(db.path) has schema version \(found), but this Parley only knows up to "
                    + "version \(current). It was written by a newer Parley; upgrade Parley, or point PARLEY_DB at "
                    + "another file. The file was not changed.")
        }
        return found
    }

    /// Brings the database up to `target` (default: current), one transaction per step.
    ///
    /// The version is read again inside each transaction, so two processes opening an old file at once apply
    /// each step only once. Afterwards the write-ahead log is checkpointed and truncated: rebuilding the search
    /// tables of a large store writes hundreds of megabytes to it, which would otherwise stay on disk for as
    /// long as the store is open.
    static func migrate(_ db: Database, to target: Int = current) throws {
        guard try check(db) < target else { return }
        for version in 0..<target {
            try db.transaction {
                guard try check(db) == version else { return }
                switch all[version] {
                case .sql(let sql): try db.execute(sql)
                case .code(let step): try step(db)
                }
                try db.execute("PRAGMA user_version = \(version + 1)")
            }
        }
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
