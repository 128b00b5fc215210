// Shared helpers for fill.mjs and read.mjs: loading the plugin with its logs captured, statement tracing,
// canonical row dumps, schema fingerprints and the value comparison rules of the manifest.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

export const MANIFEST_FORMAT = 'elizagen-interop-manifest';
export const MANIFEST_VERSION = 1;
export const PLUGIN_NAME = '@elizaos/plugin-sql';
export const EMBEDDING_DIM = 384;
export const VECTOR_TOLERANCE = 1e-6;

// Tables of @elizaos/plugin-sql 1.7.2 (public schema), in foreign-key order, with the key a reader
// uses to find a row.
export const TABLE_KEYS = {
  agents: ['id'],
  servers: ['id'],
  entities: ['id'],
  worlds: ['id'],
  rooms: ['id'],
  components: ['id'],
  participants: ['id'],
  relationships: ['id'],
  memories: ['id'],
  embeddings: ['id'],
  cache: ['key', 'agent_id'],
  tasks: ['id'],
  logs: ['id'],
  message_servers: ['id'],
  channels: ['id'],
  channel_participants: ['channel_id', 'entity_id'],
  central_messages: ['id'],
  message_server_agents: ['message_server_id', 'agent_id'],
};
export const MIGRATION_TABLES = ['migrations._migrations', 'migrations._journal', 'migrations._snapshots'];

// ------------------------------------------------------------------ command line and environment
export function parseArgs(argv, known) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      if (!known.includes(k)) fail(2, `unknown option --${k} (known: ${known.map((x) => '--' + x).join(', ')})`);
      out[k] = inline ?? argv[++i];
      if (out[k] === undefined) fail(2, `option --${k} needs a value`);
    } else out._.push(a);
  }
  return out;
}

export function fail(code, message) {
  process.stderr.write(`${path.basename(process.argv[1])}: ${message}\n`);
  process.exit(code);
}

export function requireUrl() {
  const url = process.env.POSTGRES_URL;
  if (!url) fail(2, 'POSTGRES_URL is not set (e.g. postgresql://postgres@/interop_x?host=/path/to/socketdir&port=5432)');
  return url;
}

// The plugin reads these; an interop run must not switch on RLS or allow destructive migrations.
export function neutraliseEnvironment() {
  delete process.env.ENABLE_DATA_ISOLATION;
  delete process.env.ELIZA_SERVER_ID;
  delete process.env.ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS;
  process.env.LOG_LEVEL = 'fatal'; // console output off; every log call is captured below instead
}

// ------------------------------------------------------------------ plugin loading + log capture
export async function loadPlugin() {
  neutraliseEnvironment();
  const core = await import('@elizaos/core');
  const captured = [];
  const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'success', 'progress', 'log'];
  for (const level of levels) {
    const original = core.logger[level];
    if (typeof original !== 'function') continue;
    core.logger[level] = (obj, msg, ...rest) => {
      const entry = { level };
      if (typeof obj === 'string') entry.msg = [obj, msg, ...rest].filter((x) => x !== undefined).map(String).join(' ');
      else if (obj instanceof Error) entry.msg = [obj.message, msg].filter(Boolean).join(' ');
      else {
        entry.msg = msg ?? '';
        if (obj && typeof obj === 'object') entry.context = jsonSafe(obj);
      }
      captured.push(entry);
      if (process.env.INTEROP_VERBOSE === '1') process.stderr.write(`[plugin ${level}] ${entry.msg} ${entry.context ? JSON.stringify(entry.context) : ''}\n`);
    };
  }
  const pluginEntry = fileURLToPath(import.meta.resolve('@elizaos/plugin-sql'));
  const requireFromPlugin = createRequire(pluginEntry);
  const pg = requireFromPlugin('pg'); // the very driver the plugin uses
  const pluginSql = await import('@elizaos/plugin-sql');
  const version = (name) => {
    // some packages do not export ./package.json: walk up from their entry point
    let dir = path.dirname(requireFromPlugin.resolve(name));
    while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
      const up = path.dirname(dir);
      if (up === dir) return null;
      dir = up;
    }
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  };
  const pluginVersion = JSON.parse(
    fs.readFileSync(path.join(path.dirname(pluginEntry), '..', '..', 'package.json'), 'utf8')
  ).version;
  return {
    core,
    pg,
    pluginSql,
    logs: captured,
    versions: { '@elizaos/plugin-sql': pluginVersion, '@elizaos/core': version('@elizaos/core'), pg: version('pg'), 'drizzle-orm': version('drizzle-orm') },
  };
}

