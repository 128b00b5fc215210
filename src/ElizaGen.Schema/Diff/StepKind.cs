namespace ElizaGen.Schema.Diff;

/// <summary>What a migration step does.</summary>
public enum StepKind
{
    /// <summary><c>CREATE SCHEMA IF NOT EXISTS</c>.</summary>
    CreateSchema,

    /// <summary><c>DROP SCHEMA</c> (never CASCADE: it fails if the schema still holds anything).</summary>
    DropSchema,

    /// <summary><c>CREATE TYPE … AS ENUM</c>.</summary>
    CreateEnum,

    /// <summary><c>ALTER TYPE … ADD VALUE … [BEFORE …]</c>.</summary>
    AddEnumValue,

    /// <summary><c>ALTER TYPE … RENAME TO</c>: moves an enum aside so that a new one with other values can replace it.</summary>
    RenameEnum,

    /// <summary><c>DROP TYPE</c>.</summary>
    DropEnum,

    /// <summary><c>CREATE TABLE</c>.</summary>
    CreateTable,

    /// <summary><c>DROP TABLE</c>.</summary>
    DropTable,

    /// <summary><c>ALTER TABLE … RENAME TO</c>.</summary>
    RenameTable,

    /// <summary><c>ALTER TABLE … ADD COLUMN</c>.</summary>
    AddColumn,

    /// <summary><c>ALTER TABLE … DROP COLUMN</c>.</summary>
    DropColumn,

    /// <summary><c>ALTER TABLE … RENAME COLUMN</c>.</summary>
    RenameColumn,

    /// <summary><c>ALTER TABLE … ALTER COLUMN … SET DATA TYPE … [USING …]</c>.</summary>
    AlterColumnType,

    /// <summary><c>ALTER TABLE … ALTER COLUMN … SET NOT NULL</c>.</summary>
    SetNotNull,

    /// <summary><c>ALTER TABLE … ALTER COLUMN … DROP NOT NULL</c>.</summary>
    DropNotNull,

    /// <summary><c>ALTER TABLE … ALTER COLUMN … SET DEFAULT</c>.</summary>
    SetDefault,

    /// <summary><c>ALTER TABLE … ALTER COLUMN … DROP DEFAULT</c>.</summary>
    DropDefault,

    /// <summary><c>UPDATE … SET column = DEFAULT WHERE column IS NULL</c>, before the column becomes NOT NULL.</summary>
    FillNulls,

    /// <summary><c>ALTER TABLE … ALTER COLUMN … DROP EXPRESSION</c>: a generated column becomes a plain one, keeping its values.</summary>
    DropExpression,

    /// <summary>Creates and positions the sequence of a column that becomes serial.</summary>
    CreateSequence,

    /// <summary>Widens the sequence of a serial column that becomes bigserial.</summary>
    AlterSequence,

    /// <summary>Drops the sequence of a column that stops being serial.</summary>
    DropSequence,

    /// <summary><c>ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY</c>.</summary>
    AddPrimaryKey,

    /// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of the primary key.</summary>
    DropPrimaryKey,

    /// <summary><c>ALTER TABLE … ADD CONSTRAINT … UNIQUE</c>.</summary>
    AddUniqueConstraint,

    /// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of a unique constraint.</summary>
    DropUniqueConstraint,

    /// <summary><c>ALTER TABLE … ADD CONSTRAINT … CHECK</c>.</summary>
    AddCheckConstraint,

    /// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of a check constraint.</summary>
    DropCheckConstraint,

    /// <summary><c>ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY</c>.</summary>
    AddForeignKey,

    /// <summary><c>ALTER TABLE … DROP CONSTRAINT</c> of a foreign key.</summary>
    DropForeignKey,

    /// <summary><c>ALTER TABLE … RENAME CONSTRAINT</c> (a key or constraint whose definition is unchanged).</summary>
    RenameConstraint,

    /// <summary><c>CREATE [UNIQUE] INDEX</c>.</summary>
    CreateIndex,

    /// <summary><c>DROP INDEX</c>.</summary>
    DropIndex,

    /// <summary><c>ALTER INDEX … RENAME TO</c> (an index whose definition is unchanged).</summary>
    RenameIndex,
}
