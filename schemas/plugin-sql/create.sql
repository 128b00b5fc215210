-- The ElizaOS core schema (@elizaos/plugin-sql 1.7.2) as ElizaGen creates it, schema "public".
-- Generated from src/ElizaGen.PluginSql/Schema: do not edit; run the tests with ELIZAGEN_ACCEPT=1 to rewrite.
-- Snapshot hash: 9ebff818a51fb710dfd1d0e9a95c5eb9885a5ac55ff365c6aef7210528c53174

CREATE EXTENSION IF NOT EXISTS "vector";
CREATE EXTENSION IF NOT EXISTS "fuzzystrmatch";

CREATE TABLE "public"."agents" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "enabled" boolean DEFAULT true NOT NULL,
    "server_id" uuid,
    "created_at" timestamp with time zone DEFAULT now() NOT NULL,
    "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
    "name" text NOT NULL,
    "username" text,
    "system" text DEFAULT '',
    "bio" jsonb DEFAULT '[]'::jsonb,
    "message_examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
    "post_examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
    "topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
    "adjectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
    "knowledge" jsonb DEFAULT '[]'::jsonb NOT NULL,
    "plugins" jsonb DEFAULT '[]'::jsonb NOT NULL,
    "settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
    "style" jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."cache" (
    "key" text NOT NULL,
    "agent_id" uuid NOT NULL,
    "value" jsonb NOT NULL,
    "created_at" timestamp with time zone DEFAULT now() NOT NULL,
    "expires_at" timestamp with time zone,
    CONSTRAINT "cache_key_agent_id_pk" PRIMARY KEY ("key", "agent_id")
);

CREATE TABLE "public"."entities" (
    "id" uuid NOT NULL,
    "agent_id" uuid NOT NULL,
    "created_at" timestamp DEFAULT now() NOT NULL,
    "names" text[] DEFAULT '{}'::text[] NOT NULL,
    "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT "entities_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "id_agent_id_unique" UNIQUE ("id", "agent_id")
);

CREATE TABLE "public"."message_servers" (
    "id" uuid NOT NULL,
    "name" text NOT NULL,
    "source_type" text NOT NULL,
    "source_id" text,
    "metadata" jsonb,
    "created_at" timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updated_at" timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT "message_servers_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."channels" (
    "id" text NOT NULL,
    "message_server_id" uuid NOT NULL,
    "name" text NOT NULL,
    "type" text NOT NULL,
    "source_type" text,
    "source_id" text,
    "topic" text,
    "metadata" jsonb,
    "created_at" timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updated_at" timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT "channels_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."central_messages" (
    "id" text NOT NULL,
    "channel_id" text NOT NULL,
    "author_id" text NOT NULL,
    "content" text NOT NULL,
    "raw_message" jsonb,
    "in_reply_to_root_message_id" text,
    "source_type" text,
    "source_id" text,
    "metadata" jsonb,
    "created_at" timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updated_at" timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT "central_messages_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."channel_participants" (
    "channel_id" text NOT NULL,
    "entity_id" text NOT NULL,
    CONSTRAINT "channel_participants_channel_id_entity_id_pk" PRIMARY KEY ("channel_id", "entity_id")
);

CREATE TABLE "public"."message_server_agents" (
    "message_server_id" uuid NOT NULL,
    "agent_id" uuid NOT NULL,
    CONSTRAINT "message_server_agents_message_server_id_agent_id_pk" PRIMARY KEY ("message_server_id", "agent_id")
);

CREATE TABLE "public"."relationships" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "created_at" timestamp with time zone DEFAULT now() NOT NULL,
    "source_entity_id" uuid NOT NULL,
    "target_entity_id" uuid NOT NULL,
    "agent_id" uuid NOT NULL,
    "tags" text[],
    "metadata" jsonb,
    CONSTRAINT "relationships_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unique_relationship" UNIQUE ("source_entity_id", "target_entity_id", "agent_id")
);

CREATE TABLE "public"."rooms" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "agent_id" uuid,
    "source" text NOT NULL,
    "type" text NOT NULL,
    "message_server_id" uuid,
    "world_id" uuid,
    "name" text,
    "metadata" jsonb,
    "channel_id" text,
    "created_at" timestamp DEFAULT now() NOT NULL,
    CONSTRAINT "rooms_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."logs" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "created_at" timestamp with time zone DEFAULT now() NOT NULL,
    "entity_id" uuid NOT NULL,
    "body" jsonb NOT NULL,
    "type" text NOT NULL,
    "room_id" uuid NOT NULL,
    CONSTRAINT "logs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."memories" (
    "id" uuid NOT NULL,
    "type" text NOT NULL,
    "created_at" timestamp DEFAULT now() NOT NULL,
    "content" jsonb NOT NULL,
    "entity_id" uuid,
    "agent_id" uuid NOT NULL,
    "room_id" uuid,
    "world_id" uuid,
    "unique" boolean DEFAULT true NOT NULL,
    "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT "memories_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "document_metadata_check" CHECK (CASE 
                WHEN metadata->>'type' = 'document' THEN
                    metadata ? 'timestamp'
                ELSE true
            END),
    CONSTRAINT "fragment_metadata_check" CHECK (CASE 
                WHEN metadata->>'type' = 'fragment' THEN
                    metadata ? 'documentId' AND 
                    metadata ? 'position'
                ELSE true
            END)
);

CREATE TABLE "public"."embeddings" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "memory_id" uuid,
    "created_at" timestamp DEFAULT now() NOT NULL,
    "dim_384" vector(384),
    "dim_512" vector(512),
    "dim_768" vector(768),
    "dim_1024" vector(1024),
    "dim_1536" vector(1536),
    "dim_3072" vector(3072),
    CONSTRAINT "embeddings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "embedding_source_check" CHECK ("memory_id" IS NOT NULL)
);

