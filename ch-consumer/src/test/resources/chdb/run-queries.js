// Runs SQL statements through chdb (ClickHouse's engine, in-process) in one session and prints each answer.
// Usage: node run-queries.js SESSION_DIR FORMAT SQL... ; exits 1 with the engine's message on the first failure.
"use strict";
const { Session } = require("chdb");

const [sessionDir, format, ...statements] = process.argv.slice(2);
const session = new Session(sessionDir);
try {
  for (const sql of statements) {
    process.stdout.write(session.query(sql, format));
  }
} catch (e) {
  process.stderr.write("chdb refused a statement: " + (e && e.message ? e.message : String(e)) + "\n");
  process.exitCode = 1;
} finally {
  session.close();
}
