// Checks a database that another tool (ElizaGen) migrated and filled, as @elizaos/plugin-sql 1.7.2 sees it:
//  1. runs the plugin's migrator on it (twice, like two restarts) and reports what it wanted to do:
//     schema changes, data changes, a blocked destructive migration, errors, and its log;
//  2. reads every row of the manifest back through the plugin's adapter API and compares fields;
//  3. compares every manifest row with the database itself (SQL, exact) and the row counts.
//
//   POSTGRES_URL=postgresql://postgres@/db?host=/socketdir&port=5432 node read.mjs --manifest manifest.json
//
// Prints { ok, migration, summary, checks: [{ table, id, via, ok, detail }] }.
// Exit codes: 0 everything matches, 1 a mismatch or a migrator problem, 2 usage (no URL, bad manifest).
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  MANIFEST_FORMAT, MANIFEST_VERSION, PLUGIN_NAME, TABLE_KEYS, compareValue, connect, databaseNameOf, diffLines,
  dumpTable, fail, installTracer, isDataChange, isSchemaChange, loadPlugin, parseArgs, requireUrl, rowCounts,
  schemaFingerprint, show,
} from './common.mjs';

const args = parseArgs(process.argv.slice(2), ['manifest']);
const url = requireUrl();
if (!args.manifest) fail(2, 'give the manifest of the filled database: --manifest path/to/manifest.json');
const manifest = loadManifest(args.manifest);

const { pg, pluginSql, logs } = await loadPlugin();
const { createDatabaseAdapter, plugin, DatabaseMigrationService, setServerContext } = pluginSql;

// ------------------------------------------------------------------ manifest
function loadManifest(file) {
  let m;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(2, `cannot read the manifest ${file}: ${e.message}`);
  }
  if (m.format !== MANIFEST_FORMAT || m.version !== MANIFEST_VERSION)
    fail(2, `${file} is not an interop manifest (format ${show(m.format)} version ${show(m.version)}, expected ${MANIFEST_FORMAT} ${MANIFEST_VERSION}); see eng/interop/README.md`);
  if (!m.tables || typeof m.tables !== 'object') fail(2, `${file} has no "tables" object; see eng/interop/README.md`);
  for (const [t, spec] of Object.entries(m.tables)) {
    if (!Array.isArray(spec.rows) || !spec.columns || !Array.isArray(spec.key))
      fail(2, `${file}: table ${t} needs "key" (array), "columns" (object) and "rows" (array)`);
  }
  return m;
}
const rowsOf = (table) => manifest.tables[table]?.rows ?? [];
const typesOf = (table) => manifest.tables[table]?.columns ?? {};
const keyOf = (table, row) => manifest.tables[table].key.map((k) => row[k]).join('/');

// ------------------------------------------------------------------ adapters (one per agent and dimension)
const adapters = new Map();
async function adapterFor(agentId, dimension = 384) {
  const k = `${agentId}:${dimension}`;
  if (!adapters.has(k)) {
    const a = createDatabaseAdapter({ postgresUrl: url }, agentId ?? randomUUID());
    await a.ensureEmbeddingDimension(dimension);
    adapters.set(k, a);
  }
  return adapters.get(k);
}

// ------------------------------------------------------------------ migrator
async function migrationState() {
  const has = (await sqlClient.query(`SELECT to_regclass('migrations._migrations') IS NOT NULL AS has`)).rows[0].has;
  if (!has) return { migrations_schema: false };
  const r = await sqlClient.query(
    `SELECT (SELECT count(*) FROM migrations._migrations WHERE plugin_name = $1)::int AS migrations,
            (SELECT hash FROM migrations._migrations WHERE plugin_name = $1 ORDER BY created_at DESC LIMIT 1) AS last_hash,
            (SELECT count(*) FROM migrations._snapshots WHERE plugin_name = $1)::int AS snapshots`,
    [PLUGIN_NAME]
  );
  return { migrations_schema: true, ...r.rows[0] };
}

function outcomeOf(runLogs, error) {
  const has = (text) => runLogs.some((l) => l.msg.includes(text));
  if (has('Destructive migration blocked')) return 'blocked-destructive';
  if (error) return 'failed';
  if (has('No changes detected, skipping migration')) return 'up-to-date';
  if (has('Executing SQL statements')) return has('Created initial snapshot from existing database') ? 'introspected-then-migrated' : 'migrated';
  if (has('Created initial snapshot from existing database')) return 'introspected-no-changes';
  if (has('No schema changes') || has('No actionable changes') || has('No SQL statements to execute')) return 'no-schema-changes';
  return 'unknown';
}

