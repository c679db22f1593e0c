import GRDB

extension StateStore {
    /// The schema's migrations, named `v1`, `v2` … and applied in order, each in its own transaction.
    ///
    /// Table definitions use only TEXT, INTEGER and REAL columns, primary keys, foreign keys, CHECK
    /// constraints and plain indices, so that the same schema can be created in PostgreSQL.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in schemaV1 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v2") { db in
            for statement in schemaV2 { try db.execute(sql: statement) }
        }
        return migrator
    }()

    /// The run list of the dashboard and `weir log`, newest first, read by index at any depth.
    static let schemaV2: [String] = [
        "CREATE INDEX runs_by_start ON runs (started_at DESC, id)"
    ]

    static let schemaV1: [String] = [
        """
        CREATE TABLE sessions (
            id TEXT NOT NULL PRIMARY KEY,
            command TEXT NOT NULL,
            arguments TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            user_name TEXT NOT NULL,
            cwd TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL,
            summary TEXT
        )
        """,
        "CREATE INDEX sessions_by_start ON sessions (started_at)",
        """
        CREATE TABLE events (
            id INTEGER NOT NULL PRIMARY KEY,
            session TEXT NOT NULL,
            level TEXT NOT NULL,
            stage TEXT,
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            fields TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX events_by_session ON events (session, id)",
        "CREATE INDEX events_by_stage ON events (stage, id)",
        """
        CREATE TABLE progress (
            id INTEGER NOT NULL PRIMARY KEY,
            session TEXT NOT NULL,
            stage TEXT,
            done INTEGER NOT NULL,
            total INTEGER,
            unit TEXT NOT NULL,
            message TEXT,
            recorded_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX progress_by_session ON progress (session, stage, id)",
        """
        CREATE TABLE metrics (
            id INTEGER NOT NULL PRIMARY KEY,
            session TEXT NOT NULL,
            stage TEXT,
            run TEXT,
            name TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX metrics_by_stage ON metrics (stage, id)",
        "CREATE INDEX metrics_by_run ON metrics (run, id)",
        "CREATE INDEX metrics_by_session ON metrics (session, id)",
        """
        CREATE TABLE runs (
            id TEXT NOT NULL PRIMARY KEY,
            stage TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            session TEXT NOT NULL,
            status TEXT NOT NULL,
            reasons TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            exit_code INTEGER,
            output_hash TEXT,
            output_bytes INTEGER,
            output_files INTEGER,
            wall_seconds REAL,
            cpu_seconds REAL,
            peak_memory_bytes INTEGER
        )
        """,
        "CREATE INDEX runs_by_stage ON runs (stage, started_at)",
        """
        CREATE TABLE versions (
            id INTEGER NOT NULL PRIMARY KEY,
            parent INTEGER REFERENCES versions (id),
            command TEXT NOT NULL,
            session TEXT NOT NULL,
            user_name TEXT NOT NULL,
            host TEXT NOT NULL,
            created_at TEXT NOT NULL,
            note TEXT
        )
        """,
        "CREATE INDEX versions_by_parent ON versions (parent)",
        """
        CREATE TABLE version_stages (
            version INTEGER NOT NULL REFERENCES versions (id),
            stage TEXT NOT NULL,
            run TEXT NOT NULL,
            PRIMARY KEY (version, stage)
        )
        """,
        "CREATE INDEX version_stages_by_run ON version_stages (run)",
        """
        CREATE TABLE head (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL REFERENCES versions (id)
        )
        """,
        """
        CREATE TABLE stat_cache (
            path TEXT NOT NULL PRIMARY KEY,
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL
        )
        """,
    ]
}
