// The provisioning-log thread's code (started by log-thread.ts): entries arrive as messages, are turned into
// redacted records and inserted over a SQLite connection of the thread's own, one transaction per message.
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import type { LogThreadData, LogThreadReply, LogThreadRequest } from './log-thread.js';
import { toProvisioningObjectSummary } from './provisioning-log-entry.js';
import { provisioningLogColumns, provisioningLogRow } from './provisioning-log-row.js';

const data = workerData as LogThreadData;
const context = { tenantId: data.tenantId, ...(data.redaction ? { redaction: data.redaction } : {}) };
const insertAll = openInsert();

function openInsert() {
  try {
    const database = new SqliteDatabase(data.path);
    database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
    const insert = database.prepare(
      `insert into provisioning_logs (${provisioningLogColumns.join(', ')}) values (${provisioningLogColumns.map((column) => `@${column}`).join(', ')})`,
    );
    return database.transaction((rows: readonly Record<string, unknown>[]) => {
      for (const row of rows) insert.run(row);
    });
  } catch (error) {
    // The thread's 'error' event receives a copy of what it threw, and a SqliteError's copy keeps only its code.
    const { name, message } = error as { name?: unknown; message?: unknown };
    throw new Error(`cannot write to ${data.path}: ${String(name)}: ${String(message)}`);
  }
}

parentPort!.on('message', (request: LogThreadRequest) => {
  let reply: LogThreadReply;
  try {
    // Every entry is validated before anything is written: a message lands whole or not at all.
    const rows = request.entries.map((entry) => provisioningLogRow(toProvisioningObjectSummary(entry, context)));
    // IMMEDIATE takes the write lock first, waiting for the store's own connection rather than failing.
    insertAll.immediate(rows);
    reply = { id: request.id };
  } catch (error) {
    const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
    reply = { id: request.id, error: { name: String(name), message: String(message), ...(typeof code === 'string' ? { code } : {}) } };
  }
  parentPort!.postMessage(reply);
});