async function migratorRun(label) {
  const fpBefore = await schemaFingerprint(sqlClient);
  const stateBefore = await migrationState();
  const logStart = logs.length;
  tracer.log = [];
  tracer.on = true;
  let error = null;
  let precheck;
  try {
    // what a restart does: a new service, initialised on the adapter's database, then all migrations
    const service = new DatabaseMigrationService();
    await service.initializeWithDatabase(primary.getDatabase());
    try {
      // read-only: the diff against the snapshot the database stores (null = no change)
      precheck = await service.getMigrator().checkMigration(PLUGIN_NAME, plugin.schema);
    } catch (e) {
      precheck = { error: e.message };
    }
    service.registerSchema(plugin.name, plugin.schema);
    await service.runAllPluginMigrations({ verbose: true, force: false, dryRun: false });
  } catch (e) {
    error = e?.message || String(e);
  } finally {
    tracer.on = false;
  }
  const statements = tracer.log;
  const runLogs = logs.slice(logStart);
  const fpAfter = await schemaFingerprint(sqlClient);
  const change = diffLines(fpBefore.lines, fpAfter.lines);
  const isPublic = (line) => / public\./.test(line);
  const outcome = outcomeOf(runLogs, error);
  const result = {
    run: label,
    outcome,
    error,
    precheck_against_stored_snapshot: precheck ?? null,
    state_before: stateBefore,
    state_after: await migrationState(),
    schema_changed: change.added.length + change.removed.length > 0,
    schema_diff: { public: { added: change.added.filter(isPublic), removed: change.removed.filter(isPublic) }, other: { added: change.added.filter((l) => !isPublic(l)), removed: change.removed.filter((l) => !isPublic(l)) } },
    statements_sent: statements.length,
    schema_change_statements: statements.filter((s) => isSchemaChange(s.text)).map((s) => ({ sql: s.text, ...(s.error ? { error: s.error } : {}) })),
    data_change_statements: statements.filter((s) => isDataChange(s.text)).map((s) => ({ sql: s.text, ...(s.error ? { error: s.error } : {}) })),
    failed_statements: statements.filter((s) => s.error).map((s) => ({ sql: s.text.slice(0, 300), error: s.error })),
    destructive_warnings: runLogs.flatMap((l) => (Array.isArray(l.context?.warnings) ? l.context.warnings : [])),
    log: runLogs
      .filter((l) => !['debug', 'trace'].includes(l.level))
      .map((l) => ({ level: l.level, msg: l.msg, ...(l.context && Object.keys(l.context).some((k) => k !== 'src') ? { context: l.context } : {}) })),
  };
  // the plugin's own init step (migrateToEntityRLS) swallows statements that fail on purpose; count as
  // problems only those that reached the database and changed it
  result.problems = [
    ...(error ? [`the migrator threw: ${error}`] : []),
    ...(outcome === 'blocked-destructive' ? ['the migrator wanted a destructive change and was blocked'] : []),
    ...result.schema_diff.public.added.map((l) => `schema gained: ${l}`),
    ...result.schema_diff.public.removed.map((l) => `schema lost: ${l}`),
    ...result.data_change_statements.filter((s) => !s.error).map((s) => `data changed by: ${s.sql.slice(0, 200)}`),
  ];
  return result;
}

async function checkMigrator() {
  const first = await migratorRun('first');
  const second = await migratorRun('second');
  if (second.outcome !== 'up-to-date') second.problems.push(`a second run should find nothing to do, it ended "${second.outcome}"`);
  const warnings = [];
  const bySchema = {};
  for (const l of first.schema_diff.other.added) {
    const m = /^(\w+) (?:([\w$]+)\.)?/.exec(l);
    const where = m[1] === 'schema' ? l.split(' ')[1] : m[1] === 'extension' ? 'extensions' : (m[2] ?? '?');
    bySchema[where] = (bySchema[where] ?? 0) + 1;
  }
  for (const [where, n] of Object.entries(bySchema))
    warnings.push(`outside the public schema the first run added ${n} object(s) in ${where} (runs[0].schema_diff.other)`);
  return { ok: first.problems.length === 0 && second.problems.length === 0, warnings, runs: [first, second] };
}

