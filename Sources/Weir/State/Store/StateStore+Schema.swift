import GRDB

extension StateStore {
    /// ``StateSchema``'s migrations for GRDB, which records them in `grdb_migrations`.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for migration in StateSchema.migrations {
            let statements = migration.statements
            migrator.registerMigration(migration.identifier) { db in
                for statement in statements { try db.execute(sql: statement) }
            }
        }
        return migrator
    }()
}
