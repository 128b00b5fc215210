// Migrates an EXISTING EMPTY database with @elizaos/plugin-sql 1.7.2 and fills it, through the plugin's
// adapter API, with the data set of dataset.mjs (every table of the plugin). Prints a JSON manifest of
// what is in the database afterwards (read back with SQL) and writes it to --manifest when given.
//
//   POSTGRES_URL=postgresql://postgres@/interop_x?host=/socketdir&port=5432 node fill.mjs [--manifest out.json]
//
// Exit codes: 0 written, 1 the plugin or the database failed, 2 usage (no URL, database not empty).
import os from 'node:os';
import {
  EMBEDDING_DIM, MANIFEST_FORMAT, MANIFEST_VERSION, MIGRATION_TABLES, PLUGIN_NAME, TABLE_KEYS,
  connect, databaseNameOf, dumpTable, fail, installTracer, isSchemaChange, loadPlugin, parseArgs,
  pluginRounded, requireUrl, rowCounts, vectorStream, writeJson,
} from './common.mjs';
import * as data from './dataset.mjs';

const args = parseArgs(process.argv.slice(2), ['manifest']);
const url = requireUrl();
const EMBEDDING_SEED = 42;

const { pg, pluginSql, logs, versions } = await loadPlugin();
const { createDatabaseAdapter, plugin, getOrCreateRlsServer, assignAgentToServer } = pluginSql;

const state = { migration: null, embeddingStream: [], sqlWrites: [], uniqueDecided: {} };
const sqlClient = await connect(pg, url);
await refuseNonEmpty(sqlClient);
// both adapters share one pool: the plugin keeps one connection manager per process
const adapters = {
  alice: createDatabaseAdapter({ postgresUrl: url }, data.ID.agentAlice),
  bob: createDatabaseAdapter({ postgresUrl: url }, data.ID.agentBob),
};
try {
  await writeEverything(adapters);
  const manifest = await buildManifest(sqlClient);
  const json = JSON.stringify(manifest, null, 2);
  if (args.manifest) writeJson(args.manifest, manifest);
  process.stdout.write(json + '\n');
} catch (e) {
  process.stderr.write(`fill.mjs: ${e?.stack || e}\n`);
  const errors = logs.filter((l) => l.level === 'error' || l.level === 'fatal');
  if (errors.length) process.stderr.write(`plugin errors logged:\n${errors.map((l) => '  ' + l.msg + ' ' + JSON.stringify(l.context ?? {})).join('\n')}\n`);
  process.exitCode = 1;
} finally {
  await adapters.alice.close();
  await sqlClient.end();
}

async function refuseNonEmpty(client) {
  const r = await client.query(
    `SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')::int AS tables,
            (SELECT count(*) FROM pg_namespace WHERE nspname = 'migrations')::int AS migrations`
  );
  const { tables, migrations } = r.rows[0];
  if (tables > 0 || migrations > 0)
    fail(2, `database "${databaseNameOf(url)}" is not empty (${tables} tables in public, migrations schema ${migrations ? 'present' : 'absent'}); give fill.mjs a freshly created database (eng/interop.sh creates one)`);
}