// ------------------------------------------------------------------ comparing
// fields: [column, apiField, transform(expected value) -> value the API returns]
function compareFields(table, row, actual, fields) {
  const types = typesOf(table);
  const diffs = [];
  for (const [column, apiField, transform] of fields) {
    if (!(column in types) || !(column in row)) continue; // the writer did not record this column
    const expected = transform ? transform(row[column]) : row[column];
    const d = compareValue(types[column], expected, actual?.[apiField], 'ms');
    if (d) diffs.push(`${apiField}: ${d}`);
  }
  return diffs;
}

async function check(table, id, via, fn) {
  try {
    const result = (await fn()) ?? [];
    if (typeof result === 'string') return void checks.push({ table, id, via, ok: true, detail: result }); // nothing to compare
    const diffs = result;
    checks.push({ table, id, via, ok: diffs.length === 0, detail: diffs.length ? diffs.join('; ') : 'ok' });
  } catch (e) {
    checks.push({ table, id, via, ok: false, detail: `threw: ${e?.message || e}` });
  }
}
const orUndefined = (v) => (v === null || v === '' ? undefined : v);
const orEmpty = (v) => v ?? '';
const contains = (list, value, what) => (list.map((x) => String(x).toLowerCase()).includes(String(value).toLowerCase()) ? [] : [`${what} does not list ${value}`]);