CREATE TABLE "public"."participants" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "created_at" timestamp with time zone DEFAULT now() NOT NULL,
    "entity_id" uuid,
    "room_id" uuid,
    "agent_id" uuid,
    "room_state" text,
    CONSTRAINT "participants_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."servers" (
    "id" uuid NOT NULL,
    "created_at" timestamp with time zone DEFAULT now() NOT NULL,
    "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT "servers_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."tasks" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "name" text NOT NULL,
    "description" text,
    "room_id" uuid,
    "world_id" uuid,
    "entity_id" uuid,
    "agent_id" uuid NOT NULL,
    "tags" text[] DEFAULT '{}'::text[],
    "metadata" jsonb DEFAULT '{}'::jsonb,
    "created_at" timestamp with time zone DEFAULT now(),
    "updated_at" timestamp with time zone DEFAULT now(),
    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."worlds" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "agent_id" uuid NOT NULL,
    "name" text NOT NULL,
    "metadata" jsonb,
    "message_server_id" uuid,
    "created_at" timestamp DEFAULT now() NOT NULL,
    CONSTRAINT "worlds_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "public"."components" (
    "id" uuid DEFAULT gen_random_uuid() NOT NULL,
    "entity_id" uuid NOT NULL,
    "agent_id" uuid NOT NULL,
    "room_id" uuid NOT NULL,
    "world_id" uuid,
    "source_entity_id" uuid,
    "type" text NOT NULL,
    "data" jsonb DEFAULT '{}'::jsonb,
    "created_at" timestamp DEFAULT now() NOT NULL,
    CONSTRAINT "components_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "idx_relationships_users" ON "public"."relationships" USING "btree" ("source_entity_id", "target_entity_id");

CREATE INDEX "idx_fragments_order" ON "public"."memories" USING "btree" ((((metadata->>'documentId'))), (((metadata->>'position'))));

CREATE INDEX "idx_memories_document_id" ON "public"."memories" USING "btree" ((((metadata->>'documentId'))));

CREATE INDEX "idx_memories_metadata_type" ON "public"."memories" USING "btree" ((((metadata->>'type'))));

CREATE INDEX "idx_memories_type_room" ON "public"."memories" USING "btree" ("type", "room_id");

CREATE INDEX "idx_memories_world_id" ON "public"."memories" USING "btree" ("world_id");

CREATE INDEX "idx_embedding_memory" ON "public"."embeddings" USING "btree" ("memory_id");

CREATE INDEX "idx_embeddings_dim_1024_hnsw" ON "public"."embeddings" USING "hnsw" ("dim_1024" "vector_cosine_ops");

