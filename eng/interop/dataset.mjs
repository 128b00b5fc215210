// The data set fill.mjs writes through @elizaos/plugin-sql. Fixed ids and timestamps wherever the
// plugin's API accepts them; what the plugin or the database generates (random ids of relationships,
// participants, logs and embeddings; now() timestamps) is recorded in the manifest from a read-back.

const id = (prefix, n) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const ID = {
  agentAlice: id('aaaaaaaa', 1),
  agentBob: id('aaaaaaaa', 2),
  rlsServer: id('5e5e5e5e', 1),
  userAlice: id('eeeeeeee', 1),
  userZoe: id('eeeeeeee', 2),
  userNameless: id('eeeeeeee', 3),
  worldAlice: id('dddddddd', 1),
  worldBob: id('dddddddd', 2),
  roomGeneral: id('bbbbbbbb', 1),
  roomDm: id('bbbbbbbb', 2),
  roomBob: id('bbbbbbbb', 3),
  componentProfile: id('cccccccc', 1),
  componentSettings: id('cccccccc', 2),
  componentZoe: id('cccccccc', 3),
  taskRepeat: id('7a570000', 1),
  taskOnce: id('7a570000', 2),
  taskBob: id('7a570000', 3),
  messageServer: id('35353535', 1),
  messageServerBare: id('35353535', 2),
  channelGeneral: id('c4c4c4c4', 1),
  channelDm: id('c4c4c4c4', 2),
  centralHello: id('ce0ce0ce', 1),
  centralReply: id('ce0ce0ce', 2),
  centralDm: id('ce0ce0ce', 3),
};
const mem = (n) => id('ffffffff', n);

// 2024-01-02T03:04:05.678Z
export const BASE_MS = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

export const agents = [
  {
    adapter: 'alice',
    value: {
      id: ID.agentAlice,
      name: 'Interop Alice',
      username: 'interop_alice',
      system: 'You are Alice, an interop test agent.',
      bio: ['Line one of the bio.', 'Line two — with ünïcödé and "quotes".'],
      messageExamples: [
        [
          { name: '{{user1}}', content: { text: 'Hi Alice' } },
          { name: 'Interop Alice', content: { text: 'Hello!', actions: ['REPLY'] } },
        ],
      ],
      postExamples: ['A post example'],
      topics: ['databases', 'interop'],
      adjectives: ['precise', 'curious'],
      knowledge: ['Plain knowledge string', { path: 'docs/guide.md', shared: true }],
      plugins: ['@elizaos/plugin-sql', '@elizaos/plugin-bootstrap'],
      settings: {
        secrets: { OPENAI_API_KEY: 'sk-test-not-a-real-key', FLAG: true, LIMIT: 5 },
        model: {
          name: 'gpt-test',
          temperature: 0.7,
          stop: ['\n\n', 'END'],
          nested: { deep: { deeper: { value: 42, list: [1, 'two', { three: 3 }], empty: {}, nothing: null } } },
        },
        voice: { model: 'en_US-male-medium' },
        ratio: 0.1,
        negative: -3.5,
        maxSafeInteger: 9007199254740991,
      },
      style: { all: ['concise'], chat: ['friendly'], post: ['formal'] },
      enabled: true,
      createdAt: BASE_MS,
      updatedAt: BASE_MS + 1000,
    },
  },
  {
    adapter: 'bob',
    value: {
      // username, system, message examples, topics ... left to the column defaults
      id: ID.agentBob,
      name: 'Interop Bob',
      bio: 'A single-string bio',
      settings: { nested: { a: { b: { c: 'd', list: [] } } }, secrets: {} },
      enabled: false,
      createdAt: BASE_MS + 2000,
      updatedAt: BASE_MS + 2000,
    },
  },
];

export const entities = {
  alice: [
    { id: ID.agentAlice, agentId: ID.agentAlice, names: ['Interop Alice'], metadata: {} },
    {
      id: ID.userAlice,
      agentId: ID.agentAlice,
      names: ['Alice User', 'alice'],
      metadata: { discord: { userName: 'alice#0001', roles: ['admin', 'member'] }, email: 'alice@example.invalid', score: 1.5 },
    },
    { id: ID.userZoe, agentId: ID.agentAlice, names: ['Zoë 🚀', 'zoe'], metadata: { telegram: { id: 123456789 } } },
    { id: ID.userNameless, agentId: ID.agentAlice, names: [], metadata: {} },
  ],
  bob: [{ id: ID.agentBob, agentId: ID.agentBob, names: ['Interop Bob'], metadata: { self: true } }],
};