// ------------------------------------------------------------------ per table, through the API
async function checkTablesThroughApi() {
  // agents
  for (const row of rowsOf('agents')) {
    await check('agents', row.id, 'api:getAgent', async () => {
      const a = await (await adapterFor(row.id)).getAgent(row.id);
      if (!a) return ['getAgent returned null'];
      return compareFields('agents', row, a, [
        ['id', 'id'], ['enabled', 'enabled'], ['server_id', 'server_id'], ['created_at', 'createdAt'], ['updated_at', 'updatedAt'],
        ['name', 'name'], ['username', 'username', orEmpty], ['system', 'system', orUndefined], ['bio', 'bio', orEmpty],
        ['message_examples', 'messageExamples'], ['post_examples', 'postExamples'], ['topics', 'topics'], ['adjectives', 'adjectives'],
        ['knowledge', 'knowledge'], ['plugins', 'plugins'], ['settings', 'settings'], ['style', 'style'],
      ]);
    });
  }

  // servers (RLS bookkeeping): the plugin's only reader is setServerContext, which throws when the row is missing
  for (const row of rowsOf('servers')) {
    await check('servers', row.id, 'api:setServerContext', async () => {
      await setServerContext(primary, row.id);
      return [];
    });
  }

  // entities (with their components)
  const entityRows = rowsOf('entities');
  if (entityRows.length) {
    const found = (await primary.getEntitiesByIds(entityRows.map((r) => r.id))) ?? [];
    for (const row of entityRows) {
      await check('entities', row.id, 'api:getEntitiesByIds', async () => {
        const e = found.find((x) => x.id === row.id);
        if (!e) return ['not returned by getEntitiesByIds'];
        const diffs = compareFields('entities', row, e, [['id', 'id'], ['agent_id', 'agentId'], ['created_at', 'createdAt'], ['names', 'names'], ['metadata', 'metadata']]);
        const want = rowsOf('components').filter((c) => c.entity_id === row.id).map((c) => c.id).sort();
        const got = (e.components ?? []).map((c) => c.id).sort();
        if (want.join() !== got.join()) diffs.push(`components: expected [${want}], got [${got}]`);
        return diffs;
      });
    }
  }

  for (const row of rowsOf('components')) {
    await check('components', row.id, 'api:getComponents', async () => {
      const list = await (await adapterFor(row.agent_id)).getComponents(row.entity_id);
      const c = list.find((x) => x.id === row.id);
      if (!c) return [`getComponents(${row.entity_id}) does not return it`];
      return compareFields('components', row, c, [
        ['id', 'id'], ['entity_id', 'entityId'], ['agent_id', 'agentId'], ['room_id', 'roomId'], ['world_id', 'worldId', orEmpty],
        ['source_entity_id', 'sourceEntityId', orEmpty], ['type', 'type'], ['data', 'data'], ['created_at', 'createdAt'],
      ]);
    });
  }

  for (const row of rowsOf('worlds')) {
    await check('worlds', row.id, 'api:getWorld', async () => {
      const w = await (await adapterFor(row.agent_id)).getWorld(row.id);
      if (!w) return ['getWorld returned null'];
      return compareFields('worlds', row, w, [
        ['id', 'id'], ['agent_id', 'agentId'], ['name', 'name'], ['metadata', 'metadata'], ['message_server_id', 'messageServerId'], ['created_at', 'createdAt'],
      ]);
    });
  }

  for (const row of rowsOf('rooms')) {
    await check('rooms', row.id, 'api:getRoomsByIds', async () => {
      if (!row.agent_id) return 'skipped: getRoomsByIds only returns rooms of the calling agent, and this room has none';
      const rooms = (await (await adapterFor(row.agent_id)).getRoomsByIds([row.id])) ?? [];
      const r = rooms.find((x) => x.id === row.id);
      if (!r) return ['getRoomsByIds did not return it'];
      return compareFields('rooms', row, r, [
        ['id', 'id'], ['agent_id', 'agentId'], ['source', 'source'], ['type', 'type'], ['message_server_id', 'messageServerId'],
        ['world_id', 'worldId'], ['name', 'name', orUndefined], ['metadata', 'metadata'], ['channel_id', 'channelId'],
      ]);
    });
  }

  for (const row of rowsOf('participants')) {
    await check('participants', row.id, 'api:getParticipantsForRoom+getParticipantUserState+getParticipantsForEntity', async () => {
      const a = await adapterFor(row.agent_id);
      const diffs = [...contains(await a.getParticipantsForRoom(row.room_id), row.entity_id, `getParticipantsForRoom(${row.room_id})`)];
      if (!(await a.isRoomParticipant(row.room_id, row.entity_id))) diffs.push('isRoomParticipant is false');
      const state = await a.getParticipantUserState(row.room_id, row.entity_id);
      if ((state ?? null) !== (row.room_state ?? null)) diffs.push(`getParticipantUserState: expected ${show(row.room_state)}, got ${show(state)}`);
      const forEntity = await a.getParticipantsForEntity(row.entity_id);
      diffs.push(...contains(forEntity.map((p) => p.id), row.id, `getParticipantsForEntity(${row.entity_id})`));
      return diffs;
    });
  }

  for (const row of rowsOf('relationships')) {
    await check('relationships', row.id, 'api:getRelationships', async () => {
      const a = await adapterFor(row.agent_id);
      const all = await a.getRelationships({ entityId: row.source_entity_id });
      const r = all.find((x) => x.id === row.id);
      if (!r) return [`getRelationships(${row.source_entity_id}) does not return it`];
      const diffs = compareFields('relationships', row, r, [
        ['id', 'id'], ['created_at', 'createdAt'], ['source_entity_id', 'sourceEntityId'], ['target_entity_id', 'targetEntityId'],
        ['agent_id', 'agentId'], ['tags', 'tags', (v) => v ?? []], ['metadata', 'metadata', (v) => v ?? {}],
      ]);
      if (row.tags?.length) {
        const tagged = await a.getRelationships({ entityId: row.target_entity_id, tags: [row.tags[0]] });
        diffs.push(...contains(tagged.map((x) => x.id), row.id, `getRelationships(target, tags=[${row.tags[0]}])`));
      }
      const samePair = rowsOf('relationships').filter((x) => x.source_entity_id === row.source_entity_id && x.target_entity_id === row.target_entity_id);
      if (samePair.length === 1) {
        const one = await a.getRelationship({ sourceEntityId: row.source_entity_id, targetEntityId: row.target_entity_id });
        if (one?.id !== row.id) diffs.push(`getRelationship(source, target) returned ${show(one?.id)}`);
      }
      return diffs;
    });
  }

  // memories, with their embeddings
  const embeddingOf = (memoryId) => {
    const e = rowsOf('embeddings').find((x) => x.memory_id === memoryId);
    if (!e) return null;
    const column = Object.keys(typesOf('embeddings')).find((c) => /^dim_\d+$/.test(c) && e[c] !== null && e[c] !== undefined);
    return column ? { dimension: Number(column.slice(4)), vector: e[column], type: typesOf('embeddings')[column] } : null;
  };
  for (const row of rowsOf('memories')) {
    const emb = embeddingOf(row.id);
    const a = await adapterFor(row.agent_id, emb?.dimension ?? 384);
    await check('memories', row.id, 'api:getMemoryById', async () => {
      const m = await a.getMemoryById(row.id);
      if (!m) return ['getMemoryById returned null'];
      const diffs = compareFields('memories', row, m, [
        ['id', 'id'], ['created_at', 'createdAt'], ['content', 'content'], ['entity_id', 'entityId'], ['agent_id', 'agentId'],
        ['room_id', 'roomId'], ['unique', 'unique'], ['metadata', 'metadata'],
      ]);
      if (emb) {
        const d = compareValue(emb.type, emb.vector, m.embedding);
        if (d) diffs.push(`embedding: ${d}`);
      } else if (m.embedding !== undefined && m.embedding !== null) diffs.push(`embedding: expected none, got ${m.embedding.length} components`);
      return diffs;
    });
    await check('memories', row.id, 'api:getMemories+getMemoriesByIds', async () => {
      const diffs = [];
      const list = await a.getMemories({ tableName: row.type, roomId: row.room_id ?? undefined, count: 100000 });
      const hit = list.find((x) => x.id === row.id);
      if (!hit) diffs.push(`getMemories(${row.type}, room ${row.room_id}) does not return it`);
      else if (hit.type !== row.type) diffs.push(`getMemories type: expected ${row.type}, got ${hit.type}`);
      const byIds = await a.getMemoriesByIds([row.id], row.type);
      if (byIds.length !== 1 || byIds[0].id !== row.id) diffs.push(`getMemoriesByIds([id], ${row.type}) returned ${byIds.length} rows`);
      return diffs;
    });
    if (emb) {
      await check('memories', row.id, 'api:searchMemories', async () => {
        const found = await a.searchMemories({ tableName: row.type, embedding: emb.vector, count: 5 });
        if (!found.length) return ['searchMemories with its own embedding returned nothing'];
        const top = found[0].similarity;
        // rows with an identical embedding tie; any of them may come first
        const tied = found.filter((x) => Math.abs(x.similarity - top) <= 1e-9).map((x) => x.id);
        const diffs = [];
        if (!tied.includes(row.id)) diffs.push(`searchMemories returned ${found[0].id} first (similarity ${top}), not this row`);
        if (!(top >= 1 - 1e-5)) diffs.push(`similarity of the stored embedding to itself is ${top}, expected 1`);
        const self = found.find((x) => x.id === row.id);
        if (self) diffs.push(...compareFields('memories', row, self, [['world_id', 'worldId'], ['type', 'type']]));
        return diffs;
      });
    }
  }

  for (const row of rowsOf('embeddings')) {
    await check('embeddings', row.id, 'api:getMemoriesByIds(embedding)', async () => {
      const emb = embeddingOf(row.memory_id);
      const memory = rowsOf('memories').find((m) => m.id === row.memory_id);
      if (!emb || !memory) return [`no memory ${row.memory_id} or no vector in the manifest for this embedding`];
      const list = await (await adapterFor(memory.agent_id, emb.dimension)).getMemoriesByIds([row.memory_id]);
      if (list.length !== 1) return [`getMemoriesByIds([${row.memory_id}]) returned ${list.length} rows`];
      const d = compareValue(emb.type, emb.vector, list[0].embedding);
      return d ? [`embedding: ${d}`] : [];
    });
  }

  for (const row of rowsOf('cache')) {
    await check('cache', `${row.key}/${row.agent_id}`, 'api:getCache', async () => {
      const v = await (await adapterFor(row.agent_id)).getCache(row.key);
      const d = compareValue(typesOf('cache').value ?? 'jsonb', row.value, v);
      return d ? [`value: ${d}`] : [];
    });
  }

  for (const row of rowsOf('tasks')) {
    await check('tasks', row.id, 'api:getTask+getTasks+getTasksByName', async () => {
      const a = await adapterFor(row.agent_id);
      const t = await a.getTask(row.id);
      if (!t) return ['getTask returned null'];
      const diffs = compareFields('tasks', row, t, [
        ['id', 'id'], ['name', 'name'], ['description', 'description', orEmpty], ['room_id', 'roomId'], ['world_id', 'worldId'],
        ['tags', 'tags', (v) => v || []], ['metadata', 'metadata', (v) => v || {}],
      ]);
      const listed = await a.getTasks({ roomId: row.room_id ?? undefined, tags: row.tags?.length ? row.tags : undefined });
      diffs.push(...contains(listed.map((x) => x.id), row.id, `getTasks(room ${row.room_id}, tags ${show(row.tags)})`));
      diffs.push(...contains((await a.getTasksByName(row.name)).map((x) => x.id), row.id, `getTasksByName(${row.name})`));
      return diffs;
    });
  }

  for (const row of rowsOf('logs')) {
    await check('logs', row.id, 'api:getLogs', async () => {
      const list = await primary.getLogs({ roomId: row.room_id, type: row.type, count: 100000 });
      const l = list.find((x) => x.id === row.id);
      if (!l) return [`getLogs(room ${row.room_id}, type ${row.type}) does not return it`];
      return compareFields('logs', row, l, [['id', 'id'], ['created_at', 'createdAt'], ['entity_id', 'entityId'], ['body', 'body'], ['type', 'type'], ['room_id', 'roomId']]);
    });
  }

  for (const row of rowsOf('message_servers')) {
    await check('message_servers', row.id, 'api:getMessageServerById+getMessageServers', async () => {
      const s = await primary.getMessageServerById(row.id);
      if (!s) return ['getMessageServerById returned null'];
      const diffs = compareFields('message_servers', row, s, [
        ['id', 'id'], ['name', 'name'], ['source_type', 'sourceType'], ['source_id', 'sourceId', orUndefined], ['metadata', 'metadata', orUndefined],
        ['created_at', 'createdAt'], ['updated_at', 'updatedAt'],
      ]);
      diffs.push(...contains((await primary.getMessageServers()).map((x) => x.id), row.id, 'getMessageServers()'));
      return diffs;
    });
  }

  for (const row of rowsOf('channels')) {
    await check('channels', row.id, 'api:getChannelDetails+getChannelsForMessageServer', async () => {
      const c = await primary.getChannelDetails(row.id);
      if (!c) return ['getChannelDetails returned null'];
      const diffs = compareFields('channels', row, c, [
        ['id', 'id'], ['message_server_id', 'messageServerId'], ['name', 'name'], ['type', 'type'], ['source_type', 'sourceType', orUndefined],
        ['source_id', 'sourceId', orUndefined], ['topic', 'topic', orUndefined], ['metadata', 'metadata', orUndefined], ['created_at', 'createdAt'], ['updated_at', 'updatedAt'],
      ]);
      diffs.push(...contains((await primary.getChannelsForMessageServer(row.message_server_id)).map((x) => x.id), row.id, `getChannelsForMessageServer(${row.message_server_id})`));
      return diffs;
    });
  }

  for (const row of rowsOf('channel_participants')) {
    await check('channel_participants', `${row.channel_id}/${row.entity_id}`, 'api:getChannelParticipants+isChannelParticipant', async () => {
      const diffs = contains(await primary.getChannelParticipants(row.channel_id), row.entity_id, `getChannelParticipants(${row.channel_id})`);
      if (!(await primary.isChannelParticipant(row.channel_id, row.entity_id))) diffs.push('isChannelParticipant is false');
      return diffs;
    });
  }

  for (const row of rowsOf('central_messages')) {
    await check('central_messages', row.id, 'api:getMessageById+getMessagesForChannel', async () => {
      const m = await primary.getMessageById(row.id);
      if (!m) return ['getMessageById returned null'];
      const diffs = compareFields('central_messages', row, m, [
        ['id', 'id'], ['channel_id', 'channelId'], ['author_id', 'authorId'], ['content', 'content'], ['raw_message', 'rawMessage', orUndefined],
        ['in_reply_to_root_message_id', 'inReplyToRootMessageId'], ['source_type', 'sourceType', orUndefined], ['source_id', 'sourceId', orUndefined],
        ['metadata', 'metadata', orUndefined], ['created_at', 'createdAt'], ['updated_at', 'updatedAt'],
      ]);
      diffs.push(...contains((await primary.getMessagesForChannel(row.channel_id, 100000)).map((x) => x.id), row.id, `getMessagesForChannel(${row.channel_id})`));
      return diffs;
    });
  }

  for (const row of rowsOf('message_server_agents')) {
    await check('message_server_agents', `${row.message_server_id}/${row.agent_id}`, 'api:getAgentsForMessageServer', async () =>
      contains(await primary.getAgentsForMessageServer(row.message_server_id), row.agent_id, `getAgentsForMessageServer(${row.message_server_id})`)
    );
  }
}