function jsonSafe(obj) {
  try {
    return JSON.parse(JSON.stringify(obj, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
  } catch {
    return String(obj);
  }
}

// Records the SQL text of every statement sent through the adapter's pool while `on` is true.
export function installTracer(pool) {
  const state = { on: false, log: [] };
  const wrapClient = (client) => {
    if (!client || client.__interopTraced) return client;
    const q = client.query.bind(client);
    client.query = (...args) => {
      if (!state.on) return q(...args);
      const a0 = args[0];
      const entry = { text: (typeof a0 === 'string' ? a0 : a0?.text || '').trim() };
      state.log.push(entry);
      const cbIdx = args.findIndex((a) => typeof a === 'function');
      if (cbIdx >= 0) {
        const cb = args[cbIdx];
        args[cbIdx] = (err, res) => {
          if (err) entry.error = err.message;
          cb(err, res);
        };
      }
      const r = q(...args);
      if (cbIdx < 0 && r && typeof r.then === 'function') r.then(null, (err) => (entry.error = err.message));
      return r;
    };
    client.__interopTraced = true;
    return client;
  };
  const connect = pool.connect.bind(pool);
  pool.connect = (cb) => {
    if (typeof cb === 'function') return connect((err, client, release) => cb(err, wrapClient(client), release));
    return connect().then(wrapClient);
  };
  return state;
}

// Statements that change the schema (as opposed to reads, locks, and the migrator's own bookkeeping).
export function isSchemaChange(text) {
  const s = text.replace(/\s+/g, ' ').trim();
  if (!/^(CREATE|ALTER|DROP|COMMENT|GRANT|REVOKE|TRUNCATE|RENAME)\b/i.test(s)) return false;
  if (/^CREATE EXTENSION IF NOT EXISTS\b/i.test(s)) return false; // idempotent, reported separately
  if (/^CREATE SCHEMA IF NOT EXISTS\b/i.test(s)) return false;
  if (/^CREATE TABLE IF NOT EXISTS migrations\./i.test(s)) return false;
  return true;
}

// ------------------------------------------------------------------ connections
export async function connect(pg, url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    fail(1, `cannot connect to ${databaseNameOf(url) ?? url}: ${e.message}`);
  }
  await client.query(`SET TIME ZONE 'UTC'`);
  return client;
}

// The database name in a URL, also for socket URLs with an empty host ('postgresql://user@/db?host=/dir').
export function databaseNameOf(url) {
  const m = /^[a-z]+:\/\/[^/]*\/([^?#]*)/i.exec(url);
  return m && m[1] ? decodeURIComponent(m[1]) : null;
}

// Statements that change data in the application tables (the migrator must not do that on its own).
export function isDataChange(text) {
  const s = text.replace(/\s+/g, ' ').trim();
  if (!/^(INSERT|UPDATE|DELETE|TRUNCATE|MERGE)\b/i.test(s)) return false;
  return !/^(INSERT INTO|UPDATE|DELETE FROM|TRUNCATE( TABLE)?) "?migrations"?\./i.test(s);
}

// ------------------------------------------------------------------ canonical row dumps
export function canonicalType(formatType) {
  if (formatType === 'timestamp with time zone') return 'timestamptz';
  if (formatType === 'timestamp without time zone') return 'timestamp';
  if (formatType === 'character varying') return 'text';
  return formatType;
}

export async function tableColumns(client, schema, table) {
  const r = await client.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [schema, table]
  );
  return r.rows.map((x) => ({ name: x.name, type: canonicalType(x.type) }));
}

const qi = (name) => '"' + name.replace(/"/g, '""') + '"';

function selectExpression(col) {
  const c = qi(col.name);
  if (col.type === 'timestamptz') return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${c}`;
  if (col.type === 'timestamp') return `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${c}`;
  if (col.type === 'uuid' || col.type.startsWith('vector') || col.type === 'bigint') return `${c}::text AS ${c}`;
  return c;
}

function decodeValue(type, v) {
  if (v === null || v === undefined) return null;
  if (type.startsWith('vector')) return JSON.parse(v).map(Number);
  return v;
}

// Every row of a table in the manifest's canonical form (see README.md), ordered by its key.
// `columns` restricts the dump to those columns (all columns when omitted).
export async function dumpTable(client, table, { columns, where, params } = {}) {
  const cols = columns ?? (await tableColumns(client, 'public', table));
  const key = TABLE_KEYS[table] ?? [cols[0].name];
  const sqlText = `SELECT ${cols.map(selectExpression).join(', ')} FROM public.${qi(table)}${where ? ' WHERE ' + where : ''} ORDER BY ${key.map((k) => qi(k) + '::text').join(', ')}`;
  const r = await client.query(sqlText, params ?? []);
  return {
    columns: cols,
    rows: r.rows.map((row) => Object.fromEntries(cols.map((c) => [c.name, decodeValue(c.type, row[c.name])]))),
  };
}

export async function rowCounts(client, tables) {
  const out = {};
  for (const t of tables) {
    const [schema, name] = t.includes('.') ? t.split('.') : ['public', t];
    const exists = await client.query(
      `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r','p')`,
      [schema, name]
    );
    out[t] = exists.rows.length ? Number((await client.query(`SELECT count(*) AS n FROM ${qi(schema)}.${qi(name)}`)).rows[0].n) : null;
  }
  return out;
}

// ------------------------------------------------------------------ schema fingerprint
// Everything a migration could change, as sorted lines; two fingerprints are compared line by line.
export async function schemaFingerprint(client) {
  const lines = [];
  const q = async (sql) => (await client.query(sql)).rows;
  const userSchemas = `n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`;
  for (const r of await q(`SELECT nspname FROM pg_namespace n WHERE ${userSchemas}`)) lines.push(`schema ${r.nspname}`);
  for (const r of await q(`SELECT extname, extversion FROM pg_extension`)) lines.push(`extension ${r.extname} ${r.extversion}`);
  for (const r of await q(
    `SELECT n.nspname, c.relname, c.relkind, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${userSchemas} AND c.relkind IN ('r','p','v','m','S') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`
  ))
    lines.push(`relation ${r.nspname}.${r.relname} kind=${r.relkind} rls=${r.relrowsecurity}`);
  for (const r of await q(
    `SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE ${userSchemas} AND c.relkind IN ('r','p') AND a.attnum > 0 AND NOT a.attisdropped
        AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = c.oid AND x.deptype = 'e')`
  ))
    lines.push(`column ${r.nspname}.${r.relname}.${r.attname} ${r.type}${r.attnotnull ? ' not null' : ''}${r.def ? ' default ' + r.def : ''}`);
  for (const r of await q(
    `SELECT n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${userSchemas}`
  ))
    lines.push(`constraint ${r.nspname}.${r.relname}.${r.conname} ${r.def}`);
  for (const r of await q(
    `SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog','information_schema')`
  ))
    lines.push(`index ${r.schemaname}.${r.indexname} ${r.indexdef}`);
  for (const r of await q(
    `SELECT n.nspname, c.relname, p.polname, pg_get_expr(p.polqual, p.polrelid) AS qual FROM pg_policy p
       JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace`
  ))
    lines.push(`policy ${r.nspname}.${r.relname}.${r.polname} ${r.qual}`);
  for (const r of await q(
    `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${userSchemas} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`
  ))
    lines.push(`function ${r.nspname}.${r.proname}(${r.args})`);
  lines.sort();
  return { lines, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

export function diffLines(before, after) {
  const b = new Set(before);
  const a = new Set(after);
  return { removed: before.filter((x) => !a.has(x)), added: after.filter((x) => !b.has(x)) };
}

// ------------------------------------------------------------------ embeddings
// mulberry32: the small deterministic PRNG bench.mjs uses, so C# can produce the same vectors.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function vectorStream(seed, dim = EMBEDDING_DIM) {
  const rng = mulberry32(seed);
  return () => Array.from({ length: dim }, () => rng());
}
// What the plugin sends for a vector (MemoryStore.upsertEmbedding / searchByEmbedding round to 6 places).
export const pluginRounded = (v) => v.map((n) => (Number.isFinite(n) ? Number(n.toFixed(6)) : 0));

// ------------------------------------------------------------------ comparison rules (README.md)
// Microseconds since the epoch from a manifest timestamp ('2024-01-02T03:04:05.678901Z').
export function timestampMicros(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(iso);
  if (!m) throw new Error(`not a manifest timestamp: ${JSON.stringify(iso)}`);
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0)) * 60000;
  }
  return ms * 1000 + Number(frac.padEnd(6, '0'));
}