export const messageServers = [
  { id: ID.messageServer, name: 'Interop Server', sourceType: 'eliza_default', sourceId: 'interop-src-1', metadata: { region: 'test', tags: ['a', 'b'] } },
  { id: ID.messageServerBare, name: 'Bare Server', sourceType: 'discord' },
];

export const worlds = [
  {
    adapter: 'alice',
    value: {
      id: ID.worldAlice,
      name: 'Interop World',
      agentId: ID.agentAlice,
      messageServerId: ID.messageServer,
      metadata: {
        ownership: { ownerId: ID.userAlice },
        roles: { [ID.userAlice]: 'OWNER', [ID.userZoe]: 'NONE' },
        settings: { welcome: { name: 'welcome', value: 'hi', required: false } },
      },
    },
  },
  { adapter: 'bob', value: { id: ID.worldBob, name: 'Bob World', agentId: ID.agentBob } },
];

export const rooms = {
  alice: [
    {
      id: ID.roomGeneral,
      name: 'general',
      source: 'discord',
      type: 'GROUP',
      channelId: ID.channelGeneral,
      messageServerId: ID.messageServer,
      worldId: ID.worldAlice,
      metadata: { topic: 'interop', pinned: [1, 2] },
    },
    { id: ID.roomDm, source: 'api', type: 'DM' },
  ],
  bob: [{ id: ID.roomBob, name: 'bob-room', source: 'telegram', type: 'API', worldId: ID.worldBob }],
};

export const components = [
  {
    id: ID.componentProfile,
    entityId: ID.userAlice,
    agentId: ID.agentAlice,
    roomId: ID.roomGeneral,
    worldId: ID.worldAlice,
    sourceEntityId: ID.agentAlice,
    type: 'profile',
    data: { bio: 'likes SQL', prefs: { theme: 'dark', langs: ['en', 'fr'] } },
  },
  { id: ID.componentSettings, entityId: ID.userAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral, type: 'settings', data: {} },
  { id: ID.componentZoe, entityId: ID.userZoe, agentId: ID.agentAlice, roomId: ID.roomDm, worldId: ID.worldAlice, type: 'profile', data: { emoji: '🚀' } },
];

// [adapter, entityIds, roomId, state to set afterwards for one of them]
export const participants = [
  { adapter: 'alice', entityIds: [ID.agentAlice, ID.userAlice, ID.userZoe], roomId: ID.roomGeneral, state: { entityId: ID.userZoe, value: 'FOLLOWED' } },
  { adapter: 'alice', entityIds: [ID.userAlice], roomId: ID.roomDm, state: { entityId: ID.userAlice, value: 'MUTED' } },
  { adapter: 'bob', entityIds: [ID.agentBob], roomId: ID.roomBob },
];

export const relationships = [
  { adapter: 'alice', value: { sourceEntityId: ID.userAlice, targetEntityId: ID.userZoe, tags: ['friend', 'colleague'], metadata: { since: '2020-05-01', strength: 0.8, interactions: 12 } } },
  { adapter: 'alice', value: { sourceEntityId: ID.userZoe, targetEntityId: ID.userAlice, tags: ['acquaintance'] } },
  { adapter: 'alice', value: { sourceEntityId: ID.agentAlice, targetEntityId: ID.userAlice } },
  { adapter: 'bob', value: { sourceEntityId: ID.agentBob, targetEntityId: ID.userAlice, tags: ['known'], metadata: { via: 'telegram' } } },
];