// ------------------------------------------------------------------ every manifest row and count, with SQL
async function checkTablesWithSql() {
  const known = Object.keys(manifest.tables);
  for (const table of known) {
    const spec = manifest.tables[table];
    const columns = Object.entries(spec.columns).map(([name, type]) => ({ name, type }));
    const exists = (await sqlClient.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`public."${table}"`])).rows[0].ok;
    if (!exists) {
      checks.push({ table, id: '*', via: 'sql', ok: false, detail: `table public.${table} does not exist` });
      continue;
    }
    const actualColumns = new Map((await dumpColumns(table)).map((c) => [c.name, c.type]));
    const missing = columns.filter((c) => !actualColumns.has(c.name)).map((c) => c.name);
    const retyped = columns.filter((c) => actualColumns.has(c.name) && actualColumns.get(c.name) !== c.type).map((c) => `${c.name} is ${actualColumns.get(c.name)}, manifest says ${c.type}`);
    if (missing.length || retyped.length) checks.push({ table, id: '*', via: 'sql:columns', ok: false, detail: [...missing.map((m) => `column ${m} missing`), ...retyped].join('; ') });
    const present = columns.filter((c) => actualColumns.has(c.name)).map((c) => ({ name: c.name, type: actualColumns.get(c.name) }));
    const { rows } = await dumpTable(sqlClient, table, { columns: present });
    const byKey = new Map(rows.map((r) => [spec.key.map((k) => String(r[k])).join('/'), r]));
    for (const row of spec.rows) {
      const id = keyOf(table, row);
      const actual = byKey.get(spec.key.map((k) => String(row[k])).join('/'));
      if (!actual) {
        checks.push({ table, id, via: 'sql', ok: false, detail: 'row not found' });
        continue;
      }
      const diffs = [];
      for (const c of present) {
        if (!(c.name in row)) continue;
        const d = compareValue(spec.columns[c.name], row[c.name], actual[c.name], 'us');
        if (d) diffs.push(`${c.name}: ${d}`);
      }
      checks.push({ table, id, via: 'sql', ok: diffs.length === 0, detail: diffs.length ? diffs.join('; ') : 'ok' });
    }
  }
  const counts = await rowCounts(sqlClient, Object.keys(manifest.row_counts ?? {}));
  for (const [table, expected] of Object.entries(manifest.row_counts ?? {})) {
    const got = counts[table];
    checks.push({ table, id: '*', via: 'sql:count', ok: got === expected, detail: got === expected ? `${got} rows` : `expected ${expected} rows, found ${got}` });
  }
}