async function writeEverything(by) {
  const { alice } = by;
  await alice.init();
  if (!(await alice.isReady())) throw new Error(`cannot connect to ${databaseNameOf(url)} through the plugin's pool`);
  const tracer = installTracer(await alice.getConnection());

  // ---- migrations
  const logStart = logs.length;
  tracer.on = true;
  await alice.runPluginMigrations([{ name: plugin.name, schema: plugin.schema }], { verbose: false, force: false, dryRun: false });
  tracer.on = false;
  state.migration = {
    statements: tracer.log.length,
    schema_changes: tracer.log.filter((s) => isSchemaChange(s.text)).length,
    failed_statements: tracer.log.filter((s) => s.error).map((s) => ({ sql: s.text.slice(0, 200), error: s.error })),
    log: logs.slice(logStart).filter((l) => l.level !== 'debug' && l.level !== 'trace').map((l) => `${l.level}: ${l.msg}`),
  };

  for (const a of Object.values(by)) await a.ensureEmbeddingDimension(EMBEDDING_DIM);
  const must = async (what, promise) => {
    const r = await promise;
    if (r === false) throw new Error(`${what} returned false (see the plugin's error log)`);
    return r;
  };

  // ---- agents, RLS server
  for (const a of data.agents) await must(`createAgent ${a.value.name}`, by[a.adapter].createAgent(structuredClone(a.value)));
  await getOrCreateRlsServer(alice, data.ID.rlsServer);
  await assignAgentToServer(alice, data.ID.agentAlice, data.ID.rlsServer);

  // ---- entities
  for (const [who, list] of Object.entries(data.entities)) await must(`createEntities (${who})`, by[who].createEntities(structuredClone(list)));

  // ---- message servers (worlds and rooms point at them)
  for (const s of data.messageServers) await alice.createMessageServer(structuredClone(s));
  for (const [serverId, agentId] of data.messageServerAgents) await alice.addAgentToMessageServer(serverId, agentId);

  // ---- worlds, rooms, components, participants
  for (const w of data.worlds) await by[w.adapter].createWorld(structuredClone(w.value));
  for (const [who, list] of Object.entries(data.rooms)) await by[who].createRooms(structuredClone(list));
  for (const c of data.components) await must(`createComponent ${c.id}`, alice.createComponent(structuredClone(c)));
  for (const p of data.participants) {
    await must(`addParticipantsRoom ${p.roomId}`, by[p.adapter].addParticipantsRoom(p.entityIds, p.roomId));
    if (p.state) await by[p.adapter].setParticipantUserState(p.roomId, p.state.entityId, p.state.value);
  }

  // ---- relationships
  for (const r of data.relationships) await must('createRelationship', by[r.adapter].createRelationship(structuredClone(r.value)));

  // ---- memories (+ embeddings)
  const nextVector = vectorStream(EMBEDDING_SEED);
  let vectorIndex = 0;
  for (const m of data.memories) {
    const memory = structuredClone(m.value);
    if (m.unique !== undefined) memory.unique = m.unique;
    if (m.embed) {
      memory.embedding = nextVector();
      state.embeddingStream.push({ memory_id: memory.id, index: vectorIndex++ });
    }
    const createdId = await by[m.adapter].createMemory(memory, m.table);
    if (createdId !== memory.id) throw new Error(`createMemory returned ${createdId}, expected ${memory.id}`);
    if (m.unique === undefined) state.uniqueDecided[memory.id] = memory.unique; // the plugin sets it on the object
  }

  // ---- cache
  for (const c of data.cache) {
    await must(`setCache ${c.key}`, by[c.adapter].setCache(c.key, structuredClone(c.value)));
    if (c.expiresAt) {
      const agentId = c.adapter === 'alice' ? data.ID.agentAlice : data.ID.agentBob;
      await sqlClient.query(`UPDATE cache SET expires_at = $1 WHERE key = $2 AND agent_id = $3`, [c.expiresAt, c.key, agentId]);
      state.sqlWrites.push(`cache.expires_at of (${c.key}, ${agentId}) = ${c.expiresAt}: setCache has no expiry parameter`);
    }
  }

  // ---- tasks, logs
  for (const t of data.tasks) await by[t.adapter].createTask(structuredClone(t.value));
  for (const l of data.logs) await by[l.adapter].log(structuredClone(l.value));

  // ---- channels, channel participants, central messages
  for (const c of data.channels) {
    await alice.createChannel(structuredClone(c.value), c.participants);
    if (c.addedLater.length) await alice.addChannelParticipants(c.value.id, c.addedLater);
  }
  for (const m of data.centralMessages) await alice.createMessage(structuredClone(m));
}

async function buildManifest(client) {
  const tables = {};
  for (const table of Object.keys(TABLE_KEYS)) {
    const { columns, rows } = await dumpTable(client, table);
    tables[table] = { key: TABLE_KEYS[table], columns: Object.fromEntries(columns.map((c) => [c.name, c.type])), rows };
  }
  const counts = await rowCounts(client, [...Object.keys(TABLE_KEYS), ...MIGRATION_TABLES]);
  const server = (await client.query(`SELECT current_setting('server_version') AS v, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector`)).rows[0];
  const lastMigration = (await client.query(`SELECT hash FROM migrations._migrations WHERE plugin_name = $1 ORDER BY created_at DESC LIMIT 1`, [PLUGIN_NAME])).rows[0];
  const publicTables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename);
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    writer: {
      tool: 'eng/interop/fill.mjs',
      library: versions,
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      written_at: new Date().toISOString(),
    },
    database: { name: databaseNameOf(url), server_version: server.v, pgvector: server.vector, public_tables: publicTables },
    migration: { plugin_name: PLUGIN_NAME, hash: lastMigration?.hash ?? null, ...state.migration },
    embeddings: {
      dimension: EMBEDDING_DIM,
      column: `dim_${EMBEDDING_DIM}`,
      generator: `mulberry32(${EMBEDDING_SEED}), ${EMBEDDING_DIM} calls per vector, each uniform in [0,1); the plugin rounds each component to 6 decimals before sending it; pgvector stores float4`,
      tolerance: 1e-6,
      stream: state.embeddingStream,
      // a reader that cannot store vectors can regenerate them: vector i = pluginRounded(mulberry32 draws 384*i .. 384*i+383)
      first_components_of_vector_0: pluginRounded(vectorStream(EMBEDDING_SEED)()).slice(0, 4),
    },
    notes: {
      written_with_sql: state.sqlWrites,
      unique_decided_by_plugin: state.uniqueDecided,
      generated_by_plugin_or_database: [
        'relationships.id, participants.id, logs.id, embeddings.id (random UUIDs)',
        'created_at of entities, worlds, rooms, components, participants, relationships, embeddings, cache, logs (now())',
        'created_at/updated_at of tasks, message_servers, channels, central_messages (new Date() in the plugin)',
      ],
    },
    tables,
    row_counts: Object.fromEntries(Object.keys(TABLE_KEYS).map((t) => [t, counts[t]])),
    migrations_row_counts: Object.fromEntries(MIGRATION_TABLES.map((t) => [t, counts[t]])),
  };
}