// `embed: true` takes the next vector of mulberry32(42) (384 components, uniform [0,1)), in this order.
// `unique` left undefined lets the plugin decide (a 0.95-similarity search before the insert).
export const memories = [
  {
    adapter: 'alice', table: 'messages', embed: true, unique: true,
    value: {
      id: mem(1), entityId: ID.userAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral, worldId: ID.worldAlice,
      content: {
        text: 'Hello from Alice — ünïcödé ✓, "quotes", \\backslash\\ and a\nnewline',
        source: 'discord',
        actions: ['REPLY'],
        attachments: [{ id: 'att-1', url: 'https://example.invalid/a.png', title: 'A picture', source: 'discord', contentType: 'image' }],
      },
      metadata: { type: 'message', source: 'discord', timestamp: BASE_MS + 10000, tags: ['greeting'], entityName: 'Alice User' },
      createdAt: BASE_MS + 10000,
    },
  },
  {
    adapter: 'alice', table: 'messages', embed: true, unique: undefined,
    value: {
      id: mem(2), entityId: ID.agentAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral, worldId: ID.worldAlice,
      content: { text: 'Hi Alice, I am the agent.', thought: 'be nice', actions: ['REPLY'], inReplyTo: mem(1), source: 'agent' },
      metadata: { type: 'message' },
      createdAt: BASE_MS + 11000,
    },
  },
  {
    adapter: 'alice', table: 'messages', embed: true, unique: false,
    value: {
      id: mem(3), entityId: ID.userZoe, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'A message stored with unique=false', source: 'discord' },
      metadata: { type: 'message' },
      createdAt: BASE_MS + 12000,
    },
  },
  {
    adapter: 'alice', table: 'messages', embed: false, unique: true,
    value: {
      id: mem(4), entityId: ID.userAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'A message without an embedding' },
      metadata: { type: 'message', source: 'api' },
      createdAt: BASE_MS + 13000,
    },
  },
  {
    adapter: 'alice', table: 'messages', embed: true, unique: true,
    value: {
      id: mem(5), entityId: ID.userAlice, agentId: ID.agentAlice, roomId: ID.roomDm,
      content: { text: 'Direct message', source: 'api', channelType: 'DM' },
      metadata: { type: 'message', scope: 'private' },
      createdAt: BASE_MS + 14000,
    },
  },
  {
    adapter: 'alice', table: 'facts', embed: true, unique: true,
    value: {
      id: mem(6), entityId: ID.userAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'Alice prefers PostgreSQL.', confidence: 0.9 },
      metadata: { type: 'custom', scope: 'private', tags: ['fact'] },
      createdAt: BASE_MS + 20000,
    },
  },
  {
    adapter: 'alice', table: 'facts', embed: true, unique: true,
    value: {
      id: mem(7), entityId: ID.userZoe, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'Zoë likes rockets 🚀.' },
      metadata: { type: 'custom', tags: ['fact', 'emoji'] },
      createdAt: BASE_MS + 21000,
    },
  },
  {
    adapter: 'alice', table: 'facts', embed: false, unique: true,
    value: {
      id: mem(8), entityId: ID.userAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'A fact without an embedding.' },
      metadata: { type: 'custom' },
      createdAt: BASE_MS + 22000,
    },
  },
  {
    adapter: 'alice', table: 'documents', embed: false, unique: true,
    value: {
      id: mem(9), entityId: ID.agentAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'Full document text. Part one. Part two.' },
      metadata: { type: 'document', timestamp: BASE_MS + 30000, source: 'interop', title: 'Interop guide' },
      createdAt: BASE_MS + 30000,
    },
  },
  {
    adapter: 'alice', table: 'knowledge', embed: true, unique: true,
    value: {
      id: mem(10), entityId: ID.agentAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'Full document text. Part one.' },
      metadata: { type: 'fragment', documentId: mem(9), position: 0, timestamp: BASE_MS + 30000, source: 'interop' },
      createdAt: BASE_MS + 30001,
    },
  },
  {
    adapter: 'alice', table: 'knowledge', embed: true, unique: true,
    value: {
      id: mem(11), entityId: ID.agentAlice, agentId: ID.agentAlice, roomId: ID.roomGeneral,
      content: { text: 'Part two.' },
      metadata: { type: 'fragment', documentId: mem(9), position: 1, timestamp: BASE_MS + 30000, source: 'interop' },
      createdAt: BASE_MS + 30002,
    },
  },
  {
    adapter: 'bob', table: 'messages', embed: true, unique: true,
    value: {
      id: mem(12), entityId: ID.agentBob, agentId: ID.agentBob, roomId: ID.roomBob, worldId: ID.worldBob,
      content: { text: 'Bob says hi', source: 'telegram' },
      metadata: { type: 'message' },
      createdAt: BASE_MS + 40000,
    },
  },
];