async function dumpColumns(table) {
  const { columns } = await dumpTable(sqlClient, table, { where: 'false' });
  return columns;
}

// ------------------------------------------------------------------ main (last: it uses everything above)
const sqlClient = await connect(pg, url);
const agentIds = (manifest.tables.agents?.rows ?? []).map((r) => r.id);
const primary = createDatabaseAdapter({ postgresUrl: url }, agentIds[0] ?? randomUUID());
const tracer = installTracer(await primary.getConnection());
const checks = [];
let migration;
try {
  migration = await checkMigrator();
  await checkTablesThroughApi();
  await checkTablesWithSql();
} catch (e) {
  checks.push({ table: '*', id: '*', via: 'read.mjs', ok: false, detail: `read.mjs stopped: ${e?.stack || e}` });
} finally {
  await primary.close(); // every adapter of this process shares its pool
  await sqlClient.end();
}

const failed = checks.filter((c) => !c.ok);
const ok = failed.length === 0 && migration?.ok === true;
const perTable = {};
for (const c of checks) {
  perTable[c.table] ??= { checks: 0, failed: 0 };
  perTable[c.table].checks++;
  if (!c.ok) perTable[c.table].failed++;
}
const verdict = {
  ok,
  manifest: args.manifest,
  database: databaseNameOf(url),
  written_by: manifest.writer?.tool ?? null,
  migration,
  summary: { checks: checks.length, failed: failed.length, per_table: perTable },
  failed_checks: failed,
  checks,
};
process.stdout.write(JSON.stringify(verdict, null, 2) + '\n');
process.exitCode = ok ? 0 : 1;