CREATE INDEX "idx_embeddings_dim_1536_hnsw" ON "public"."embeddings" USING "hnsw" ("dim_1536" "vector_cosine_ops");

CREATE INDEX "idx_embeddings_dim_3072_hnsw" ON "public"."embeddings" USING "hnsw" ((("dim_3072"::halfvec(3072))) "halfvec_cosine_ops");

CREATE INDEX "idx_embeddings_dim_384_hnsw" ON "public"."embeddings" USING "hnsw" ("dim_384" "vector_cosine_ops");

CREATE INDEX "idx_embeddings_dim_512_hnsw" ON "public"."embeddings" USING "hnsw" ("dim_512" "vector_cosine_ops");

CREATE INDEX "idx_embeddings_dim_768_hnsw" ON "public"."embeddings" USING "hnsw" ("dim_768" "vector_cosine_ops");

CREATE INDEX "idx_participants_room" ON "public"."participants" USING "btree" ("room_id");

CREATE INDEX "idx_participants_user" ON "public"."participants" USING "btree" ("entity_id");

ALTER TABLE "public"."cache" ADD CONSTRAINT "cache_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."entities" ADD CONSTRAINT "entities_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."channels" ADD CONSTRAINT "channels_message_server_id_message_servers_id_fk" FOREIGN KEY ("message_server_id") REFERENCES "public"."message_servers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."central_messages" ADD CONSTRAINT "central_messages_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."central_messages" ADD CONSTRAINT "central_messages_in_reply_to_root_message_id_central_messages_i" FOREIGN KEY ("in_reply_to_root_message_id") REFERENCES "public"."central_messages" ("id") ON DELETE SET NULL ON UPDATE NO ACTION;

ALTER TABLE "public"."channel_participants" ADD CONSTRAINT "channel_participants_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."message_server_agents" ADD CONSTRAINT "message_server_agents_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."message_server_agents" ADD CONSTRAINT "message_server_agents_message_server_id_message_servers_id_fk" FOREIGN KEY ("message_server_id") REFERENCES "public"."message_servers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."relationships" ADD CONSTRAINT "fk_user_a" FOREIGN KEY ("source_entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."relationships" ADD CONSTRAINT "fk_user_b" FOREIGN KEY ("target_entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."relationships" ADD CONSTRAINT "relationships_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."relationships" ADD CONSTRAINT "relationships_source_entity_id_entities_id_fk" FOREIGN KEY ("source_entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."relationships" ADD CONSTRAINT "relationships_target_entity_id_entities_id_fk" FOREIGN KEY ("target_entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."rooms" ADD CONSTRAINT "rooms_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."logs" ADD CONSTRAINT "logs_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."logs" ADD CONSTRAINT "logs_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."memories" ADD CONSTRAINT "fk_agent" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."memories" ADD CONSTRAINT "memories_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."memories" ADD CONSTRAINT "memories_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."memories" ADD CONSTRAINT "memories_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."embeddings" ADD CONSTRAINT "embeddings_memory_id_memories_id_fk" FOREIGN KEY ("memory_id") REFERENCES "public"."memories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."embeddings" ADD CONSTRAINT "fk_embedding_memory" FOREIGN KEY ("memory_id") REFERENCES "public"."memories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."participants" ADD CONSTRAINT "fk_room" FOREIGN KEY ("room_id") REFERENCES "public"."rooms" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."participants" ADD CONSTRAINT "fk_user" FOREIGN KEY ("entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."participants" ADD CONSTRAINT "participants_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."participants" ADD CONSTRAINT "participants_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."participants" ADD CONSTRAINT "participants_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."tasks" ADD CONSTRAINT "tasks_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."worlds" ADD CONSTRAINT "worlds_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."components" ADD CONSTRAINT "components_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."components" ADD CONSTRAINT "components_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."components" ADD CONSTRAINT "components_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."components" ADD CONSTRAINT "components_source_entity_id_entities_id_fk" FOREIGN KEY ("source_entity_id") REFERENCES "public"."entities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

ALTER TABLE "public"."components" ADD CONSTRAINT "components_world_id_worlds_id_fk" FOREIGN KEY ("world_id") REFERENCES "public"."worlds" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;