export function sameJson(a, b) {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (typeof a === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson(a[k], b[k]));
  }
  return false;
}

// Where two JSON values first differ, as '$.a.b[2]: expected 1, got 2' (null when they are equal).
export function jsonDifference(expected, actual, at = '$') {
  if (sameJson(expected, actual)) return null;
  const bothObjects = expected && actual && typeof expected === 'object' && typeof actual === 'object' && Array.isArray(expected) === Array.isArray(actual);
  if (bothObjects && Array.isArray(expected)) {
    if (expected.length !== actual.length) return `${at}: expected ${expected.length} items, got ${actual.length} (${show(actual)})`;
    for (let i = 0; i < expected.length; i++) {
      const d = jsonDifference(expected[i], actual[i], `${at}[${i}]`);
      if (d) return d;
    }
  } else if (bothObjects) {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (!(k in actual)) return `${at}.${k}: missing (expected ${show(expected[k])})`;
      if (!(k in expected)) return `${at}.${k}: unexpected (${show(actual[k])})`;
      const d = jsonDifference(expected[k], actual[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at}: expected ${show(expected)}, got ${show(actual)}`;
}

export function vectorDiff(expected, actual) {
  if (!Array.isArray(actual) && !(actual && typeof actual.length === 'number')) return { ok: false, why: `not a vector: ${typeof actual}` };
  const act = Array.from(actual, Number);
  if (act.length !== expected.length) return { ok: false, why: `dimension ${act.length}, expected ${expected.length}` };
  let max = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(expected[i] - act[i]);
    if (!(d <= max)) {
      max = d;
      at = i;
    }
  }
  return max <= VECTOR_TOLERANCE ? { ok: true, max } : { ok: false, why: `component ${at}: ${act[at]} vs ${expected[at]} (|diff| ${max} > ${VECTOR_TOLERANCE})` };
}

// Compares one value by its column type. `actual` may come from SQL (manifest form) or from the
// plugin's API (Date objects, epoch milliseconds, ISO strings): `precision` 'ms' compares
// timestamps truncated to milliseconds, which is all the JS API carries.
export function compareValue(type, expected, actual, precision = 'us') {
  const isNull = (x) => x === null || x === undefined;
  if (isNull(expected) || isNull(actual)) return isNull(expected) && isNull(actual) ? null : `expected ${show(expected)}, got ${show(actual)}`;
  if (type === 'timestamp' || type === 'timestamptz') {
    const e = timestampMicros(expected);
    let a;
    if (actual instanceof Date) a = actual.getTime() * 1000;
    else if (typeof actual === 'number') a = actual * 1000;
    else a = timestampMicros(String(actual));
    if (Number.isNaN(a)) return `expected ${expected}, got an invalid date (${show(actual)})`;
    const ok = precision === 'ms' ? Math.floor(e / 1000) === Math.floor(a / 1000) : e === a;
    return ok ? null : `expected ${expected}, got ${actual instanceof Date ? actual.toISOString() : show(actual)}`;
  }
  if (type.startsWith('vector')) {
    const d = vectorDiff(expected, actual);
    return d.ok ? null : d.why;
  }
  if (type === 'uuid') return String(expected).toLowerCase() === String(actual).toLowerCase() ? null : `expected ${expected}, got ${show(actual)}`;
  return jsonDifference(expected, actual);
}

export function show(v) {
  const s = v instanceof Date ? v.toISOString() : JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 160 ? s.slice(0, 157) + '...' : s;
}

export function writeJson(file, value) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

// A connection string for another database on the same server; keeps socket URLs with an empty host
// ('postgresql://user@/db?host=/dir') intact, which the URL class cannot parse.
export function urlForDatabase(url, dbName) {
  const m = /^([a-z]+:\/\/[^/?#]*)(?:\/[^?#]*)?(.*)$/i.exec(url);
  if (!m) throw new Error(`not a postgres URL: ${url}`);
  return `${m[1]}/${encodeURIComponent(dbName)}${m[2]}`;
}