export const cache = [
  { adapter: 'alice', key: 'interop:settings', value: { theme: 'dark', nested: { list: [1, 2, 3], flag: true } } },
  { adapter: 'alice', key: 'interop:list', value: ['a', 'b', { c: 1 }] },
  { adapter: 'alice', key: 'interop:string', value: 'just a string' },
  { adapter: 'alice', key: 'interop:number', value: 42.5 },
  // setCache has no expiry parameter: fill.mjs sets expires_at of this one with SQL afterwards
  { adapter: 'alice', key: 'interop:expired', value: { stale: true }, expiresAt: '2001-02-03T04:05:06.789Z' },
  { adapter: 'bob', key: 'interop:settings', value: { owner: 'bob' } },
];

export const tasks = [
  {
    adapter: 'alice',
    value: {
      id: ID.taskRepeat, name: 'interop-repeat', description: 'A repeating task', roomId: ID.roomGeneral, worldId: ID.worldAlice,
      tags: ['queue', 'repeat'],
      metadata: { updateInterval: 60000, options: [{ name: 'Yes', description: 'confirm' }], updatedAt: BASE_MS },
    },
  },
  { adapter: 'alice', value: { id: ID.taskOnce, name: 'interop-once', worldId: ID.worldAlice, tags: [], metadata: {} } },
  { adapter: 'bob', value: { id: ID.taskBob, name: 'bob-task', worldId: ID.worldBob, roomId: ID.roomBob, tags: ['queue'] } },
];

export const logs = [
  { adapter: 'alice', value: { entityId: ID.userAlice, roomId: ID.roomGeneral, type: 'action', body: { runId: 'run-1', action: 'REPLY', result: { success: true }, promptCount: 2 } } },
  { adapter: 'alice', value: { entityId: ID.agentAlice, roomId: ID.roomGeneral, type: 'run_event', body: { runId: 'run-1', status: 'started', messageId: mem(1) } } },
  { adapter: 'alice', value: { entityId: ID.agentAlice, roomId: ID.roomGeneral, type: 'run_event', body: { runId: 'run-1', status: 'completed', messageId: mem(1), metadata: { tokens: 123 } } } },
  // the plugin's sanitizeJsonObject doubles a backslash that does not start a JSON escape: 'a\ b' is stored as 'a\\ b'
  { adapter: 'bob', value: { entityId: ID.agentBob, roomId: ID.roomBob, type: 'useModel:TEXT_SMALL', body: { runId: 'run-2', prompt: 'a prompt with a lone backslash \\ and unicode ✓' } } },
];

export const channels = [
  {
    value: {
      id: ID.channelGeneral, messageServerId: ID.messageServer, name: 'general', type: 'GROUP', sourceType: 'discord', sourceId: 'discord-chan-1',
      topic: 'Interop topic', metadata: { slowMode: 0, labels: ['x'] },
    },
    participants: [ID.userAlice, ID.userZoe, ID.agentAlice],
    addedLater: [ID.agentBob],
  },
  { value: { id: ID.channelDm, messageServerId: ID.messageServer, name: 'dm', type: 'DM' }, participants: [], addedLater: [] },
];

export const centralMessages = [
  {
    messageId: ID.centralHello, channelId: ID.channelGeneral, authorId: ID.userAlice, content: 'Hello channel ✓',
    rawMessage: { text: 'Hello channel ✓', attachments: [] }, sourceType: 'discord', sourceId: 'msg-1', metadata: { edited: false },
  },
  { messageId: ID.centralReply, channelId: ID.channelGeneral, authorId: ID.agentAlice, content: 'Reply from agent', inReplyToRootMessageId: ID.centralHello, metadata: { agentName: 'Interop Alice' } },
  { messageId: ID.centralDm, channelId: ID.channelDm, authorId: ID.userZoe, content: 'dm content' },
];

export const messageServerAgents = [
  [ID.messageServer, ID.agentAlice],
  [ID.messageServer, ID.agentBob],
  [ID.messageServerBare, ID.agentAlice],
];
